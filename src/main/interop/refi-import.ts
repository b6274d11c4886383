// REFI-QDA import: coded text passages and codes from a .qdpx project, or codes from a .qdc codebook.
//
// A PlainTextSelection's positions are read as Unicode code points of the source's plain text
// (see refi-text.ts). The quote taken from there is what the import service matches against the
// corpus. The position goes with it in UTF-16 units of that text, with the text's hash: it picks
// among occurrences of a repeated quote only in a corpus document with exactly that text, since any
// other tool's text (different line endings, paragraphing or spelling) puts the same words at
// other offsets; there it is only a hint.
import { GlossatorError } from '../../shared/result';
import { describe } from '../../shared/anchoring';
import { hashText } from '../corpus/corpus';
import { MAX_DOCUMENT_BYTES } from '../corpus/readers/types';
import { inflateEntries, listZip, type ZipEntry } from '../corpus/readers/zip-guard';
import type { IncomingPassage, IncomingTag, ParsedImport } from './types';
import { VARIABLES } from './refi-export';
import { attr, children, fromRgb, guidKey, parseRoot, textOf, type XmlNode } from './refi-xml';
import { readSourceText } from './refi-text';

interface Code {
  name: string;
  codable: boolean;
  color: string | null;
  description: string;
}

/** What every part of the project needs: its files, codes, notes and how it counts line breaks. */
interface Project {
  files: ArchiveFiles;
  codes: ReadonlyMap<string, Code>;
  notes: ReadonlyMap<string, string>;
  /** Selection GUID → notes linked to it from the note's side (NVivo writes Links). */
  linked: ReadonlyMap<string, string[]>;
  variables: ReadonlyMap<string, string>;
  fromGlossator: boolean;
  crlfIsOne: boolean;
}

export function parseQdpx(bytes: Uint8Array): ParsedImport {
  const files = new ArchiveFiles(bytes);
  const qde = files.project();
  if (qde === undefined) {
    const message = 'This .qdpx file has no project.qde inside, so it is not a REFI-QDA project.';
    throw new GlossatorError('invalid-argument', message);
  }
  const root = parseRoot(decodeText(qde, 'project file (project.qde)'), 'Project', 'project file (project.qde)');
  const origin = attr(root, 'origin') ?? '';
  const codes = new Map<string, Code>();
  for (const book of children(root, 'CodeBook')) for (const list of children(book, 'Codes')) collectCodes(list, codes);
  const project: Project = {
    files,
    codes,
    notes: new Map(
      children(root, 'Notes')
        .flatMap((n) => children(n, 'Note'))
        .map((note) => [guidKey(attr(note, 'guid') ?? ''), sourceTextOf(note, files) ?? ''] as const),
    ),
    linked: linkedNotes(root),
    variables: new Map(
      children(root, 'Variables')
        .flatMap((v) => children(v, 'Variable'))
        .map((v) => [guidKey(attr(v, 'guid') ?? ''), attr(v, 'name') ?? ''] as const),
    ),
    fromGlossator: /^glossator\b/i.test(origin),
    // ATLAS.ti writes "\r\n" in its text files but counts it as one position (as QualCoder notes).
    crlfIsOne: /atlas/i.test(origin),
  };
  const passages: IncomingPassage[] = [];
  for (const sources of children(root, 'Sources')) {
    for (const source of children(sources, 'TextSource')) passages.push(...sourcePassages(source, source, project));
    // A PDF's coded text lives in its plain-text Representation.
    for (const pdf of children(sources, 'PDFSource')) {
      for (const rep of children(pdf, 'Representation')) passages.push(...sourcePassages(rep, pdf, project));
    }
  }
  return { tags: tagsOf(codes), passages };
}

export function parseQdc(xml: string): ParsedImport {
  const root = parseRoot(xml, 'CodeBook', 'codebook file (.qdc)');
  const codes = new Map<string, Code>();
  for (const list of children(root, 'Codes')) collectCodes(list, codes);
  return { tags: tagsOf(codes), passages: [] };
}

/**
 * Caps on what a .qdpx may unpack to. The project file holds every code, selection and note
 * (about 600 bytes a passage, so 128 MB is some 200,000 passages); a source text is capped like
 * a corpus document; and all that is read together stays under TOTAL_BYTES.
 */
const MAX_PROJECT_BYTES = 128 * 1024 * 1024;
const MAX_TOTAL_BYTES = 256 * 1024 * 1024;

/**
 * The archive's files, inflated only when asked for: the project file first, then the source
 * texts its selections use. Audio, video, PDFs and unused entries are never inflated, and
 * everything inflated counts against one total (zip-guard.ts), whatever the archive claims.
 */
