// Suggestions for the open corpus: the engine fed with the analyst's passages, settings and decisions; accept makes a passage, nothing else writes one.
import { performance } from 'node:perf_hooks';
import type { Tag } from '../../shared/types';
import { TARGET_PRECISION, type LocalModelTest, type SuggestDecision, type SuggestTagState, type Suggestion, type SuggestionList, type LocalModelConfig } from '../../shared/suggestions';
import { GlossatorError } from '../../shared/result';
import { SuggestEngine, rejectionKey, type KnownPassage } from '../suggest/engine';
import { defaultLexicon } from '../suggest/default-lexicons';
import { cueProblem, type TagLexicon } from '../suggest/lexicon';
import { expectedPrecision, thresholdFor, type Outcome } from '../suggest/calibrate';
import { askLocalModel, loopbackUrl, testLocalModel } from '../suggest/local-model';
import { EVAL_PRIOR } from '../suggest/eval-prior';
import type { TagStore } from '../store/tag-store';
import type { Decision, StoredTagSettings, SuggestStore } from '../store/suggest-store';
import type { AnnotationService } from './annotation-service';
import type { CorpusService } from './corpus-service';
import type { Clock } from './ports';

/** Threshold of a tag with no evidence of its precision yet: one cue (lexicon), or an even chance (model). */
export const DEFAULT_THRESHOLD = 0.5;
/**
 * A document longer than this (characters) is analysed in slices: each call analyses new blocks for
 * about LIST_BUDGET_MS and answers what it has, marked incomplete; the reader asks again until complete.
 * Shorter documents (every seed article) are analysed whole in one call.
 */
export const WHOLE_DOCUMENT_CHARS = 100_000;
export const LIST_BUDGET_MS = 250;
/** At most this many suggestions per call are put to a local model (it is slow; the rest keep their own evidence). */
const LOCAL_MODEL_BUDGET = 40;

export interface SuggestionDeps {
  corpus: CorpusService;
  annotations: AnnotationService;
  tags: TagStore;
  store: SuggestStore;
  clock: Clock;
  newId: () => string;
  /** Injected for tests of the local model; the global fetch otherwise. */
  fetch?: typeof fetch;
}

export interface TagPatch {
  tagId: string;
  enabled?: boolean;
  threshold?: number;
  resetThreshold?: boolean;
  cues?: string[];
  negatable?: boolean;
  /** Put the tag's default cues back. */
  resetCues?: boolean;
}

export class SuggestionService {
  private engine: SuggestEngine | null = null;
  /** What the engine last learnt from: the codebook, lexicons and passages (a different one means learn again). */
  private learntFrom = '';
  private learning: Promise<void> | null = null;

  constructor(private readonly deps: SuggestionDeps) {}

  /**
   * Suggestions for one document: enabled tags (or `tagIds`, enabled or not), above each tag's threshold.
   * A long document answers in slices: the suggestions of blocks `from`…`next`, and `complete` once the
   * last block is in; the caller asks again from `next` and appends.
   */
  async list(docId: string, tagIds?: readonly string[], from = 0): Promise<SuggestionList> {
    const doc = this.deps.corpus.get(docId);
    const tags = await this.deps.tags.list();
    if (tagIds) for (const id of tagIds) if (!tags.some((t) => t.id === id)) throw new GlossatorError('invalid-argument', `There is no tag "${id}".`);
    const engine = await this.ready(tags);
    const settings = await this.deps.store.settings.read();
    const decisions = (await this.deps.store.decisions.read()).decisions;
    const states = tags.map((t) => this.stateOf(engine, t, settings.tags[t.id], decisions));
    const wanted = tags.filter((t) => (tagIds ? tagIds.includes(t.id) : (settings.tags[t.id]?.enabled ?? true)));
    const thresholds = Object.fromEntries(states.map((s) => [s.tagId, s.threshold]));
    const passages = (await this.deps.annotations.list(docId)).filter((p) => p.range !== null).map((p) => ({ docId, start: p.range!.start, end: p.range!.end, tagIds: p.tagIds }));
    const rejected = new Set(decisions.filter((d) => d.kind === 'reject').map((d) => d.key));
    const started = performance.now();
    const stop = doc.text.length > WHOLE_DOCUMENT_CHARS ? () => performance.now() - started > LIST_BUDGET_MS : undefined;
    const part = engine.proposeSome(doc, { tags: wanted.map((t) => t.id), thresholds, passages, rejected, from, ...(stop ? { stop } : {}) });
    let suggestions: Suggestion[] = part.suggestions;
    if (settings.localModel.enabled) suggestions = await this.consultLocalModel(suggestions, tags, settings.localModel);
    return { docId, suggestions, tags: states, complete: part.complete, analysed: Math.round(part.analysed * 1000) / 1000, from, next: part.next };
  }

