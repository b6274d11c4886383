// Places imported passages in the corpus: finds each document, anchors the quote, merges duplicates, adds missing tags.
//
// Every write goes through the codebook and annotation services after the contract's own argument
// schemas have checked it, so an import can store nothing the analyst could not have made by hand.
// Nothing is dropped silently: a passage that cannot be placed is listed in the report with why.
import type { z } from 'zod';
import type {
  Annotation,
  GlossDocument,
  ImportFormat,
  ImportReport,
  PlacedAnnotation,
  TextPosition,
} from '../../../shared/types';
import { type Args, argSchemas } from '../../../shared/contract';
import { GlossatorError } from '../../../shared/result';
import { MAX_TAG_DESCRIPTION_LENGTH, MAX_TAG_NAME_LENGTH } from '../../../shared/limits';
import { suggestColor } from '../../../shared/defaults';
import { describe } from '../../../shared/anchoring';
import type { AnnotationService } from '../annotation-service';
import type { Clock } from '../ports';
import type { CodebookService } from '../codebook-service';
import type { CorpusService } from '../corpus-service';
import { describeIssues } from '../dispatch';
import type { AnnotationStore } from '../../store/annotation-store';
import { nameKey, type TagStore } from '../../store/tag-store';
import { locateAll, type Placement } from './import-placement';
import { clipName, planKeyedTags } from './import-tags';
import { mergeNotes } from './merge-notes';
import { importMemos, type MemoSink } from './import-memos';
import type { IncomingPassage, IncomingTag, ParsedImport } from '../../interop/types';

export interface ImportDeps {
  corpus: CorpusService;
  annotations: AnnotationService;
  store: AnnotationStore;
  tags: TagStore;
  codebook: CodebookService;
  newId: () => string;
  clock: Clock;
  /** Where imported memos go (the memo service); without it, memos in a file are reported as not stored. */
  memos?: MemoSink;
}

/** A corpus that keeps no memos: every memo is reported, none is lost silently. */
const NO_MEMOS: MemoSink = {
  list: async () => [],
  restore: async () => {
    throw new GlossatorError('unsupported', 'memos cannot be stored here');
  },
};


const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const TAG_NAME_MAX = MAX_TAG_NAME_LENGTH;
const DESCRIPTION_MAX = MAX_TAG_DESCRIPTION_LENGTH;

interface Run {
  report: ImportReport;
  /** nameKey(tag name) → tag id. */
  tagIds: Map<string, string>;
  /** Passage ids in use anywhere in the corpus, lower-cased. */
  usedIds: Set<string>;
  /** Placed passages per document, kept current as the import writes. */
  placed: Map<string, PlacedAnnotation[]>;
  now: string;
}

export class ImportService {
  constructor(private readonly deps: ImportDeps) {}

  /**
   * Places every passage first (reading only), then adds the tags placed passages need, then
   * writes passage by passage, then the file's memos (import-memos.ts). A tag whose passages all failed to place is not added; a tag the
   * source declares without any passage (a codebook) is.
   */
  async apply(parsed: ParsedImport, format: ImportFormat): Promise<ImportReport> {
    const report: ImportReport = {
      format,
      imported: 0,
      merged: 0,
      unmatched: [],
      tagsAdded: [],
      changes: [...(parsed.changes ?? [])],
      coders: codersOf(parsed.passages),
    };
    const corpus = this.deps.corpus.all();
    const located = locateAll(corpus, parsed.passages);
    const placements = parsed.passages.map((p, i) => [p, located[i]!] as const);
    const keyed = parsed.tags.some((t) => t.key !== undefined);
    const named = new Set(parsed.passages.flatMap((p) => p.tagNames.map(tagKey)));
    const wanted = keyed
      ? []
      : [
          ...parsed.tags.map((t) => t.name).filter((name) => !named.has(tagKey(name))),
          ...placements.flatMap(([p, where]) => ('range' in where ? p.tagNames : [])),
        ];
    const run: Run = {
      report,
      tagIds: keyed ? await this.ensureKeyedTags(parsed, placements, report) : await this.ensureTags(wanted, parsed.tags, report),
      usedIds: await this.usedIds(),
      placed: new Map(),
      now: this.deps.clock.now().toISOString(),
    };
    for (const [p, where] of placements) {
      if (!('range' in where)) {
        miss(run, p, where.reason, where.doc);
        continue;
      }
      try {
        await this.write(p, where.doc, where.range, run);
      } catch (error) {
        // A refused write (unreadable file, over a limit) concerns this passage only.
        if (!(error instanceof GlossatorError)) throw error;
        miss(run, p, `it could not be stored: ${error.message}`, where.doc, true);
      }
    }
    if (parsed.memos && parsed.memos.length > 0) {
      report.memos = await importMemos(parsed.memos, {
        documents: corpus,
        tags: await this.deps.tags.list(),
        sink: this.deps.memos ?? NO_MEMOS,
        newId: this.deps.newId,
        now: run.now,
      });
    }
    return report;
  }

