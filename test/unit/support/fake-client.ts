// A fake main process for renderer-state tests: an in-memory corpus behind a client typed from the contract.
//
// Every call's arguments are checked against the contract's own schemas (as main's dispatcher does), every
// call is recorded, and a method's answers can be held back to test what the state does with late answers.
import { argSchemas, type Args, type GlossatorApi, type Results, type UndoHistory } from '../../../src/shared/contract';
import { METHODS, type Method } from '../../../src/shared/methods';
import { fail, ok, type ErrorCode, type Result } from '../../../src/shared/result';
import { DEFAULT_TAGS } from '../../../src/shared/default-tags';
import { TagTree, checkTree, orderAtEnd, placementsOf, planChildrenMove, planMove, treeOrder, type MovePlan } from '../../../src/shared/tag-tree';
import { DEFAULT_SETTINGS } from '../../../src/shared/defaults';
import { addCount, tagSetKey } from '../../../src/shared/counts';
import { describe } from '../../../src/shared/anchoring';
import type { SyncProgressEvent } from '../../../src/shared/sync';
import type {
  Block,
  CorpusChangeReport,
  DocumentSummary,
  GlossDocument,
  PlacedAnnotation,
  Settings,
  Tag,
  TagChange,
  TagMoves,
  TagPlacement,
} from '../../../src/shared/types';
import type { MenuCommand } from '../../../src/shared/methods';

type Answer<M extends Method> = Promise<Result<Results[M]>>;
type Fake<M extends Method> = (args: Args<M>) => Results[M] | Promise<Results[M]>;

/** Thrown inside a fake handler to answer with an error value, as main's core does. */
export class FakeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A document from paragraphs: blocks joined by a blank line, as the normaliser writes them. */
export function fakeDocument(id: string, title: string, paragraphs: readonly string[]): GlossDocument {
  const blocks: Block[] = [];
  let at = 0;
  paragraphs.forEach((p, index) => {
    blocks.push({ index, kind: 'paragraph', start: at, end: at + p.length, para: index + 1 });
    at += p.length + 2;
  });
  const text = paragraphs.join('\n\n');
  return {
    id,
    title,
    author: null,
    publisher: null,
    date: null,
    url: null,
    source: `${id}.txt`,
    text,
    blocks,
    contentHash: `sha256:${id}`,
    normaliser: 'glossator-text/1',
    wordCount: text.split(/\s+/).filter(Boolean).length,
  };
}

export const SAMPLE_DOCS: readonly GlossDocument[] = [
  fakeDocument('doc-a', 'Alignment despite differences', [
    'Strategic cooperation between Russia and Iran will persist.',
    'Mutual tensions have surfaced in recent weeks.',
    'Tehran keeps its options open.',
  ]),
  fakeDocument('doc-b', 'Suspicious bind', ['Decision-makers in Tehran are careful.', 'Moscow looks for partners.']),
];

interface Held {
  method: Method;
  release: () => void;
}

export class FakeMain {
  docs: GlossDocument[];
  tags: Tag[];
  readonly annotations = new Map<string, PlacedAnnotation[]>();
  readonly coverage = new Map<string, number[]>();
  settings: Settings = structuredClone(DEFAULT_SETTINGS) as Settings;
  /** The undo history main keeps for the corpus (see saveUndoHistory). */
  undoHistory: UndoHistory = { done: [], undone: [] };
  /** Every call in order, with its (validated) arguments. */
  readonly calls: { method: Method; args: unknown }[] = [];
  private readonly overrides = new Map<Method, Fake<Method>>();
  private readonly holding = new Set<Method>();
  private readonly held: Held[] = [];
  private readonly menuListeners = new Set<(command: MenuCommand) => void>();
  private readonly corpusListeners = new Set<(report: CorpusChangeReport) => void>();
  private readonly syncListeners = new Set<(progress: SyncProgressEvent) => void>();

  /** Sends a sync phase as main would, on SYNC_CHANNEL. */
  emitSyncProgress(progress: SyncProgressEvent): void {
    this.syncListeners.forEach((l) => l(progress));
  }
  private nextId = 0;
  private clock = Date.parse('2026-01-01T00:00:00Z');

