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
import type { ImportChange } from '../../shared/types';
import type { IncomingCreator, IncomingPassage, IncomingTag, ParsedImport } from './types';
import { chooseReading } from './refi-positions';
import { VARIABLES } from './refi-export';
import { attr, children, fromRgb, guidKey, parseRoot, textOf, type XmlNode } from './refi-xml';
import { refiMemos } from './refi-import-memos';

interface Code {
  guid: string;
  name: string;
  codable: boolean;
  color: string | null;
  description: string;
  parent: string | null;
}

/** A text annotation kept as a Note (QualCoder): its text, its own PlainTextSelection and who wrote it. */
interface AnnotationNote {
  guid: string;
  text: string;
  selection: XmlNode;
  user: string | undefined;
  created: string | undefined;
}

/** What every part of the project needs: its files, codes, notes and how it counts line breaks. */
interface Project {
  files: ArchiveFiles;
  codes: ReadonlyMap<string, Code>;
  notes: ReadonlyMap<string, string>;
  /** Selection GUID → notes linked to it from the note's side (NVivo writes Links). */
  linked: ReadonlyMap<string, string[]>;
  variables: ReadonlyMap<string, string>;
  /** User GUID → name. */
  users: ReadonlyMap<string, string>;
  fromGlossator: boolean;
  crlfIsOne: boolean;
  changes: ImportChange[];
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
  for (const book of children(root, 'CodeBook')) for (const list of children(book, 'Codes')) collectCodes(list, codes, null);
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
    users: new Map(
      children(root, 'Users')
        .flatMap((u) => children(u, 'User'))
        .map((u) => [guidKey(attr(u, 'guid') ?? ''), (attr(u, 'name') ?? '').trim()] as const),
    ),
    fromGlossator: /^glossator\b/i.test(origin),
    // ATLAS.ti writes "\r\n" in its text files but counts it as one position (as QualCoder notes).
    crlfIsOne: /atlas/i.test(origin),
    changes: [],
  };
  // Text sources: a TextSource, or a PDF's plain-text Representation (where its coded text lives).
  const sources: [XmlNode, XmlNode][] = children(root, 'Sources').flatMap((list) => [
    ...children(list, 'TextSource').map((s) => [s, s] as [XmlNode, XmlNode]),
    ...children(list, 'PDFSource').flatMap((pdf) => children(pdf, 'Representation').map((r) => [r, pdf] as [XmlNode, XmlNode])),
  ]);
  const annotations = annotationNotes(root, sources, project);
  const passages: IncomingPassage[] = [];
  for (const [source, named] of sources) passages.push(...sourcePassages(source, named, project, annotations.get(source) ?? []));
  passages.push(...annotations.orphans);
  const memos = refiMemos(root, {
    sources,
    hintsOf: (named) => sourceHints((attr(named, 'name') ?? '').trim(), variableValues(named, project)),
    textOf: (note) => sourceTextOf(note, files) ?? '',
    descriptionsAreMemos: !project.fromGlossator,
    changes: project.changes,
  });
  return { tags: tagsOf(codes, project.changes), passages, memos, changes: project.changes };
}

/**
 * QualCoder keeps a text annotation as a Note holding PlainTextContent and its own
 * PlainTextSelection, tied to its source by a NoteRef on the TextSource (refi.py,
 * create_annotation_note_xml / sources_xml). Its exporter writes that NoteRef for the first
 * annotation of each source only; a note no source names is given to the project's only text
 * source when there is one, and otherwise listed, unplaced, with why.
 */