class ArchiveFiles {
  private readonly entries: ZipEntry[];
  /** Lower-case path without a leading "./" or "/" → entry: tools disagree on "sources/" versus "Sources/". */
  private readonly byPath: Map<string, ZipEntry>;
  private readonly read = new Map<string, Uint8Array | undefined>();
  private readonly spent = { bytes: 0 };
  private readonly owner = { what: 'This .qdpx file' };

  constructor(private readonly bytes: Uint8Array) {
    try {
      this.entries = listZip(bytes, this.owner);
    } catch (e) {
      if (e instanceof GlossatorError && e.code === 'invalid-argument') {
        throw new GlossatorError('invalid-argument', 'This file is not a .qdpx project: it is not a readable zip archive.');
      }
      throw e;
    }
    this.byPath = new Map(this.entries.map((e) => [e.name.replace(/^\.?\/+/, '').toLowerCase(), e]));
  }

  /** project.qde, else the one .qde at the top of the archive. */
  project(): Uint8Array | undefined {
    const path = this.byPath.has('project.qde') ? 'project.qde' : [...this.byPath.keys()].find((p) => /^[^/]+\.qde$/.test(p));
    return path === undefined ? undefined : this.inflate(path, MAX_PROJECT_BYTES);
  }

  /** A source or note text by its lower-case path ("sources/….txt"); undefined when the archive has none. */
  get(path: string): Uint8Array | undefined {
    return this.inflate(path, MAX_DOCUMENT_BYTES);
  }

  private inflate(path: string, maxEntryBytes: number): Uint8Array | undefined {
    if (this.read.has(path)) return this.read.get(path);
    const entry = this.byPath.get(path);
    const data =
      entry === undefined
        ? undefined
        : inflateEntries(this.bytes, this.owner, (name) => name === entry.name, { maxEntryBytes, maxTotalBytes: MAX_TOTAL_BYTES }, { entries: [entry], spent: this.spent }).get(entry.name);
    this.read.set(path, data);
    return data;
  }
}

/**
 * UTF-8 unless a byte-order mark says UTF-16; the mark itself is not part of the text. Without
 * `what`, bytes that are not UTF-8 read as U+FFFD (one position each) rather than stopping the
 * import: a source text in another encoding then only fails to match, passage by passage.
 */
