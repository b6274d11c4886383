// What the learner sees of a sentence: content lemmas (negated ones marked), every tag's cue hits, the cues around it, and where it stands.
import { matchCues, type CueHit, type TagLexicon } from './lexicon';
import type { Sentence } from './sentences';

/** Parts of speech that carry content; function words are left to the cues. */
const CONTENT: ReadonlySet<string> = new Set(['NOUN', 'VERB', 'ADJ', 'ADV', 'PROPN', 'AUX', 'NUM']);
/** At most this many proper names of one sentence are paired (a list of twenty names would make 190 pairs). */
const MAX_NAMES = 6;

export interface SentenceEvidence {
  features: string[];
  /** Cue hits per tag id (the lexicons given), for scoring and for the hover card. */
  hits: Map<string, CueHit[]>;
  /** Content lemmas, for "like N of your passages". */
  lemmas: Set<string>;
}

/**
 * Evidence for every sentence of one document, in order. Beside the sentence's own words and cues, a
 * sentence learns from its neighbours in the same block (a cue just before or after: "Moscow disagreed.
 * Tehran said so too.") and from its place (a heading, a paragraph's first sentence). Proper names that
 * meet in one sentence make a pair feature ("iran+russia"), so the learner can tell relations between two
 * parties from mentions of one. Lemma bigrams were measured and dropped: no gain on the eval set, twice
 * the features (bench/RESULTS.md).
 */
export function evidenceOf(sentences: readonly Sentence[], lexicons: ReadonlyMap<string, TagLexicon>, headings: ReadonlySet<number> = new Set()): SentenceEvidence[] {
  const hits = sentences.map((s) => {
    const m = new Map<string, CueHit[]>();
    for (const [tagId, lexicon] of lexicons) m.set(tagId, matchCues(s, lexicon));
    return m;
  });
  const live = (i: number, tagId: string) => (hits[i]?.get(tagId) ?? []).some((h) => !h.negated);
  return sentences.map((s, i) => {
    const features = new Set<string>();
    const lemmas = new Set<string>();
    const names = new Set<string>();
    for (const t of s.tokens) {
      if (!CONTENT.has(t.pos)) continue;
      const lemma = t.lemma.toLowerCase();
      features.add((t.negated ? 'neg:' : 'w:') + lemma);
      if (t.pos !== 'AUX') lemmas.add(lemma);
      if (t.pos === 'PROPN' && names.size < MAX_NAMES) names.add(lemma);
    }
    const sorted = [...names].sort();
    for (let a = 0; a < sorted.length; a++) for (let b = a + 1; b < sorted.length; b++) features.add(`pp:${sorted[a]}+${sorted[b]}`);
    for (const [tagId, h] of hits[i]!) {
      const cues = new Set(h.filter((x) => !x.negated).map((x) => x.cue));
      for (const cue of cues) features.add(`cue:${tagId}:${cue}`);
      if (cues.size > 0) features.add(`anycue:${tagId}`);
      if (h.some((x) => x.negated)) features.add(`negcue:${tagId}`);
      features.add(`ncue:${tagId}:${Math.min(cues.size, 3)}`);
      if (sentences[i - 1]?.block === s.block && live(i - 1, tagId)) features.add(`prevcue:${tagId}`);
      if (sentences[i + 1]?.block === s.block && live(i + 1, tagId)) features.add(`nextcue:${tagId}`);
    }
    if (headings.has(s.block)) features.add('at:heading');
    if (i === 0 || sentences[i - 1]!.block !== s.block) features.add('at:first');
    return { features: [...features], hits: hits[i]!, lemmas };
  });
}

/** Jaccard similarity of two lemma sets. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}