  readonly client: GlossatorApi;

  constructor(docs: readonly GlossDocument[] = SAMPLE_DOCS, tags: readonly Tag[] = DEFAULT_TAGS) {
    this.docs = docs.map((d) => structuredClone(d));
    this.tags = tags.map((t) => ({ ...t }));
    const api = Object.fromEntries(METHODS.map((m) => [m, (args: unknown) => this.answer(m, args)])) as unknown as GlossatorApi;
    api.onMenuCommand = (listener) => {
      this.menuListeners.add(listener);
      return () => this.menuListeners.delete(listener);
    };
    api.onCorpusChanged = (listener) => {
      this.corpusListeners.add(listener);
      return () => this.corpusListeners.delete(listener);
    };
    api.onSyncProgress = (listener) => {
      this.syncListeners.add(listener);
      return () => this.syncListeners.delete(listener);
    };
    this.client = api;
  }

  /** Replaces how one method answers (throw FakeError to answer with an error). */
  handle<M extends Method>(method: M, fake: Fake<M>): void {
    this.overrides.set(method, fake as unknown as Fake<Method>);
  }

  /** Makes a method fail with this error from now on. */
  refuse(method: Method, code: ErrorCode, message: string): void {
    this.handle(method, () => {
      throw new FakeError(code, message);
    });
  }

  /** Holds back the answers of a method until release() (in call order) or releaseAll(). */
  hold(method: Method): void {
    this.holding.add(method);
  }

  /** Lets the held answers go, optionally of one method and in reverse order (late answers overtaking). */
  async release(method?: Method, order: 'in-order' | 'reversed' = 'in-order'): Promise<void> {
    if (method) this.holding.delete(method);
    else this.holding.clear();
    const mine = this.held.filter((h) => !method || h.method === method);
    for (const h of mine) this.held.splice(this.held.indexOf(h), 1);
    for (const h of order === 'reversed' ? mine.reverse() : mine) {
      h.release();
      await settle();
    }
  }

  /** How many times a method was called. */
  count(method: Method): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  lastArgs<M extends Method>(method: M): Args<M> | undefined {
    return this.calls.findLast((c) => c.method === method)?.args as Args<M> | undefined;
  }

  menu(command: MenuCommand): void {
    for (const listener of this.menuListeners) listener(command);
  }

  corpusChanged(report: CorpusChangeReport): void {
    for (const listener of this.corpusListeners) listener(report);
  }

  /** Passages of a document as main stores them. */
  passagesOf(docId: string): PlacedAnnotation[] {
    return this.annotations.get(docId) ?? [];
  }

  private async answer<M extends Method>(method: M, raw: unknown): Answer<M> {
    const parsed = argSchemas[method].safeParse(raw);
    if (!parsed.success) return fail('invalid-argument', parsed.error.issues[0]?.message ?? 'invalid arguments');
    const args = parsed.data as Args<M>;
    this.calls.push({ method, args });
    if (this.holding.has(method)) {
      await new Promise<void>((release) => this.held.push({ method, release }));
    }
    try {
      const fake = (this.overrides.get(method) ?? this.builtIn(method)) as Fake<M> | undefined;
      if (!fake) return fail('unsupported', `The fake main does not answer ${method}.`);
      // Answers are copies, as across IPC: state must not share objects with "main".
      return ok(structuredClone(await fake(args)));
    } catch (error) {
      if (error instanceof FakeError) return fail(error.code, error.message);
      throw error;
    }
  }

  private now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  private doc(docId: string): GlossDocument {
    const doc = this.docs.find((d) => d.id === docId);
    if (!doc) throw new FakeError('not-found', `No document ${docId}.`);
    return doc;
  }

  private passage(docId: string, annotationId: string): PlacedAnnotation {
    const a = this.passagesOf(docId).find((x) => x.id === annotationId);
    if (!a) throw new FakeError('not-found', `No passage ${annotationId}.`);
    return a;
  }