function decodeText(bytes: Uint8Array, what?: string): string {
  const [b0, b1] = bytes;
  const encoding = b0 === 0xff && b1 === 0xfe ? 'utf-16le' : b0 === 0xfe && b1 === 0xff ? 'utf-16be' : 'utf-8';
  try {
    return new TextDecoder(encoding, { fatal: what !== undefined }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new GlossatorError('invalid-argument', `The ${what} is not UTF-8 text, so it cannot be read.`);
  }
}

/** Every Code at any depth, by GUID; a nested code keeps its own name. */
function collectCodes(list: XmlNode, into: Map<string, Code>): void {
  for (const code of children(list, 'Code')) {
    const guid = attr(code, 'guid');
    const name = (attr(code, 'name') ?? '').trim();
    if (guid !== undefined && name !== '') {
      into.set(guidKey(guid), {
        name,
        codable: attr(code, 'isCodable')?.trim() !== 'false',
        color: fromRgb(attr(code, 'color')),
        description: textOf(children(code, 'Description')[0]).trim(),
      });
    }
    collectCodes(code, into);
  }
}

/** Codable codes become tags; non-codable ones are only folders in the other tool. One tag per name. */
function tagsOf(codes: ReadonlyMap<string, Code>): IncomingTag[] {
  const seen = new Set<string>();
  return [...codes.values()].flatMap((c) => {
    const key = c.name.toLowerCase();
    if (!c.codable || seen.has(key)) return [];
    seen.add(key);
    return [{ name: c.name, color: c.color, description: c.description === '' ? null : c.description }];
  });
}

/** The plain text of a source or note: an internal file, else its PlainTextContent; null when neither is there. */
function sourceTextOf(node: XmlNode, files: ArchiveFiles): string | null {
  const path = attr(node, 'plainTextPath');
  const internal = path === undefined ? null : /^internal:\/\/(.+)$/i.exec(path.trim())?.[1];
  const file = internal ? files.get(`sources/${internal.replace(/^\/+/, '').toLowerCase()}`) : undefined;
  if (file !== undefined) return decodeText(file);
  const content = children(node, 'PlainTextContent')[0];
  return content === undefined ? null : textOf(content);
}

function linkedNotes(root: XmlNode): Map<string, string[]> {
  const linked = new Map<string, string[]>();
  for (const link of children(root, 'Links').flatMap((l) => children(l, 'Link'))) {
    const from = attr(link, 'originGUID');
    const to = attr(link, 'targetGUID');
    if (from === undefined || to === undefined) continue;
    // Either end may be the note; the other end is looked up as a selection.
    for (const [note, target] of [[from, to], [to, from]] as const) {
      linked.set(guidKey(target), [...(linked.get(guidKey(target)) ?? []), guidKey(note)]);
    }
  }
  return linked;
}

function sourcePassages(source: XmlNode, named: XmlNode, project: Project): IncomingPassage[] {
  const selections = children(source, 'PlainTextSelection');
  if (selections.length === 0) return [];
  const raw = sourceTextOf(source, project.files);
  const values = new Map(
    children(named, 'VariableValue').map((v) => {
      const ref = attr(children(v, 'VariableRef')[0] ?? {}, 'targetGUID') ?? '';
      return [project.variables.get(guidKey(ref)) ?? '', textOf(children(v, 'TextValue')[0]).trim()] as const;
    }),
  );
  const hints = sourceHints((attr(named, 'name') ?? '').trim(), values);
  // An external file (relative:// or absolute://) is not in the archive; its passages still go
  // to the import service, quoting nothing, so the analyst is told about them instead of losing them.
  const text = raw === null ? null : readSourceText(raw, project.crlfIsOne);
  const positionIn = text === null ? '' : hashText(text.text);
  return selections.map((selection) => {
    const start = text?.offsetOf(Number(attr(selection, 'startPosition'))) ?? null;
    const end = text?.offsetOf(Number(attr(selection, 'endPosition'))) ?? null;
    const placed = text !== null && start !== null && end !== null && start < end;
    const guid = attr(selection, 'guid') ?? '';
    const passage: IncomingPassage = {
      source: hints,
      quote: placed ? describe(text.text, start, end, '').quote : { exact: '' },
      tagNames: tagNamesOf(selection, project),
      note: notesOf(selection, project),
    };
    if (placed) {
      passage.position = { start, end };
      passage.positionIn = positionIn;
    }
    if (project.fromGlossator && guid !== '') passage.id = guidKey(guid);
    const created = isoOf(attr(selection, 'creationDateTime'));
    const modified = isoOf(attr(selection, 'modifiedDateTime'));
    if (created !== undefined) passage.created = created;
    if (modified !== undefined) passage.modified = modified;
    return passage;
  });
}

/** Where the passage came from, for the import service to find the corpus document by. */
function sourceHints(name: string, values: ReadonlyMap<string, string>): IncomingPassage['source'] {
  const hints: IncomingPassage['source'] = {};
  const docId = values.get(VARIABLES.docId);
  // Other tools name a source after its file ("interview 3.txt") as often as after its title.
  const fileName = values.get(VARIABLES.file) || (/\.[A-Za-z0-9]{1,5}$/.test(name) ? name : '');
  const uri = values.get(VARIABLES.url);
  if (docId) hints.docId = docId;
  if (fileName) hints.fileName = fileName;
  if (uri) hints.uri = uri;
  if (name) hints.title = name;
  return hints;
}

function tagNamesOf(selection: XmlNode, project: Project): string[] {
  const names = children(selection, 'Coding').flatMap((coding) => {
    const target = attr(children(coding, 'CodeRef')[0] ?? {}, 'targetGUID');
    const code = target === undefined ? undefined : project.codes.get(guidKey(target));
    return code === undefined ? [] : [code.name]; // a GUID that is no code (NVivo: a case) is not a tag
  });
  return [...new Set(names)];
}

/** Notes referenced from the selection or its codings, linked to it, or its Description (QualCoder and MAXQDA memos). */
function notesOf(selection: XmlNode, project: Project): string {
  const refs = [selection, ...children(selection, 'Coding')].flatMap((n) => children(n, 'NoteRef'));
  const linked = project.linked.get(guidKey(attr(selection, 'guid') ?? '')) ?? [];
  const guids = [...refs.map((r) => guidKey(attr(r, 'targetGUID') ?? '')), ...linked];
  const texts = [...new Set(guids)].flatMap((g) => (project.notes.has(g) ? [project.notes.get(g)!] : []));
  texts.push(textOf(children(selection, 'Description')[0]));
  return [...new Set(texts.filter((t) => t.trim() !== ''))].join('\n\n');
}

function isoOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
