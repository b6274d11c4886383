// Suggestions as main and renderer share them: what is proposed, why, and each tag's suggestion settings.

/** Bounds of a tag's cue lexicon (checked at the boundary and in the store). */
export const MAX_CUES = 500;
export const MAX_CUE_LENGTH = 80;
/** The precision a tag's default threshold is chosen for. */
export const TARGET_PRECISION = 0.8;

/** One proposed passage: a sentence that may carry a tag. Offsets are UTF-16 code units of the document text. */
export interface Suggestion {
  docId: string;
  start: number;
  end: number;
  exact: string;
  /** Tag id. */
  tag: string;
  /** 0–1, compared with the tag's threshold. */
  score: number;
  /** The cue words found, as they stand in the text. */
  cues: string[];
  /** How many of the analyst's passages with this tag are like this sentence. */
  like: number;
  /** What scored it: the tag's cue lexicon (too few examples yet) or the model learnt from the analyst's passages. */
  source: 'lexicon' | 'model';
  /** The local model's verdict when one is configured and answered; absent otherwise. */
  localModel?: 'yes' | 'no';
}

/** One tag's suggestion settings and what can be expected of them. */
export interface SuggestTagState {
  tagId: string;
  enabled: boolean;
  threshold: number;
  /** The threshold a tag has until the analyst moves it: the lowest whose expected precision reaches TARGET_PRECISION. */
  defaultThreshold: number;
  /** Whether the analyst set the threshold (false: it follows the default as evidence comes in). */
  customThreshold: boolean;
  /** Whether the expected precision reaches TARGET_PRECISION at the default (false: too little evidence yet, or none does). */
  reachesTarget: boolean;
  /** Expected precision at the threshold (from the analyst's accepts/rejects, held-out fits and the eval set); null when unknown. */
  expectedPrecision: number | null;
  /** How many past outcomes the estimate rests on. */
  support: number;
  source: 'lexicon' | 'model';
  /** Passages and non-passages the model has learnt from. */
  positives: number;
  negatives: number;
  cues: string[];
  negatable: boolean;
  /** Whether `cues` are still the defaults for the tag. */
  defaultCues: boolean;
}

export interface SuggestionList {
  docId: string;
  suggestions: Suggestion[];
  tags: SuggestTagState[];
  /** False while a long document is still being analysed: ask again from `next` and append the answer. */
  complete: boolean;
  /** Share of the document's prose up to `next`, 0–1. */
  analysed: number;
  /** The slice this answer covers: positions in the document's blocks, `from` up to `next` (excluded). */
  from: number;
  next: number;
}

/** An accept or reject as recorded, so it can be undone. */
export interface SuggestDecision {
  id: string;
  kind: 'accept' | 'reject';
  docId: string;
  tagId: string;
  /** The passage an accept created; null for a reject. */
  annotationId: string | null;
}

export interface LocalModelConfig {
  enabled: boolean;
  url: string;
  model: string;
}

/** What a "Test connection" found: whether the server answered usably, and a sentence saying so. */
export interface LocalModelTest {
  ok: boolean;
  message: string;
}

/** Most words a cue may have. */
export const MAX_CUE_WORDS = 6;

/** Checks one cue as typed (main and the lexicon editor share the rule); answers the reason it is unusable, or null. */
export function cueProblem(cue: string): string | null {
  const t = cue.trim();
  if (t === '') return 'A cue cannot be empty.';
  if (t.length > MAX_CUE_LENGTH) return `A cue is at most ${MAX_CUE_LENGTH} characters.`;
  if (t.split(/\s+/).length > MAX_CUE_WORDS) return 'A cue is at most six words.';
  const slash = t.split(/\s+/).find((w) => w.lastIndexOf('/') > 0 && !/^[A-Za-z]+$/.test(w.slice(w.lastIndexOf('/') + 1)));
  if (slash !== undefined) return `"${slash}": after a slash comes a part of speech, like may/AUX or back/VERB.`;
  return null;
}

/**
 * Checks a lexicon as typed, one cue per line: every problem with its line number, repeats included.
 * Blank lines are ignored. Answers the cues to save (trimmed, in order) and the problems (empty: savable).
 */
export function checkCues(text: string): { cues: string[]; problems: string[] } {
  const cues: string[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  text.split('\n').forEach((line, i) => {
    const cue = line.trim();
    if (cue === '') return;
    const problem = cueProblem(cue);
    if (problem !== null) problems.push(`Line ${i + 1}: ${problem}`);
    const key = cue.toLowerCase().replace(/\s+/g, ' ');
    const first = seen.get(key);
    if (first !== undefined) problems.push(`Line ${i + 1} repeats line ${first}.`);
    else seen.set(key, i + 1);
    cues.push(cue);
  });
  if (cues.length > MAX_CUES) problems.push(`A tag has at most ${MAX_CUES} cues (${cues.length} here).`);
  return { cues, problems };
}