  private async write(p: IncomingPassage, doc: GlossDocument, range: TextPosition, run: Run): Promise<void> {
    const tagIds = p.tagKeys
      ? unique(p.tagKeys.flatMap((k) => run.tagIds.get(`key:${k}`) ?? []))
      : unique(p.tagNames.flatMap((n) => run.tagIds.get(tagKey(n)) ?? []));
    const placed = await this.placedIn(doc.id, run);
    const same = placed.find((a) => a.range !== null && a.range.start === range.start && a.range.end === range.end);
    if (same) await this.merge(doc, same, tagIds, p.note, run);
    else await this.add(doc, range, tagIds, p, run);
  }

  /** Same document, same place: the passage is already here, so it gains what it lacks and nothing else. */
  private async merge(doc: GlossDocument, a: PlacedAnnotation, tagIds: string[], note: string, run: Run): Promise<void> {
    const tags = unique([...a.tagIds, ...tagIds]);
    const merged = mergeNotes(a.note, note);
    const change = {
      docId: doc.id,
      annotationId: a.id,
      ...(tags.length !== a.tagIds.length ? { tagIds: tags } : {}),
      ...(merged !== a.note ? { note: merged } : {}),
    };
    // Unchanged passages are not rewritten, so importing a file twice leaves `modified` alone.
    if (change.tagIds !== undefined || change.note !== undefined) {
      const updated = await this.deps.annotations.update(check(argSchemas.updateAnnotation, change));
      run.placed.set(doc.id, run.placed.get(doc.id)!.map((x) => (x.id === a.id ? updated : x)));
    }
    run.report.merged++;
  }

  private async add(doc: GlossDocument, range: TextPosition, tagIds: string[], p: IncomingPassage, run: Run): Promise<void> {
    const keep = p.id !== undefined && UUID.test(p.id) && !run.usedIds.has(p.id.toLowerCase());
    const annotation: Annotation = {
      id: keep ? p.id! : this.deps.newId(),
      docId: doc.id,
      target: describe(doc.text, range.start, range.end, doc.contentHash),
      tagIds,
      note: p.note,
      created: utcOf(p.created) ?? run.now,
      modified: utcOf(p.modified) ?? run.now,
    };
    check(argSchemas.restoreAnnotation, { annotation });
    const placed = await this.deps.annotations.restore(annotation);
    run.usedIds.add(annotation.id.toLowerCase());
    run.placed.get(doc.id)!.push(placed);
    run.report.imported++;
  }

  /**
   * Tag ids by `key:<incoming key>`, for sources naming codes by id (REFI-QDA): the codes placed
   * passages use, codes no passage uses (a codebook), and their ancestors, each under its parent.
   */
  private async ensureKeyedTags(
    parsed: ParsedImport,
    placements: readonly (readonly [IncomingPassage, Placement])[],
    report: ImportReport,
  ): Promise<Map<string, string>> {
    const used = new Set(parsed.passages.flatMap((p) => p.tagKeys ?? []));
    const wanted = new Set([
      ...parsed.tags.flatMap((t) => (t.key !== undefined && !used.has(t.key) ? [t.key] : [])),
      ...placements.flatMap(([p, where]) => ('range' in where ? (p.tagKeys ?? []) : [])),
    ]);
    const codebook = await this.deps.tags.list();
    const colours = codebook.map((t) => t.color.toLowerCase());
    const plan = planKeyedTags(parsed.tags, wanted, codebook, (t) => {
      const color = /^#[0-9a-f]{6}$/i.test(t.color ?? '') ? t.color!.toLowerCase() : nextColour(colours);
      colours.push(color);
      return color;
    });
    report.changes.push(...plan.changes);
    for (const tag of plan.create) check(argSchemas.createTag, { name: tag.name, color: tag.color, description: tag.description ?? '' });
    const created = await this.deps.codebook.createTags(plan.create);
    for (const tag of created) report.tagsAdded.push(tag.name);
    const ids = new Map<string, string>();
    for (const [key, ref] of plan.keys) ids.set(`key:${key}`, 'id' in ref ? ref.id : created[ref.index]!.id);
    return ids;
  }