  /** Accepts a suggestion: it becomes a passage with the tag (the only way suggestions write passages). */
  async accept(args: { docId: string; start: number; end: number; exact: string; tagId: string; score: number; source: 'lexicon' | 'model' }): Promise<SuggestDecision> {
    const doc = this.deps.corpus.get(args.docId);
    await this.ready(await this.deps.tags.list());
    const annotation = await this.deps.annotations.create({ docId: args.docId, start: args.start, end: args.end, exact: args.exact, tagIds: [args.tagId] });
    const decision = await this.record(args, 'accept', annotation.id);
    this.engine!.update(doc, args, args.tagId, 1);
    // The engine already knows this passage: learning again from scratch is not needed for it.
    this.learntFrom = await this.signature(await this.deps.tags.list());
    return decision;
  }

  /** Rejects a suggestion: remembered by text and tag, never proposed again, and learnt from. */
  async reject(args: { docId: string; start: number; end: number; exact: string; tagId: string; score: number; source: 'lexicon' | 'model' }): Promise<SuggestDecision> {
    const doc = this.deps.corpus.get(args.docId);
    if (doc.text.slice(args.start, args.end) !== args.exact) throw new GlossatorError('invalid-argument', 'The rejected text is not what the document holds at those offsets.');
    await this.ready(await this.deps.tags.list());
    const decision = await this.record(args, 'reject', null);
    this.engine!.update(doc, args, args.tagId, 0);
    return decision;
  }

  /** Undoes an accept (its passage is deleted, if still there) or a reject (the text may be proposed again). */
  async undo(decisionId: string): Promise<SuggestDecision> {
    const found = (await this.deps.store.decisions.read()).decisions.find((d) => d.id === decisionId);
    if (found === undefined) throw new GlossatorError('not-found', 'That suggestion decision is not recorded (it may have been undone already).');
    if (found.kind === 'accept' && found.annotationId !== null && (await this.deps.annotations.list(found.docId)).some((a) => a.id === found.annotationId)) {
      await this.deps.annotations.remove({ docId: found.docId, annotationId: found.annotationId });
    }
    await this.deps.store.decisions.update((file) => {
      file.decisions = file.decisions.filter((d) => d.id !== decisionId);
    });
    this.learntFrom = ''; // learn again: the undone example must be forgotten
    return toDecision(found);
  }

  /** Changes one tag's suggestion settings; answers its new state. */
  async updateTag(patch: TagPatch): Promise<SuggestTagState> {
    const tags = await this.deps.tags.list();
    const tag = tags.find((t) => t.id === patch.tagId);
    if (tag === undefined) throw new GlossatorError('invalid-argument', `There is no tag "${patch.tagId}".`);
    const cues = patch.cues?.map((c) => c.trim()).filter((c) => c !== '');
    for (const c of cues ?? []) {
      const problem = cueProblem(c);
      if (problem !== null) throw new GlossatorError('invalid-argument', `${problem} ("${c.slice(0, 40)}")`);
    }
    await this.deps.store.settings.update((file) => {
      const cur: StoredTagSettings = { ...(file.tags[tag.id] ?? { enabled: true }) };
      if (patch.enabled !== undefined) cur.enabled = patch.enabled;
      if (patch.threshold !== undefined) cur.threshold = patch.threshold;
      if (patch.resetThreshold) delete cur.threshold;
      if (cues !== undefined) cur.cues = [...new Set(cues)];
      if (patch.negatable !== undefined) cur.negatable = patch.negatable;
      if (patch.resetCues) {
        delete cur.cues;
        delete cur.negatable;
      }
      file.tags[tag.id] = cur;
    });
    const engine = await this.ready(tags);
    return this.stateOf(engine, tag, (await this.deps.store.settings.read()).tags[tag.id], (await this.deps.store.decisions.read()).decisions);
  }

  /** Every tag's suggestion state, in codebook order. */
  async tagStates(): Promise<SuggestTagState[]> {
    const tags = await this.deps.tags.list();
    const engine = await this.ready(tags);
    const settings = await this.deps.store.settings.read();
    const decisions = (await this.deps.store.decisions.read()).decisions;
    return tags.map((t) => this.stateOf(engine, t, settings.tags[t.id], decisions));
  }