  private put(a: PlacedAnnotation): PlacedAnnotation {
    const list = this.passagesOf(a.docId).filter((x) => x.id !== a.id);
    list.push(a);
    list.sort((x, y) => (x.range?.start ?? Infinity) - (y.range?.start ?? Infinity));
    this.annotations.set(a.docId, list);
    return a;
  }

  private summary(d: GlossDocument): DocumentSummary {
    const passages = this.passagesOf(d.id);
    const tagCounts: Record<string, number> = {};
    for (const a of passages) for (const t of a.tagIds) tagCounts[t] = (tagCounts[t] ?? 0) + 1;
    const tagSets: Record<string, number> = {};
    for (const a of passages) if (a.tagIds.length > 0) addCount(tagSets, tagSetKey(a.tagIds));
    return {
      id: d.id,
      title: d.title,
      author: d.author,
      publisher: d.publisher,
      source: d.source,
      wordCount: d.wordCount,
      tagCounts,
      tagSets,
      passageCount: passages.length,
      needsReview: 0,
      storeError: null,
      coverage: { read: this.coverage.get(d.id)?.length ?? 0, total: d.blocks.length },
    };
  }

  private plan(plan: MovePlan): TagMoves {
    if (!plan.ok) throw new FakeError('invalid-argument', plan.problem);
    return { before: placementsOf(this.tags, plan.changes.map((c) => c.id)), after: plan.changes };
  }

  private placed(tags: readonly Tag[], placements: readonly TagPlacement[]): Tag[] {
    const next = tags.map((t) => {
      const p = placements.find((x) => x.id === t.id);
      return p ? { ...t, parentId: p.parentId, order: p.order } : t;
    });
    const problems = checkTree(next);
    if (problems.length > 0) throw new FakeError('invalid-argument', problems.join(' '));
    return treeOrder(next);
  }

  private removeTagEverywhere(tagId: string, replacement: string | null): TagChange[] {
    const changes: TagChange[] = [];
    for (const list of this.annotations.values()) {
      for (const a of list) {
        if (!a.tagIds.includes(tagId)) continue;
        const before = [...a.tagIds];
        const kept = a.tagIds.filter((t) => t !== tagId);
        a.tagIds = replacement && !kept.includes(replacement) ? [...kept, replacement] : kept;
        changes.push({ docId: a.docId, annotationId: a.id, before, after: [...a.tagIds] });
      }
    }
    return changes;
  }

