// What changed between two versions of a project, in an analyst's words: commit messages ("3 passages added, 1 edited
// on 002-…; codebook: renamed Friction to Tension") and sync reports ("pulled 12 passages from Sara").
import { parseJsonl, type JsonlFile } from './jsonl';
import { diffRecords } from './record-merge';

export interface ChangedFile {
  path: string;
  before: Uint8Array | null;
  after: Uint8Array | null;
}

export interface ChangeSummary {
  passages: { added: number; edited: number; removed: number };
  /** Passages changed per coder id (adjudicated ones under "adjudicated"). */
  byCoder: Map<string, number>;
  docs: string[];
  /** Files of the corpus itself (outside .glossator/ and dotfiles). */
  documents: string[];
  codebook: string[];
  other: string[];
}

const decoder = new TextDecoder();
const PASSAGES = /^\.glossator\/(?:coders\/([^/]+)|(adjudicated))\/passages\/([^/]+)\.jsonl$/;

function parse(bytes: Uint8Array | null, path: string): JsonlFile | null {
  if (!bytes) return null;
  try {
    return parseJsonl(decoder.decode(bytes), path);
  } catch {
    return null; // a file that cannot be read is counted as a file, not as records
  }
}

const nameOf = (v: Record<string, unknown>) => (typeof v.name === 'string' ? v.name : String(v.id));

export function summarise(files: readonly ChangedFile[]): ChangeSummary {
  const out: ChangeSummary = { passages: { added: 0, edited: 0, removed: 0 }, byCoder: new Map(), docs: [], documents: [], codebook: [], other: [] };
  for (const f of files) {
    const passages = PASSAGES.exec(f.path);
    if (passages) {
      const d = diffRecords(parse(f.before, f.path), parse(f.after, f.path));
      const n = d.added.length + d.edited.length + d.removed.length;
      if (n === 0) continue;
      out.passages.added += d.added.length;
      out.passages.edited += d.edited.length;
      out.passages.removed += d.removed.length;
      const coder = passages[1] ?? 'adjudicated';
      out.byCoder.set(coder, (out.byCoder.get(coder) ?? 0) + n);
      if (!out.docs.includes(passages[3]!)) out.docs.push(passages[3]!);
    } else if (f.path === '.glossator/codebook.jsonl') {
      const d = diffRecords(parse(f.before, f.path), parse(f.after, f.path));
      for (const r of d.added) out.codebook.push(`added ${nameOf(r.value)}`);
      for (const [a, b] of d.edited) {
        const what: string[] = [];
        if (a.value.name !== b.value.name) what.push(`renamed ${nameOf(a.value)} to ${nameOf(b.value)}`);
        if (a.value.color !== b.value.color) what.push(`recoloured ${nameOf(b.value)}`);
        if (what.length === 0) what.push(`edited ${nameOf(b.value)}`);
        out.codebook.push(...what);
      }
      for (const r of d.removed) out.codebook.push(`deleted ${nameOf(r.value)}`);
    } else if (!f.path.startsWith('.')) {
      out.documents.push(f.path);
    } else if (f.path.startsWith('.glossator/') && !/\/(coverage|snapshots)\//.test(f.path) && f.path !== '.glossator/conflicts.jsonl') {
      out.other.push(f.path);
    }
  }
  return out;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function passagePhrase(p: ChangeSummary['passages']): string {
  const parts: string[] = [];
  if (p.added) parts.push(`${plural(p.added, 'passage')} added`);
  if (p.edited) parts.push(parts.length ? `${p.edited} edited` : `${plural(p.edited, 'passage')} edited`);
  if (p.removed) parts.push(parts.length ? `${p.removed} deleted` : `${plural(p.removed, 'passage')} deleted`);
  return parts.join(', ');
}

/** A commit message: a subject line saying what changed, then one line per file. */
export function commitMessage(files: readonly ChangedFile[]): string {
  const s = summarise(files);
  const parts: string[] = [];
  const passages = passagePhrase(s.passages);
  if (passages) parts.push(`${passages} ${s.docs.length === 1 ? `on ${s.docs[0]}` : `on ${plural(s.docs.length, 'document')}`}`);
  if (s.codebook.length) parts.push(`codebook: ${s.codebook.slice(0, 3).join(', ')}${s.codebook.length > 3 ? `, +${s.codebook.length - 3} more` : ''}`);
  if (s.documents.length) parts.push(`${plural(s.documents.length, 'document')} added or changed`);
  if (s.other.length) parts.push(`${plural(s.other.length, 'project file')} changed`);
  const subject = `Glossator sync: ${parts.length ? parts.join('; ') : 'project files updated'}`;
  const body = files.map((f) => `${f.before === null ? 'added' : f.after === null ? 'deleted' : 'changed'} ${f.path}`);
  return `${subject}\n\n${body.slice(0, 200).join('\n')}${body.length > 200 ? `\n… and ${body.length - 200} more files` : ''}\n`;
}