  /** One question to the local model server (the stored settings, or the URL and model given); nothing is saved. */
  async testLocalModel(args: { url?: string; model?: string }): Promise<LocalModelTest> {
    const stored = (await this.deps.store.settings.read()).localModel;
    return testLocalModel({ url: args.url ?? stored.url, model: args.model ?? stored.model, ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}) });
  }

  /** The local model settings. */
  async localModel(): Promise<LocalModelConfig> {
    return { ...(await this.deps.store.settings.read()).localModel };
  }

  /** Turns the local model on or off, or points it at another loopback server. */
  async setLocalModel(patch: Partial<LocalModelConfig>): Promise<LocalModelConfig> {
    const url = patch.url !== undefined ? loopbackUrl(patch.url) : undefined;
    return this.deps.store.settings.update((file) => {
      if (url !== undefined) file.localModel.url = url;
      if (patch.model !== undefined) file.localModel.model = patch.model;
      if (patch.enabled !== undefined) file.localModel.enabled = patch.enabled;
      return { ...file.localModel };
    });
  }

  flush(): Promise<void> {
    return this.deps.store.flush();
  }

  private async record(args: { docId: string; start: number; end: number; exact: string; tagId: string; score: number; source: 'lexicon' | 'model' }, kind: 'accept' | 'reject', annotationId: string | null): Promise<SuggestDecision> {
    const decision: Decision = {
      id: this.deps.newId(),
      kind,
      docId: args.docId,
      tagId: args.tagId,
      start: args.start,
      end: args.end,
      key: rejectionKey(args.exact, args.tagId),
      score: Math.min(1, Math.max(0, args.score)),
      source: args.source,
      at: this.deps.clock.now().toISOString(),
      annotationId,
    };
    await this.deps.store.decisions.update((file) => {
      file.decisions.push(decision);
    });
    return toDecision(decision);
  }

  private lexiconsOf(tags: readonly Tag[], stored: Record<string, StoredTagSettings>): Map<string, TagLexicon> {
    return new Map(
      tags.map((t) => {
        const s = stored[t.id];
        const base = defaultLexicon(t.id);
        return [t.id, { cues: s?.cues ?? base.cues, negatable: s?.negatable ?? base.negatable }];
      }),
    );
  }

  /** Every placed passage of the corpus, and a fingerprint of them, the codebook and the lexicons. */
  private async signature(tags: readonly Tag[]): Promise<string> {
    const settings = await this.deps.store.settings.read();
    const parts: string[] = [JSON.stringify(tags.map((t) => t.id)), JSON.stringify(settings.tags)];
    for (const p of await this.passages()) parts.push(`${p.docId}:${p.start}:${p.end}:${p.tagIds.join(',')}`);
    return parts.join('\n');
  }

  private async passages(): Promise<KnownPassage[]> {
    const out: KnownPassage[] = [];
    for (const doc of this.deps.corpus.all()) {
      for (const p of await this.deps.annotations.list(doc.id)) if (p.range !== null) out.push({ docId: doc.id, start: p.range.start, end: p.range.end, tagIds: p.tagIds });
    }
    return out;
  }

  /**
   * The engine, having learnt from the current passages: learning runs again only when the codebook,
   * the lexicons or the passages changed since (an accept updates the engine in place instead).
   */
  private async ready(tags: readonly Tag[]): Promise<SuggestEngine> {
    while (this.learning) await this.learning;
    const signature = await this.signature(tags);
    if (this.engine !== null && signature === this.learntFrom) return this.engine;
    this.learning = (async () => {
      const settings = await this.deps.store.settings.read();
      const lexicons = this.lexiconsOf(tags, settings.tags);
      const engine = this.engine ?? new SuggestEngine(lexicons);
      engine.setLexicons(lexicons);
      const rejected = new Set((await this.deps.store.decisions.read()).decisions.filter((d) => d.kind === 'reject').map((d) => d.key));
      const passages = await this.passages();
      const coded = new Set(passages.map((p) => p.docId));
      engine.learn(
        this.deps.corpus.all().filter((d) => coded.has(d.id)),
        passages,
        rejected,
      );
      this.engine = engine;
      this.learntFrom = signature;
    })();
    try {
      await this.learning;
    } finally {
      this.learning = null;
    }
    return this.engine!;
  }

  private stateOf(engine: SuggestEngine, tag: Tag, stored: StoredTagSettings | undefined, decisions: readonly Decision[]): SuggestTagState {
    const base = defaultLexicon(tag.id);
    const cues = stored?.cues ?? base.cues;
    const defaultCues = stored?.cues === undefined && stored?.negatable === undefined;
    const source = engine.learned(tag.id) ? 'model' : 'lexicon';
    const history: Outcome[] = decisions.filter((d) => d.tagId === tag.id && d.source === source).map((d) => ({ score: d.score, label: d.kind === 'accept' ? 1 : 0 }));
    // Cold, with the default cues, the eval set's outcomes are evidence too; a learnt model has its held-out fits.
    const prior: Outcome[] = source === 'lexicon' && defaultCues ? priorOutcomes(tag.id) : [...engine.heldOut(tag.id)];
    const outcomes = [...prior, ...history];
    const fallback = defaultThresholdOf(outcomes);
    const threshold = stored?.threshold ?? fallback.threshold;
    const estimate = expectedPrecision(outcomes, threshold);
    const counts = engine.exampleCounts(tag.id);
    return {
      tagId: tag.id,
      enabled: stored?.enabled ?? true,
      threshold,
      defaultThreshold: fallback.threshold,
      customThreshold: stored?.threshold !== undefined,
      reachesTarget: fallback.reaches,
      expectedPrecision: estimate.precision === null ? null : Math.round(estimate.precision * 100) / 100,
      support: estimate.support,
      source,
      positives: counts.positive,
      negatives: counts.negative,
      cues: [...cues],
      negatable: stored?.negatable ?? base.negatable,
      defaultCues,
    };
  }

  private async consultLocalModel(suggestions: Suggestion[], tags: readonly Tag[], config: LocalModelConfig): Promise<Suggestion[]> {
    const byId = new Map(tags.map((t) => [t.id, t]));
    const out: Suggestion[] = [];
    for (const [i, s] of suggestions.entries()) {
      const tag = byId.get(s.tag);
      if (i >= LOCAL_MODEL_BUDGET || tag === undefined) {
        out.push(s);
        continue;
      }
      const verdict = await askLocalModel({ url: config.url, model: config.model, ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}) }, tag, s.exact);
      if (verdict === null) out.push(s);
      // The model's word moves the score halfway toward its verdict: evidence, not a veto.
      else out.push({ ...s, localModel: verdict, score: Math.round(((s.score + (verdict === 'yes' ? 1 : 0)) / 2) * 1000) / 1000 });
    }
    return out;
  }
}

