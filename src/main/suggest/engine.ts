// The suggestion engine: sentences scored per tag by cue lexicon, then by a model learnt from the analyst's passages and rejections.
import type { Suggestion } from '../../shared/suggestions';
import { createHash } from 'node:crypto';
import type { Block } from '../../shared/types';
import { expectedPrecision, type Outcome } from './calibrate';
import { evidenceOf, type SentenceEvidence } from './features';
import { LogisticModel, type Example } from './learner';
import { lexiconScore, type TagLexicon } from './lexicon';
import { analyseBlock, isProse, type Sentence } from './sentences';

export interface SuggestDoc {
  id: string;
  text: string;
  blocks: readonly Block[];
  contentHash: string;
}

/** A stored passage where it sits now (a passage that needs review has no range and teaches nothing). */
export interface KnownPassage {
  docId: string;
  start: number;
  end: number;
  tagIds: readonly string[];
}

export type { Suggestion };

/** How many passages with a tag, and sentences without it, the model needs before it replaces the lexicon. */
export const MIN_POSITIVES = 5;
export const MIN_NEGATIVES = 5;
/** Jaccard similarity of content lemmas above which a passage counts as "like" a sentence. */
const LIKE_SIMILARITY = 0.2;

/** Identity of a sentence's text for rejection memory: whitespace-folded, so a reflow does not resurrect it. */
export function textKey(exact: string): string {
  return createHash('sha256').update(exact.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 32);
}

/** The rejection key: the same text rejected for one tag may still be proposed for another. */
export function rejectionKey(exact: string, tagId: string): string {
  return `${textKey(exact)}:${tagId}`;
}

/** Does a passage cover this sentence (half of the sentence, or half of a passage inside it)? */
export function covers(p: { start: number; end: number }, s: { start: number; end: number }): boolean {
  const overlap = Math.min(p.end, s.end) - Math.max(p.start, s.start);
  if (overlap <= 0) return false;
  return overlap * 2 >= s.end - s.start || overlap * 2 >= p.end - p.start;
}

/** One prose block of a document as analysed: its sentences, and their evidence under the current lexicons. */
interface BlockAnalysis {
  sentences: Sentence[];
  evidence: SentenceEvidence[] | null;
  lexiconVersion: number;
}

interface Analysed {
  hash: string;
  /** By block index; a block not here has not been analysed yet (long documents are analysed lazily). */
  blocks: Map<number, BlockAnalysis>;
  headings: Set<number>;
}

/** Suggestions for as much of a document as a call's budget allowed. */
export interface PartialProposal {
  suggestions: Suggestion[];
  /** Every prose block analysed: these are all the document's suggestions. */
  complete: boolean;
  /** Share of the document's prose (by characters) up to where this proposal ended, 0–1. */
  analysed: number;
  /** Where the next slice starts (a position in `doc.blocks`); the blocks' length when complete. */
  next: number;
}

interface TagState {
  examples: Map<string, Example & { lemmas: Set<string> }>;
  model: LogisticModel | null;
  /** Held-out scores of the fitted model on the analyst's own examples (three folds), for calibration. */
  heldOut: Outcome[];
  /** Content lemma → the positive examples' lemma sets holding it (built on demand, dropped when examples change). */
  likeIndex: Map<string, Set<string>[]> | null;
}

export interface ProposeOptions {
  /** Tag ids to propose; all tags the engine knows when absent. */
  tags?: readonly string[];
  /** Minimum score per tag id (default 0.5). */
  thresholds?: Readonly<Record<string, number>>;
  /** The document's passages: a sentence a passage with the tag already covers is not proposed again. */
  passages?: readonly KnownPassage[];
  /** Rejection keys (rejectionKey): never proposed again. */
  rejected?: ReadonlySet<string>;
  /**
   * Asked before each block not analysed yet: true stops there (the proposal is partial, a later call
   * goes on where this one stopped). Absent: the whole document.
   */
  stop?: () => boolean;
  /** Start at this position in `doc.blocks` (a later slice of a long document); 0 when absent. */
  from?: number;
}