function annotationNotes(root: XmlNode, sources: [XmlNode, XmlNode][], project: Project) {
  const owner = new Map<string, XmlNode>();
  for (const [source] of sources) for (const ref of children(source, 'NoteRef')) owner.set(guidKey(attr(ref, 'targetGUID') ?? ''), source);
  const bySource = new Map<XmlNode, AnnotationNote[]>();
  const orphans: IncomingPassage[] = [];
  for (const note of children(root, 'Notes').flatMap((n) => children(n, 'Note'))) {
    const selection = children(note, 'PlainTextSelection')[0];
    if (selection === undefined) continue; // a journal entry or memo, not a text annotation
    const guid = guidKey(attr(note, 'guid') ?? '');
    const item: AnnotationNote = {
      guid,
      text: textOf(children(note, 'PlainTextContent')[0]),
      selection,
      user: attr(note, 'creatingUser') ?? attr(note, 'modifyingUser'),
      created: attr(note, 'creationDateTime') ?? attr(note, 'modifiedDateTime'),
    };
    let source = owner.get(guid);
    if (source === undefined && sources.length === 1) {
      source = sources[0]![0];
      project.changes.push({
        what: `The note “${shortText(item.text)}” was placed in “${attr(sources[0]![1], 'name') ?? 'the only source'}”`,
        why: "no source names it with a NoteRef (QualCoder's export writes one only for the first note of each source); this is the project's only text source",
      });
    }
    if (source === undefined) {
      orphans.push({
        source: {},
        quote: { exact: '' },
        tagNames: [],
        note: item.text,
        unquotable: 'it is a note on text, but no source in the project names it (no NoteRef), so which document it belongs to is unknown',
        ...creatorOf(item.user, project),
      });
      continue;
    }
    bySource.set(source, [...(bySource.get(source) ?? []), item]);
  }
  return { get: (source: XmlNode) => bySource.get(source), orphans };
}

const shortText = (s: string) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 50 ? `${flat.slice(0, 49)}…` : flat;
};

function creatorOf(user: string | undefined, project: Project): { creator?: IncomingCreator } {
  if (user === undefined || user.trim() === '') return {};
  const name = project.users.get(guidKey(user));
  return { creator: { id: guidKey(user), ...(name ? { name } : {}) } };
}