function toDecision(d: Decision): SuggestDecision {
  return { id: d.id, kind: d.kind, docId: d.docId, tagId: d.tagId, annotationId: d.annotationId };
}

/** The eval set's outcomes for a default tag's default lexicon (bench/suggest-eval.ts writes them). */
function priorOutcomes(tagId: string): Outcome[] {
  const levels = EVAL_PRIOR[tagId] ?? [];
  const out: Outcome[] = [];
  for (const l of levels) {
    for (let i = 0; i < l.n; i++) out.push({ score: l.score, label: i < l.tp ? 1 : 0 });
  }
  return out;
}

/**
 * The default threshold from what is known of the tag's precision: the lowest whose expected precision
 * reaches TARGET_PRECISION (fewest misses at that precision). When none does, the one with the best
 * expected precision on at least 3 outcomes, so the default is as selective as the evidence allows; with
 * no evidence at all, DEFAULT_THRESHOLD. Rounded down to the slider's hundredths, so the sentences at the
 * chosen score level stay in.
 */
export function defaultThresholdOf(outcomes: readonly Outcome[]): { threshold: number; reaches: boolean } {
  const floor = (t: number) => Math.max(0.01, Math.min(0.99, Math.floor(t * 100) / 100));
  const t = thresholdFor(outcomes, TARGET_PRECISION);
  if (t !== null) return { threshold: floor(t), reaches: true };
  let best: { t: number; p: number } | null = null;
  for (const score of new Set(outcomes.map((o) => o.score))) {
    const e = expectedPrecision(outcomes, score);
    if (e.precision !== null && e.support >= 3 && score > 0 && (best === null || e.precision > best.p)) best = { t: score, p: e.precision };
  }
  return { threshold: best === null ? DEFAULT_THRESHOLD : floor(best.t), reaches: false };
}
