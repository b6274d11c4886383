// What the learner sees of a sentence: content lemmas (negated ones marked), lemma bigrams and every tag's cue hits.
import { matchCues, type CueHit, type TagLexicon } from './lexicon';
import type { Sentence } from './sentences';

/** Parts of speech that carry content; function words are left to the bigrams and the cues. */
const CONTENT: ReadonlySet<string> = new Set(['NOUN', 'VERB', 'ADJ', 'ADV', 'PROPN', 'AUX', 'NUM']);

export interface SentenceEvidence {
  features: string[];
  /** Cue hits per tag id (the lexicons given), for scoring and for the hover card. */
  hits: Map<string, CueHit[]>;
  /** Content lemmas, for "like N of your passages". */
  lemmas: Set<string>;
}

export function evidence(sentence: Sentence, lexicons: ReadonlyMap<string, TagLexicon>): SentenceEvidence {
  const features = new Set<string>();
  const lemmas = new Set<string>();
  let prev: string | null = null;
  for (const t of sentence.tokens) {
    if (t.pos === 'PUNCT' || t.pos === 'SYM' || t.pos === 'SPACE') {
      prev = null;
      continue;
    }
    const lemma = t.lemma.toLowerCase();
    if (CONTENT.has(t.pos)) {
      features.add((t.negated ? 'neg:' : 'w:') + lemma);
      if (t.pos !== 'AUX') lemmas.add(lemma);
    }
    if (prev !== null) features.add(`b:${prev}_${lemma}`);
    prev = lemma;
  }
  const hits = new Map<string, CueHit[]>();
  for (const [tagId, lexicon] of lexicons) {
    const h = matchCues(sentence, lexicon);
    hits.set(tagId, h);
    const live = new Set(h.filter((x) => !x.negated).map((x) => x.cue));
    for (const cue of live) features.add(`cue:${tagId}:${cue}`);
    for (const x of h) if (x.negated) features.add(`negcue:${tagId}`);
    features.add(`ncue:${tagId}:${Math.min(live.size, 3)}`);
  }
  return { features: [...features], hits, lemmas };
}

/** Jaccard similarity of two lemma sets. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}