  private builtIn(method: Method): Fake<Method> | undefined {
    const handlers: { [M in Method]?: Fake<M> } = {
      listDocuments: () => this.docs.map((d) => this.summary(d)),
      getDocumentSummary: ({ docId }) => this.summary(this.doc(docId)),
      listCorpusProblems: () => [],
      getSyncStatus: () => ({ folder: null, remote: null, hasToken: false, conflicts: 0 }),
      listConflicts: () => [],
      getDocument: ({ docId }) => this.doc(docId),
      listTags: () => this.tags,
      listAnnotations: ({ docId }) => (this.doc(docId), this.passagesOf(docId)),
      createAnnotation: ({ docId, start, end, exact, tagIds }) => {
        const doc = this.doc(docId);
        if (doc.text.slice(start, end) !== exact) throw new FakeError('quote-mismatch', 'The quoted text is not at those offsets.');
        const now = this.now();
        return this.put({
          id: `a${++this.nextId}`,
          docId,
          target: describe(doc.text, start, end, doc.contentHash),
          tagIds,
          note: '',
          created: now,
          modified: now,
          state: 'anchored',
          range: { start, end },
        });
      },
      updateAnnotation: ({ docId, annotationId, tagIds, note }) => {
        const a = this.passage(docId, annotationId);
        return this.put({ ...a, ...(tagIds ? { tagIds } : {}), ...(note !== undefined ? { note } : {}), modified: this.now() });
      },
      deleteAnnotation: ({ docId, annotationId }) => {
        this.passage(docId, annotationId);
        this.annotations.set(docId, this.passagesOf(docId).filter((a) => a.id !== annotationId));
        return { annotationId };
      },
      restoreAnnotation: ({ annotation }) => this.put({ ...annotation, state: 'anchored', range: { ...annotation.target.position } }),
      setPassageTags: ({ changes }) => {
        for (const c of changes) this.put({ ...this.passage(c.docId, c.annotationId), tagIds: c.tagIds });
        return { updated: changes.length };
      },
      createTag: ({ name, color, description, parentId = null }) => {
        const used = new Set(this.tags.map((t) => t.shortcut));
        const shortcut = ['4', '5', '6', '7', '8', '9'].find((k) => !used.has(k)) ?? null;
        const tag: Tag = { id: `t${++this.nextId}`, name, color, description: description ?? '', shortcut, parentId, order: orderAtEnd(this.tags, parentId) };
        this.tags = treeOrder([...this.tags, tag]);
        return tag;
      },
      updateTag: ({ tagId, ...fields }) => {
        const tag = this.tags.find((t) => t.id === tagId);
        if (!tag) throw new FakeError('not-found', `No tag ${tagId}.`);
        Object.assign(tag, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
        return tag;
      },
      // The tree moves use the same shared planners as main, so the renderer sees main's answers.
      mergeTags: ({ sourceId, targetId }) => {
        const moves = this.plan(planChildrenMove(this.tags, sourceId, targetId, Number.MAX_SAFE_INTEGER));
        const changes = this.removeTagEverywhere(sourceId, targetId);
        this.tags = this.placed(this.tags.filter((t) => t.id !== sourceId), moves.after);
        return { tags: this.tags, changes, moves };
      },
      deleteTag: ({ tagId }) => {
        const tree = new TagTree(this.tags);
        const parentId = tree.parentOf(tagId)?.id ?? null;
        const at = tree.children(parentId).findIndex((t) => t.id === tagId);
        const moves = this.plan(planChildrenMove(this.tags, tagId, parentId, at));
        const changes = this.removeTagEverywhere(tagId, null);
        this.tags = this.placed(this.tags.filter((t) => t.id !== tagId), moves.after);
        return { tags: this.tags, changes, moves };
      },
      moveTag: ({ tagId, parentId, index }) => {
        const moves = this.plan(planMove(this.tags, tagId, parentId, index));
        this.tags = this.placed(this.tags, moves.after);
        return { tags: this.tags, moves };
      },
      placeTags: ({ placements }) => {
        this.tags = this.placed(this.tags, placements);
        return this.tags;
      },
      restoreTag: ({ tag }) => {
        this.tags = treeOrder([...this.tags, tag]);
        return this.tags;
      },
      getCoverage: ({ docId }) => ({ docId, read: this.coverage.get(docId) ?? [], total: this.doc(docId).blocks.length }),
      setCoverage: ({ docId, blocks, read }) => {
        const now = new Set(this.coverage.get(docId) ?? []);
        for (const b of blocks) {
          if (read) now.add(b);
          else now.delete(b);
        }
        this.coverage.set(docId, [...now].sort((x, y) => x - y));
        return { docId, read: this.coverage.get(docId)!, total: this.doc(docId).blocks.length };
      },
      getSettings: () => this.settings,
      updateSettings: ({ scroll, ...rest }) => {
        this.settings = {
          ...this.settings,
          ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
          scroll: scroll ? { ...this.settings.scroll, [scroll.docId]: scroll.block } : this.settings.scroll,
        };
        return this.settings;
      },
      listCorpora: () => {
        const current = { path: '/corpus', name: 'corpus', key: 'default', readOnly: true, documentCount: this.docs.length };
        return { current, recent: [current] };
      },
      listReview: () => [],
      getUndoHistory: () => ({ ...structuredClone(this.undoHistory), problem: null }),
      saveUndoHistory: (history) => {
        this.undoHistory = structuredClone(history);
        return { saved: history.done.length + history.undone.length };
      },
    };
    return handlers[method] as Fake<Method> | undefined;
  }
}

/** Lets pending promise callbacks run (answers of the fake, state updates after them). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
}