  /** Tag ids by name key; a name the codebook lacks (compared case-insensitively) becomes a new tag. */
  private async ensureTags(
    names: readonly string[],
    declared: readonly IncomingTag[],
    report: ImportReport,
  ): Promise<Map<string, string>> {
    const details = new Map(declared.map((t) => [tagKey(t.name), t] as const));
    const codebook = await this.deps.tags.list();
    // A name several tags share (under different parents) means the first in tree order.
    const ids = new Map<string, string>();
    for (const t of codebook) if (!ids.has(nameKey(t.name))) ids.set(nameKey(t.name), t.id);
    const colours = codebook.map((t) => t.color.toLowerCase());
    const wanted: Args<'createTag'>[] = [];
    const asked = new Set<string>();
    for (const raw of names) {
      const name = clipName(raw);
      const key = nameKey(name);
      if (name === '' || ids.has(key) || asked.has(key)) continue;
      asked.add(key);
      if (name !== raw.trim()) {
        report.changes.push({
          what: `Tag “${shortened(raw.trim())}” was named “${name}”`,
          why: `its name has ${[...raw.trim()].length} characters; a tag name holds at most ${TAG_NAME_MAX}`,
        });
      }
      const t = details.get(key);
      // The source's colour when it gives a usable one, else the least-used palette colour.
      const color = /^#[0-9a-f]{6}$/i.test(t?.color ?? '') ? t!.color!.toLowerCase() : nextColour(colours);
      const description = (t?.description ?? '').slice(0, DESCRIPTION_MAX);
      if ((t?.description ?? '').length > DESCRIPTION_MAX) {
        report.changes.push({
          what: `The description of tag “${name}” was cut to ${DESCRIPTION_MAX} characters`,
          why: `it has ${t!.description!.length}; a tag description holds at most ${DESCRIPTION_MAX}`,
        });
      }
      wanted.push(check(argSchemas.createTag, { name, color, description }));
      colours.push(color);
    }
    // One durable write of the codebook for the whole import, not one per tag.
    for (const created of await this.deps.codebook.createTags(wanted)) {
      ids.set(nameKey(created.name), created.id);
      report.tagsAdded.push(created.name);
    }
    return ids;
  }

  private async usedIds(): Promise<Set<string>> {
    const used = new Set<string>();
    for (const doc of this.deps.corpus.all()) {
      try {
        for (const a of await this.deps.store.list(doc.id)) used.add(a.id.toLowerCase());
      } catch (error) {
        // An unreadable file is reported for the passages aimed at it; it does not stop the rest.
        if (!(error instanceof GlossatorError)) throw error;
      }
    }
    return used;
  }

  private async placedIn(docId: string, run: Run): Promise<PlacedAnnotation[]> {
    let placed = run.placed.get(docId);
    if (!placed) run.placed.set(docId, (placed = await this.deps.annotations.list(docId)));
    return placed;
  }
}

function miss(run: Run, p: IncomingPassage, reason: string, doc?: GlossDocument, notStored = false): void {
  const { docId, fileName, uri, title } = p.source;
  const quote = [...p.quote.exact];
  const coder = (p.creator?.name ?? p.creator?.id ?? '').trim();
  run.report.unmatched.push({
    quote: quote.length > 200 ? `${quote.slice(0, 200).join('')}…` : p.quote.exact,
    source: doc?.title ?? title ?? fileName ?? uri ?? docId ?? 'unknown source',
    reason,
    ...(notStored ? { notStored: true as const } : {}),
    ...(coder ? { coder } : {}),
  });
}

/** The contract's own schema, so an import is held to what the renderer's calls are held to. */
function check<S extends z.ZodType>(schema: S, value: z.input<S>): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new GlossatorError('invalid-argument', describeIssues(parsed.error));
  return parsed.data;
}

const nextColour = suggestColor;

export { mergeNotes } from './merge-notes';

/** Who made the incoming passages, by name (else id), with how many each, in order of first appearance. */
function codersOf(passages: readonly IncomingPassage[]): ImportReport['coders'] {
  const counts = new Map<string, number>();
  for (const p of passages) {
    const who = (p.creator?.name ?? p.creator?.id ?? '').trim();
    if (who !== '') counts.set(who, (counts.get(who) ?? 0) + 1);
  }
  return [...counts].map(([name, passages]) => ({ name, passages }));
}

const shortened = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);

const tagKey = (name: string) => nameKey(clipName(name));

function utcOf(stamp: string | undefined): string | null {
  if (stamp === undefined || !ISO.test(stamp.trim())) return null;
  const time = Date.parse(stamp.trim());
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];