export function parseQdc(xml: string): ParsedImport {
  const root = parseRoot(xml, 'CodeBook', 'codebook file (.qdc)');
  const codes = new Map<string, Code>();
  for (const list of children(root, 'Codes')) collectCodes(list, codes, null);
  const changes: ImportChange[] = [];
  return { tags: tagsOf(codes, changes), passages: [], changes };
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

/** Every Code at any depth, by GUID, in document order (parents before their children), each knowing its parent. */
function collectCodes(list: XmlNode, into: Map<string, Code>, parent: string | null): void {
  for (const code of children(list, 'Code')) {
    const guid = attr(code, 'guid');
    const name = (attr(code, 'name') ?? '').trim();
    const key = guid === undefined ? undefined : guidKey(guid);
    if (key !== undefined && name !== '' && !into.has(key)) {
      into.set(key, {
        guid: key,
        name,
        codable: attr(code, 'isCodable')?.trim() !== 'false',
        color: fromRgb(attr(code, 'color')),
        description: textOf(children(code, 'Description')[0]).trim(),
        parent,
      });
    }
    // A code without a usable GUID or name cannot be referred to; its children go to its parent.
    collectCodes(code, into, key !== undefined && into.has(key) ? key : parent);
  }
}

/**
 * Every code becomes a tag under its parent, so the tree is kept. A code that cannot code text
 * (isCodable="false": a QualCoder category, a folder elsewhere) becomes a tag too, said so in the
 * report, since Glossator has no folders and its codes must keep their place.
 */
function tagsOf(codes: ReadonlyMap<string, Code>, changes: ImportChange[]): IncomingTag[] {
  return [...codes.values()].map((c) => {
    if (!c.codable) {
      changes.push({
        what: `“${c.name}” became a tag`,
        why: 'in the file it is a category that cannot code text (isCodable="false"); it is kept as a tag so the codes under it keep their place',
      });
    }
    return {
      name: c.name,
      color: c.color,
      description: c.description === '' ? null : c.description,
      key: c.guid,
      parentKey: c.parent,
      ...(c.codable ? {} : { folder: true }),
    };
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

function sourcePassages(source: XmlNode, named: XmlNode, project: Project, notes: readonly AnnotationNote[]): IncomingPassage[] {
  const selections = children(source, 'PlainTextSelection');
  if (selections.length === 0 && notes.length === 0) return [];
  const raw = sourceTextOf(source, project.files);
  const sourceName = (attr(named, 'name') ?? '').trim();
  const hints = sourceHints(sourceName, variableValues(named, project));
  const all = [...selections, ...notes.map((n) => n.selection)];
  const bounds = all.map((s) => ({
    start: Number(attr(s, 'startPosition')),
    end: Number(attr(s, 'endPosition')),
    name: attr(s, 'name') ?? '',
  }));
  // An external file (relative:// or absolute://) is not in the archive; its passages still go
  // to the import service, quoting nothing, so the analyst is told about them instead of losing them.
  const reading = raw === null ? null : chooseReading(raw, project.crlfIsOne, bounds, sourceName || 'a source');
  if (reading) project.changes.push(...reading.changes);
  const text = reading?.text ?? null;
  const positionIn = text === null ? '' : hashText(text.text);
  // Every passage of one source shares its key: the import service finds the document once for all.
  const sourceKey = `refi:${guidKey(attr(named, 'guid') ?? '')}`;
  return all.map((selection, i) => {
    const note = i >= selections.length ? notes[i - selections.length]! : null;
    const start = text?.offsetOf(bounds[i]!.start) ?? null;
    const end = text?.offsetOf(bounds[i]!.end) ?? null;
    const byName = reading?.byName[i] === true;
    const placed = !byName && text !== null && start !== null && end !== null && start < end;
    const guid = attr(selection, 'guid') ?? '';
    const passage: IncomingPassage = {
      source: hints,
      quote: byName ? { exact: bounds[i]!.name.trim() } : placed ? describe(text.text, start, end, '').quote : { exact: '' },
      tagNames: note ? [] : tagNamesOf(selection, project),
      note: note ? note.text : notesOf(selection, project),
      sourceKey,
      ...creatorOf(note ? note.user : (attr(selection, 'creatingUser') ?? attr(selection, 'modifyingUser')), project),
    };
    if (!note) passage.tagKeys = tagKeysOf(selection, project);
    if (text === null) passage.unquotable = 'its source text is an external file that is not inside the .qdpx';
    else if (!placed && !byName) passage.unquotable = `its positions (${bounds[i]!.start}–${bounds[i]!.end}) lie outside its source's text`;
    if (placed) {
      passage.position = { start, end };
      passage.positionIn = positionIn;
    }
    if (project.fromGlossator && guid !== '') passage.id = guidKey(guid);
    const created = isoOf(note ? note.created : attr(selection, 'creationDateTime'));
    const modified = isoOf(attr(selection, 'modifiedDateTime'));
    if (created !== undefined) passage.created = created;
    if (modified !== undefined) passage.modified = modified;
    return passage;
  });
}

/** A source's variable values by variable name (our export keeps the document id, file and address there). */
function variableValues(named: XmlNode, project: Project): Map<string, string> {
  return new Map(
    children(named, 'VariableValue').map((v) => {
      const ref = attr(children(v, 'VariableRef')[0] ?? {}, 'targetGUID') ?? '';
      return [project.variables.get(guidKey(ref)) ?? '', textOf(children(v, 'TextValue')[0]).trim()] as const;
    }),
  );
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

/** The GUIDs of the codes the selection's codings refer to (a GUID that is no code, such as an NVivo case, is none). */
function tagKeysOf(selection: XmlNode, project: Project): string[] {
  const keys = children(selection, 'Coding').flatMap((coding) => {
    const target = attr(children(coding, 'CodeRef')[0] ?? {}, 'targetGUID');
    return target !== undefined && project.codes.has(guidKey(target)) ? [guidKey(target)] : [];
  });
  return [...new Set(keys)];
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
