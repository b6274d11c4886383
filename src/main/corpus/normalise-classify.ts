// Block kinds: the chrome/caption rule table, breadcrumbs, pull-quotes, then headings, in that order.
import type { BlockKind } from '../../shared/types';
import type { Draft } from './normalise-reflow';
import { findPullquotes } from './normalise-pullquote';
import { endsSentence, wordsOf } from './normalise-text';

interface TextRule {
  kind: 'chrome' | 'caption';
  /** Why the rule exists, for whoever tunes it next. */
  what: string;
  pattern: RegExp;
}

/** Site furniture and credits are short; a long block matching these is body text quoting them. */
const RULE_MAX_LENGTH = 400;

const TEXT_RULES: readonly TextRule[] = [
  { kind: 'chrome', what: 'call to subscribe', pattern: /^subscribe\b/i },
  {
    kind: 'chrome',
    what: 'a lone site label',
    pattern: /^(authors?|share( this( article| page)?)?|print|email|tags|related( articles)?|read more|follow us)$/i,
  },
  { kind: 'chrome', what: 'newsletter or privacy blurb', pattern: /privacy (notice|policy)|\bunsubscribe\b/i },
  { kind: 'chrome', what: 'disclaimer', pattern: /\b(views|opinions)\b.*\bdo(es)? not necessarily (reflect|represent)\b/i },
  { kind: 'chrome', what: 'disclaimer', pattern: /\bdoes not take (any )?(collective|institutional) positions?\b/i },
  {
    kind: 'chrome',
    what: 'production note in brackets',
    pattern: /^\((this|the) [\p{L} ]{1,40} (was|is|has been) \p{L}+ (in (partnership|cooperation|collaboration)|with the support)\b.*\)$/iu,
  },
  { kind: 'chrome', what: 'byline', pattern: /^By\s+\p{Lu}[\p{L}’'.-]*(\s+\p{Lu}[\p{L}’'.-]*){1,4}$/u },
  { kind: 'chrome', what: 'copyright line', pattern: /^(©|copyright\b)|\ball rights reserved\b/i },
  { kind: 'caption', what: 'image credit', pattern: /^(image|photo|photograph|picture)\s*(by\b|credit\b|:)|^credits?:/i },
];

/** Longest caption or pull-quote; longer blocks are body paragraphs. */
const DISPLAY_MAX_LENGTH = 300;
/** Fewer words than this could match body text by coincidence ("Prospects for the future"). */
const PULLQUOTE_MIN_WORDS = 6;
const HEADING_MAX_LENGTH = 100;

/** Every test must hold for a single-line block to read as a heading. */
const HEADING_TESTS: readonly [string, (d: Draft) => boolean][] = [
  ['one source line', (d) => d.lines === 1 && d.marker === undefined],
  ['short', (d) => d.text.length <= HEADING_MAX_LENGTH],
  ['starts like a title', (d) => /^[\p{Lu}\p{N}"“‘'(]/u.test(d.text)],
  ['no sentence-final punctuation', (d) => !endsSentence(d.text) && !/[,;]$/u.test(d.text)],
  // "Additional Resources:" is a heading; "…are as follows:" is a lead-in sentence.
  ['a colon only after a label', (d) => !d.text.endsWith(':') || wordsOf(d.text).length <= 4],
];

export function classify(drafts: readonly Draft[]): BlockKind[] {
  const kinds: BlockKind[] = drafts.map((d) => ruleKind(d) ?? (d.marker === undefined ? 'paragraph' : 'list-item'));
  markBreadcrumbs(drafts, kinds);
  markCaptionsBeforeCredits(drafts, kinds);
  markPullquotes(drafts, kinds);
  markHeadings(drafts, kinds);
  return kinds;
}

function ruleKind(d: Draft): BlockKind | undefined {
  if (d.text.length > RULE_MAX_LENGTH) return undefined;
  return TEXT_RULES.find((r) => r.pattern.test(d.text))?.kind;
}

/** "• Home" opening the page, and the bullets of its trail in the same group, are navigation. */
function markBreadcrumbs(drafts: readonly Draft[], kinds: BlockKind[]): void {
  const first = drafts[0];
  if (first?.marker === undefined || !/^home\b/i.test(first.text)) return;
  for (const [i, d] of drafts.entries()) {
    if (d.group !== first.group || d.marker === undefined) break;
    kinds[i] = 'chrome';
  }
}

/** The line a credit follows is the caption itself. */
function markCaptionsBeforeCredits(drafts: readonly Draft[], kinds: BlockKind[]): void {
  for (const [i, d] of drafts.entries()) {
    const credit = drafts[i + 1];
    if (credit === undefined || kinds[i + 1] !== 'caption' || kinds[i] !== 'paragraph') continue;
    const attached = credit.group === d.group || !endsSentence(d.text);
    if (attached && d.text.length <= DISPLAY_MAX_LENGTH) kinds[i] = 'caption';
  }
}

function markPullquotes(drafts: readonly Draft[], kinds: BlockKind[]): void {
  const isCandidate = (i: number): boolean => {
    const d = drafts[i];
    if (d === undefined || kinds[i] !== 'paragraph' || d.text.length > DISPLAY_MAX_LENGTH) return false;
    return wordsOf(d.text).length >= PULLQUOTE_MIN_WORDS;
  };
  const isSource = (i: number): boolean => kinds[i] === 'paragraph' || kinds[i] === 'list-item';
  for (const i of findPullquotes(drafts.map((d) => d.text), isCandidate, isSource)) kinds[i] = 'pullquote';
}

/**
 * A heading introduces body text, so it must be followed (past any caption) by a paragraph or
 * list item; the first block that is not chrome may be a title whatever follows it.
 */
function markHeadings(drafts: readonly Draft[], kinds: BlockKind[]): void {
  const title = kinds.findIndex((k) => k !== 'chrome');
  // Backwards, so the kind of what follows is final: of two stacked short lines only the second
  // introduces a paragraph.
  for (let i = drafts.length - 1; i >= 0; i -= 1) {
    const d = drafts[i];
    if (d === undefined || kinds[i] !== 'paragraph' || !HEADING_TESTS.every(([, test]) => test(d))) continue;
    const next = nextKindPastCaptions(kinds, i);
    if (i === title || next === 'paragraph' || next === 'list-item') kinds[i] = 'heading';
  }
}

function nextKindPastCaptions(kinds: readonly BlockKind[], i: number): BlockKind | undefined {
  let j = i + 1;
  while (kinds[j] === 'caption') j += 1;
  return kinds[j];
}