export class SuggestEngine {
  private lexicons = new Map<string, TagLexicon>();
  private lexiconVersion = 0;
  private readonly docs = new Map<string, Analysed>();
  private readonly tags = new Map<string, TagState>();

  constructor(lexicons: ReadonlyMap<string, TagLexicon>) {
    this.setLexicons(lexicons);
  }

  /** Replaces the tags and their lexicons; cached evidence is recomputed on next use, examples keep their labels. */
  setLexicons(lexicons: ReadonlyMap<string, TagLexicon>): void {
    this.lexicons = new Map([...lexicons].map(([k, v]) => [k, { cues: [...v.cues], negatable: v.negatable }]));
    this.lexiconVersion++;
    for (const id of this.lexicons.keys()) if (!this.tags.has(id)) this.tags.set(id, { examples: new Map(), model: null, heldOut: [], likeIndex: null });
    for (const id of [...this.tags.keys()]) if (!this.lexicons.has(id)) this.tags.delete(id);
  }

  tagIds(): string[] {
    return [...this.lexicons.keys()];
  }

  /** The document's sentences (cached by content hash). */
  sentences(doc: SuggestDoc): Sentence[] {
    return this.docEvidence(doc).sentences;
  }

  private analyse(doc: SuggestDoc): Analysed {
    let a = this.docs.get(doc.id);
    if (a === undefined || a.hash !== doc.contentHash) {
      a = { hash: doc.contentHash, blocks: new Map(), headings: new Set(doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.index)) };
      this.docs.set(doc.id, a);
    }
    return a;
  }

  /** One block's sentences and evidence (sentences from the shared cache by the block's text, evidence under the current lexicons). */
  private block(doc: SuggestDoc, a: Analysed, block: SuggestDoc['blocks'][number]): BlockAnalysis {
    let b = a.blocks.get(block.index);
    if (b === undefined) {
      b = { sentences: analyseBlock(doc.text, block), evidence: null, lexiconVersion: -1 };
      a.blocks.set(block.index, b);
    }
    if (b.evidence === null || b.lexiconVersion !== this.lexiconVersion) {
      // Evidence looks at neighbouring sentences within the block only, so a block is scored on its own.
      b.evidence = evidenceOf(b.sentences, this.lexicons, a.headings);
      b.lexiconVersion = this.lexiconVersion;
    }
    return b;
  }

  /** Sentences and evidence of the whole document, or of the blocks overlapping `range`. */
  private docEvidence(doc: SuggestDoc, range?: { start: number; end: number }): { sentences: Sentence[]; ev: SentenceEvidence[] } {
    const a = this.analyse(doc);
    const sentences: Sentence[] = [];
    const ev: SentenceEvidence[] = [];
    for (const block of doc.blocks) {
      if (!isProse(block)) continue;
      if (range !== undefined && (block.end <= range.start || block.start >= range.end)) continue;
      const b = this.block(doc, a, block);
      sentences.push(...b.sentences);
      ev.push(...b.evidence!);
    }
    return { sentences, ev };
  }

  /**
   * Learns from scratch from coded documents: in each document with at least one passage, every
   * sentence a passage with tag T covers is an example of T, every other sentence an example of not-T
   * (the analyst read it and did not tag it). Rejections are examples of not-T wherever they are.
   */
  learn(docs: readonly SuggestDoc[], passages: readonly KnownPassage[], rejected: ReadonlySet<string> = new Set()): void {
    for (const st of this.tags.values()) {
      st.examples.clear();
      st.likeIndex = null;
    }
    for (const doc of docs) {
      const own = passages.filter((p) => p.docId === doc.id);
      if (own.length === 0) continue;
      const { sentences, ev } = this.docEvidence(doc);
      sentences.forEach((s, i) => {
        const exact = doc.text.slice(s.start, s.end);
        for (const [tagId, st] of this.tags) {
          const has = own.some((p) => p.tagIds.includes(tagId) && covers(p, s));
          const label = has && !rejected.has(rejectionKey(exact, tagId)) ? 1 : 0;
          st.examples.set(`${doc.id}:${s.start}`, { features: ev[i]!.features, label, lemmas: ev[i]!.lemmas });
        }
      });
    }
    for (const tagId of this.tags.keys()) this.refit(tagId);
  }

  /**
   * One decision of the analyst (an accept is 1, a reject 0) on one sentence: stored as an example and
   * learnt at once with a few gradient steps on it and the most recent examples; `refit` later redoes
   * the whole fit and its calibration.
   */
  update(doc: SuggestDoc, range: { start: number; end: number }, tagId: string, label: 0 | 1): void {
    const st = this.tags.get(tagId);
    if (st === undefined) return;
    const { sentences, ev } = this.docEvidence(doc, range);
    const recent = [...st.examples.values()].slice(-200);
    st.likeIndex = null;
    sentences.forEach((s, i) => {
      if (!covers(range, s)) return;
      const ex = { features: ev[i]!.features, label, lemmas: ev[i]!.lemmas };
      st.examples.set(`${doc.id}:${s.start}`, ex);
      recent.push(ex);
    });
    if (st.model !== null) st.model.fit(recent, { epochs: 3 });
    else if (this.ready(st)) this.refit(tagId);
  }

  private ready(st: TagState): boolean {
    let pos = 0;
    let neg = 0;
    for (const e of st.examples.values()) {
      if (e.label === 1) pos++;
      else neg++;
    }
    return pos >= MIN_POSITIVES && neg >= MIN_NEGATIVES;
  }

  /**
   * Fits the tag's model on all its examples, and held-out fits to know how precise its scores are. The
   * folds are whole documents (up to five groups of them): sentences of one article share its vocabulary
   * and its topic, so a fold that interleaved them would promise a precision no new article delivers.
   * With one coded document only, its sentences fall into three contiguous thirds instead.
   */
  refit(tagId: string): void {
    const st = this.tags.get(tagId);
    if (st === undefined) return;
    if (!this.ready(st)) {
      st.model = null;
      st.heldOut = [];
      return;
    }
    const keys = [...st.examples.keys()];
    const all = [...st.examples.values()];
    st.model = new LogisticModel().fit(all);
    st.heldOut = [];
    const docOf = (key: string) => key.slice(0, key.lastIndexOf(':'));
    const docs = [...new Set(keys.map(docOf))];
    const folds = docs.length >= 2 ? Math.min(5, docs.length) : 3;
    const foldOf =
      docs.length >= 2
        ? (i: number) => docs.indexOf(docOf(keys[i]!)) % folds
        : (i: number) => Math.min(folds - 1, Math.floor((i * folds) / all.length));
    const foldIndex = all.map((_, i) => foldOf(i));
    for (let fold = 0; fold < folds; fold++) {
      const train = all.filter((_, i) => foldIndex[i] !== fold);
      const test = all.filter((_, i) => foldIndex[i] === fold);
      if (!train.some((e) => e.label === 1) || !train.some((e) => e.label === 0)) continue;
      const m = new LogisticModel().fit(train);
      for (const e of test) st.heldOut.push({ score: m.predict(e.features), label: e.label });
    }
  }

  /** Whether the tag is scored by its learnt model (true) or its lexicon (false). */
  learned(tagId: string): boolean {
    return this.tags.get(tagId)?.model != null;
  }

  /** Counts of the tag's examples. */
  exampleCounts(tagId: string): { positive: number; negative: number } {
    let positive = 0;
    let negative = 0;
    for (const e of this.tags.get(tagId)?.examples.values() ?? []) {
      if (e.label === 1) positive++;
      else negative++;
    }
    return { positive, negative };
  }

  /** Held-out outcomes of the current model (empty while the lexicon scores the tag). */
  heldOut(tagId: string): readonly Outcome[] {
    return this.tags.get(tagId)?.heldOut ?? [];
  }

  /** Expected precision at a threshold from the model's held-out outcomes plus `history` (accepts/rejects). */
  precisionAt(tagId: string, threshold: number, history: readonly Outcome[] = []): ReturnType<typeof expectedPrecision> {
    return expectedPrecision([...this.heldOut(tagId), ...history], threshold);
  }

  /** Scores every sentence for one tag (no threshold, no exclusions): for evaluation and calibration. */
  scoreAll(doc: SuggestDoc, tagId: string): { start: number; end: number; score: number }[] {
    const { sentences, ev } = this.docEvidence(doc);
    return sentences.map((s, i) => ({ start: s.start, end: s.end, score: this.score(tagId, ev[i]!) }));
  }

  private score(tagId: string, e: SentenceEvidence): number {
    const model = this.tags.get(tagId)?.model;
    return model != null ? model.predict(e.features) : lexiconScore(e.hits.get(tagId) ?? []);
  }

  /** Suggestions for one document, in reading order, then by tag order. */
  propose(doc: SuggestDoc, options: ProposeOptions = {}): Suggestion[] {
    const { stop: _ignored, ...rest } = options;
    return this.proposeSome(doc, rest).suggestions;
  }

  /**
   * Suggestions for the document's blocks in reading order from `options.from`, as far as `options.stop`
   * lets the analysis go: blocks analysed before cost only their scoring, so slices with a budget walk
   * through a long document (each answering its own blocks' suggestions) and a repeat call is cheap.
   */
  proposeSome(doc: SuggestDoc, options: ProposeOptions = {}): PartialProposal {
    const a = this.analyse(doc);
    const tagIds = (options.tags ?? this.tagIds()).filter((t) => this.lexicons.has(t));
    const passages = (options.passages ?? []).filter((p) => p.docId === doc.id);
    const out: Suggestion[] = [];
    let total = 0;
    let done = 0;
    let next = doc.blocks.length;
    const from = options.from ?? 0;
    for (const [position, block] of doc.blocks.entries()) {
      if (!isProse(block)) continue;
      const size = block.end - block.start;
      total += size;
      if (next < doc.blocks.length) continue;
      if (position < from) {
        done += size;
        continue;
      }
      // At least one block per call, so every slice makes progress.
      if (position > from && !a.blocks.has(block.index) && options.stop?.()) {
        next = position;
        continue;
      }
      done += size;
      const { sentences, evidence: ev } = this.block(doc, a, block);
      sentences.forEach((s, i) => {
        const e = ev![i]!;
        const exact = doc.text.slice(s.start, s.end);
        let key: string | null = null; // hashed once per sentence, and only when a tag clears its threshold
        for (const tagId of tagIds) {
          const score = this.score(tagId, e);
          if (score < (options.thresholds?.[tagId] ?? 0.5) || score <= 0) continue;
          if (options.rejected !== undefined && options.rejected.size > 0 && options.rejected.has(`${(key ??= textKey(exact))}:${tagId}`)) continue;
          if (passages.some((p) => p.tagIds.includes(tagId) && covers(p, s))) continue;
          const hits = (e.hits.get(tagId) ?? []).filter((h) => !h.negated);
          const cues = [...new Set(hits.map((h) => doc.text.slice(h.start, h.end).toLowerCase()))];
          out.push({ docId: doc.id, start: s.start, end: s.end, exact, tag: tagId, score: round(score), cues, like: this.like(tagId, e), source: this.learned(tagId) ? 'model' : 'lexicon' });
        }
      });
    }
    return { suggestions: out, complete: next === doc.blocks.length, analysed: total === 0 ? 1 : done / total, next };
  }

  private like(tagId: string, e: SentenceEvidence): number {
    const st = this.tags.get(tagId);
    if (st === undefined) return 0;
    if (st.likeIndex === null) {
      st.likeIndex = new Map();
      for (const ex of st.examples.values()) {
        if (ex.label !== 1) continue;
        for (const l of ex.lemmas) {
          const list = st.likeIndex.get(l) ?? [];
          list.push(ex.lemmas);
          st.likeIndex.set(l, list);
        }
      }
    }
    // Shared lemmas per passage through the index, then Jaccard: only passages sharing a word are visited.
    const shared = new Map<Set<string>, number>();
    for (const l of e.lemmas) for (const set of st.likeIndex.get(l) ?? []) shared.set(set, (shared.get(set) ?? 0) + 1);
    let n = 0;
    for (const [set, inter] of shared) if (inter / (set.size + e.lemmas.size - inter) >= LIKE_SIMILARITY) n++;
    return n;
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
