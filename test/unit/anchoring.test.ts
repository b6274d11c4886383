// Round-trip and edit-survival tests for describe → place (the quote alone), plus the offset checks they rely on.
import { describe as group, expect, it } from 'vitest';
import {
  AMBIGUITY_MARGIN,
  MIN_SCORE,
  POSITION_WEIGHT,
  PREFIX_WEIGHT,
  QUOTE_WEIGHT,
  SUFFIX_WEIGHT,
  place,
} from '../../src/main/anchoring';
import { checkRange, describe, snapToCodePoints } from '../../src/shared/anchoring';
import { QUOTE_CONTEXT } from '../../src/shared/limits';
import { GlossatorError } from '../../src/shared/result';
import type { TextTarget } from '../../src/shared/types';

const HASH = 'sha256:original';
const NEW_HASH = 'sha256:edited';

/** A stored target placed on `text` (whose hash is `contentHash`) by the quote alone, no old text at hand. */
const placeOn = (text: string, contentHash: string, t: TextTarget) => place(t, text, null, { contentHash });

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Offset of the nth (from 0) occurrence of `exact` in `text`. */
function offsetOf(text: string, exact: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(exact, at + 1);
    if (at === -1) throw new Error(`occurrence ${nth} of ${JSON.stringify(exact)} not in text`);
  }
  return at;
}

function target(text: string, exact: string, nth = 0): TextTarget {
  const start = offsetOf(text, exact, nth);
  return describe(text, start, start + exact.length, HASH);
}

function expectNoHalfCharacters(s: string): void {
  if (s.length === 0) return;
  expect(isLow(s.charCodeAt(0)), `starts with a low surrogate: ${JSON.stringify(s)}`).toBe(false);
  expect(isHigh(s.charCodeAt(s.length - 1)), `ends with a high surrogate: ${JSON.stringify(s)}`).toBe(false);
}

group('describe → anchor round trip', () => {
  const vietnamese = 'Tiếng Việt có nhiều dấu thanh, và Việt Nam là một đất nước.';
  const rows: { name: string; text: string; exact: string; nth?: number }[] = [
    { name: 'plain ASCII', text: 'The quick brown fox jumps over the lazy dog.', exact: 'brown fox' },
    { name: 'emoji (surrogate pair)', text: 'Launch day 🚀 went well 😀 overall.', exact: '🚀' },
    { name: 'text around emoji', text: 'Launch day 🚀 went well 😀 overall.', exact: '🚀 went well 😀' },
    {
      name: 'ZWJ sequence',
      text: 'Family photo 👨‍👩‍👧‍👦 from 2019 and 👩🏽‍💻 at work.',
      exact: '👨‍👩‍👧‍👦',
    },
    { name: 'flag', text: 'Talks between 🇫🇷 and 🇩🇪 resumed; 🇺🇦 was absent.', exact: '🇩🇪' },
    { name: 'Persian', text: 'وزیر امور خارجه ایران روز چهارشنبه به مسکو رفت.', exact: 'ایران روز چهارشنبه' },
    {
      name: 'Arabic mixed with Latin',
      text: 'قال المتحدث باسم Reuters إن الاتفاق «تاريخي» حسب BBC News.',
      exact: 'Reuters إن الاتفاق',
    },
    { name: 'combining acute (e + U+0301), repeated word', text: 'Le cafe\u0301 est ouvert, cafe\u0301 noir.', exact: 'cafe\u0301 noir' },
    { name: 'Vietnamese (NFC), second occurrence', text: vietnamese, exact: 'Việt', nth: 1 },
    {
      name: 'Vietnamese (NFD)',
      text: vietnamese.normalize('NFD'),
      exact: 'Việt Nam'.normalize('NFD'),
    },
    { name: 'CRLF line endings', text: 'Line one\r\nLine two\r\nLine three\r\n', exact: 'two\r\nLine' },
    { name: 'range at the start', text: 'The quick brown fox jumps over the lazy dog.', exact: 'The quick' },
    { name: 'range at the end', text: 'The quick brown fox jumps over the lazy dog.', exact: 'lazy dog.' },
    { name: 'whole text', text: 'Only this.', exact: 'Only this.' },
    { name: 'one character, second of three', text: 'a x b x c x d', exact: 'x', nth: 1 },
    {
      name: 'repeated quote, last occurrence',
      text: 'At first the report said no. Later the report said yes. Finally the report said maybe.',
      exact: 'the report said',
      nth: 2,
    },
    {
      name: 'context cut at a surrogate pair on both sides',
      text: `${'😀'.repeat(20)}xPx${'😀'.repeat(20)}`,
      exact: 'P',
    },
  ];

  const preface = "Editor's note: this article was updated.\n\n";

  for (const row of rows) {
    it(`${row.name}: unchanged text anchors by hash`, () => {
      const t = target(row.text, row.exact, row.nth);
      const out = placeOn(row.text, HASH, t);
      expect(out).toMatchObject({ state: 'anchored', method: 'hash', range: t.position, score: 1 });
      expect(row.text.slice(out.range!.start, out.range!.end)).toBe(row.exact);
      expect(t.quote.prefix.length).toBeLessThanOrEqual(QUOTE_CONTEXT);
      expect(t.quote.suffix.length).toBeLessThanOrEqual(QUOTE_CONTEXT);
      expectNoHalfCharacters(t.quote.prefix);
      expectNoHalfCharacters(t.quote.suffix);
    });

    it(`${row.name}: text inserted before → moved to the same occurrence`, () => {
      const t = target(row.text, row.exact, row.nth);
      const out = placeOn(preface + row.text, NEW_HASH, t);
      expect(out).toMatchObject({
        state: 'moved',
        method: 'exact',
        range: { start: t.position.start + preface.length, end: t.position.end + preface.length },
      });
    });
  }

  it('trims context inwards at a surrogate pair instead of keeping half of it', () => {
    const text = `${'😀'.repeat(20)}xPx${'😀'.repeat(20)}`;
    const t = target(text, 'P');
    expect(t.quote.prefix).toBe(`${'😀'.repeat(15)}x`);
    expect(t.quote.suffix).toBe(`x${'😀'.repeat(15)}`);
  });
});

group('describe: every range of a mixed-script text', () => {
  const text =
    'Ab 😀 cafe\u0301 🇫🇷 👨‍👩‍👧 سلام دنیا\r\nx😀y — Tiếng Việt, 🇺🇦 and more 👩🏽‍💻 text 😀😀 end.';
  const ranges: [number, number][] = [];
  for (let s = 0; s < text.length; s++) {
    for (let e = s + 1; e <= text.length; e++) if (checkRange(text, s, e) === null) ranges.push([s, e]);
  }

  it('context is at most QUOTE_CONTEXT long, whole characters, and adjacent to the quote', () => {
    for (const [s, e] of ranges) {
      const { quote, position } = describe(text, s, e, HASH);
      expect(position).toEqual({ start: s, end: e });
      expect(quote.exact).toBe(text.slice(s, e));
      expect(quote.prefix.length).toBeLessThanOrEqual(QUOTE_CONTEXT);
      expect(quote.suffix.length).toBeLessThanOrEqual(QUOTE_CONTEXT);
      expect(quote.prefix.length).toBeGreaterThanOrEqual(Math.min(s, QUOTE_CONTEXT - 1));
      expect(quote.suffix.length).toBeGreaterThanOrEqual(Math.min(text.length - e, QUOTE_CONTEXT - 1));
      expectNoHalfCharacters(quote.prefix);
      expectNoHalfCharacters(quote.suffix);
      expect(text.slice(s - quote.prefix.length, e + quote.suffix.length)).toBe(quote.prefix + quote.exact + quote.suffix);
    }
  });

  it('after text is inserted before, every passage is either found in its right place or sent to review', () => {
    const preface = 'Preface added later. ';
    const edited = preface + text;
    let placed = 0;
    for (const [s, e] of ranges) {
      const out = placeOn(edited, NEW_HASH, describe(text, s, e, HASH));
      if (out.state === 'needs-review') {
        expect(out.range).toBeNull();
        continue;
      }
      expect(out.range, `range [${s}, ${e})`).toEqual({ start: s + preface.length, end: e + preface.length });
      placed++;
    }
    // Only tiny, repeated quotes ("😀" inside "😀😀") may be unplaceable.
    expect(placed / ranges.length).toBeGreaterThan(0.98);
  });
});

group('anchor after edits', () => {
  const P1 =
    'On March 15, Iranian Foreign Minister Hossein Amir-Abdollahian arrived in Moscow to hold talks with Russian officials on the war in Ukraine and the future of the nuclear deal.';
  const P2 =
    "The Ukraine component of this trip was shrouded in ambiguties. Although Russian Foreign Minister Sergei Lavrov praised Iran's objective position, Ukrainian Foreign Minister Dmytro Kuleba also spoke with Amir-Abdollahian by phone.";
  const P3 = 'Analysts in Tehran expect the alignment to continue despite differences over the terms of the deal.';
  const doc = (...paragraphs: string[]) => paragraphs.join('\n\n');
  const original = doc(P1, P2, P3);
  const midPassage = "Sergei Lavrov praised Iran's objective position";
  const typoPassage = 'The Ukraine component of this trip was shrouded in ambiguties.';
  const fixedPassage = 'The Ukraine component of this trip was shrouded in ambiguities.';
  const update = 'Update: this article was revised on March 17.';

  it('unchanged text under a different hash string → anchored by position', () => {
    const out = placeOn(original, NEW_HASH, target(original, midPassage));
    expect(out).toMatchObject({ state: 'anchored', method: 'position', range: target(original, midPassage).position });
  });

  it('text changed after the passage → anchored by position', () => {
    const edited = doc(P1, P2, P3.replace('Analysts', 'Most analysts'));
    const out = placeOn(edited, NEW_HASH, target(original, midPassage));
    expect(out).toMatchObject({ state: 'anchored', method: 'position' });
  });

  it('a short quote that reappears at its old offset by coincidence does not pin it there', () => {
    const before = 'Votes: 5 for, 5 against, 2 abstentions.';
    const after = `Final: ${before}`; // the first "5" now sits where the second one was
    const t = target(before, '5', 1);
    expect(after.slice(t.position.start, t.position.end)).toBe('5');
    const out = placeOn(after, NEW_HASH, t);
    expect(out).toMatchObject({ state: 'moved', method: 'exact', range: { start: 21, end: 22 } });
  });

  it('text inserted before → moved, same exact text', () => {
    const edited = doc(update, P1, P2, P3);
    const out = placeOn(edited, NEW_HASH, target(original, midPassage));
    expect(out.state).toBe('moved');
    expect(out.method).toBe('exact');
    expect(edited.slice(out.range!.start, out.range!.end)).toBe(midPassage);
    expect(out.range!.start).toBe(offsetOf(edited, midPassage));
  });

  for (const [name, edited] of [
    ['in place', doc(P1, P2.replace('ambiguties', 'ambiguities'), P3)],
    ['and text inserted before', doc(update, P1, P2.replace('ambiguties', 'ambiguities'), P3)],
  ] as const) {
    it(`typo fixed inside the passage ${name} → moved (fuzzy), covering the edited passage`, () => {
      const out = placeOn(edited, NEW_HASH, target(original, typoPassage));
      expect(out.state).toBe('moved');
      expect(out.method).toBe('fuzzy');
      expect(edited.slice(out.range!.start, out.range!.end)).toBe(fixedPassage);
      expect(out.score).toBeGreaterThan(0.95);
    });
  }

  it('typo fixed while the old wording survives elsewhere in foreign context → the fixed passage wins', () => {
    // Exact occurrences exist, so only the search near the old position can find the edited passage.
    const P3quoting = `One reader objected that the trip was never "shrouded in ambiguties" at all. ${P3}`;
    const edited = doc(P1, P2.replace('ambiguties', 'ambiguities'), P3quoting);
    const out = placeOn(edited, NEW_HASH, target(original, 'shrouded in ambiguties'));
    expect(out).toMatchObject({ state: 'moved', method: 'fuzzy' });
    expect(edited.slice(out.range!.start, out.range!.end)).toBe('shrouded in ambiguities');
    expect(out.range!.start).toBeLessThan(offsetOf(edited, P3quoting));
  });

  it('a fuzzy match never ends between a letter and its combining accent', () => {
    const before = 'We met at teh old corner cafe near the station, as every Friday.';
    const after = 'We met at the old corner cafe\u0301 near the station, as every Friday.';
    const out = placeOn(after, NEW_HASH, target(before, 'teh old corner cafe'));
    expect(out).toMatchObject({ state: 'moved', method: 'fuzzy' });
    expect(after.slice(out.range!.start, out.range!.end)).toBe('the old corner cafe\u0301');
  });

  it('passage edited in place while a verbatim pull-quote of its sentence survives → needs review, not the pull-quote', () => {
    const sentence =
      "Although Russian Foreign Minister Sergei Lavrov praised Iran's objective position, Ukrainian Foreign Minister Dmytro Kuleba also spoke with Amir-Abdollahian by phone.";
    const pullQuote = `“${sentence}”`;
    const edited = doc(P1, P2.replace('praised', 'praized'), pullQuote, P3);
    const out = placeOn(edited, NEW_HASH, target(original, midPassage));
    expect(out).toMatchObject({ state: 'needs-review', range: null, candidates: 2 });
  });

  it("passage's text deleted → needs review, no range", () => {
    const edited = doc(P1, P2.replace(`${midPassage}, `, ''), P3);
    const out = placeOn(edited, NEW_HASH, target(original, midPassage));
    expect(out).toMatchObject({ state: 'needs-review', range: null, method: 'none' });
  });

  it('heavy rewrite of the passage → needs review', () => {
    const rewritten =
      "The Ukraine part of the visit stayed murky. Russia's top diplomat commended what he called Tehran's even-handed stance, while Kyiv's foreign minister also phoned Amir-Abdollahian.";
    const edited = doc(P1, rewritten, P3);
    const out = placeOn(edited, NEW_HASH, target(original, midPassage));
    expect(out).toMatchObject({ state: 'needs-review', range: null, method: 'none' });
  });

  it('paragraph duplicated, both copies with identical context → needs review (ambiguous), not a guess', () => {
    const edited = doc(update, P1, P2, P2, P3);
    const out = placeOn(edited, NEW_HASH, target(original, midPassage));
    expect(out).toMatchObject({ state: 'needs-review', range: null, method: 'none', candidates: 2 });
    expect(out.score).toBeGreaterThanOrEqual(MIN_SCORE); // good enough, just not unique
  });

  it('paragraph duplicated but context tells the copies apart → the copy in the original context', () => {
    const passage = 'The Ukraine component of this trip';
    for (const edited of [doc(update, P1, P2, P3, P2), doc(P2, P1, P2, P3)]) {
      const out = placeOn(edited, NEW_HASH, target(original, passage));
      expect(out.state).toBe('moved');
      expect(out.range!.start).toBe(offsetOf(edited, `${P1}\n\n`) + P1.length + 2);
    }
  });

  it('a short quote that survives only in an unrelated sentence → needs review', () => {
    const edited = doc(P1, 'Critics doubted that any objective position existed at all in those talks.', P3);
    const out = placeOn(edited, NEW_HASH, target(original, 'objective position'));
    expect(out).toMatchObject({ state: 'needs-review', range: null, candidates: 1 });
  });

  it('a target with an empty quote never anchors', () => {
    const t: TextTarget = { position: { start: 3, end: 3 }, quote: { exact: '', prefix: '', suffix: '' }, contentHash: HASH };
    expect(placeOn(original, HASH, t)).toMatchObject({ state: 'needs-review', range: null, candidates: 0 });
  });

  it('a stored position past the end of a shortened text falls back to the quote', () => {
    const edited = doc(P2);
    const t = target(original, 'Dmytro Kuleba');
    expect(t.position.end).toBeGreaterThan(edited.length - 10);
    const out = placeOn(edited, NEW_HASH, t);
    expect(out.state).toBe('moved');
    expect(edited.slice(out.range!.start, out.range!.end)).toBe('Dmytro Kuleba');
  });
});

group('thresholds', () => {
  it('position alone can never separate two candidates (margin exceeds the position weight)', () => {
    const total = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;
    expect(AMBIGUITY_MARGIN).toBeGreaterThan(POSITION_WEIGHT / total);
  });
});

group('checkRange', () => {
  const text = 'a😀b'; // a=0, 😀=1..2, b=3
  const rows: [string, string, number, number, string | null][] = [
    ['fine', text, 0, 4, null],
    ['fine: the emoji alone', text, 1, 3, null],
    ['empty', text, 2, 2, 'The passage is empty.'],
    ['reversed', text, 3, 1, 'The passage starts after it ends.'],
    ['ends past the text', 'x'.repeat(800), 10, 900, 'The passage ends after the end of the document (offset 900 of 800).'],
    ['starts before the text', text, -1, 2, 'The passage starts before the beginning of the document (offset -1).'],
    ['start splits a surrogate pair', text, 2, 4, 'The passage would split a character in two.'],
    ['end splits a surrogate pair', text, 0, 2, 'The passage would split a character in two.'],
    ['not whole numbers', text, 0.5, 2, 'The passage offsets must be whole numbers (got 0.5 and 2).'],
    ['NaN', text, Number.NaN, 2, 'The passage offsets must be whole numbers (got NaN and 2).'],
    ['beside a lone surrogate (malformed text) is allowed', 'a\ud83db', 1, 2, null],
  ];
  for (const [name, t, s, e, problem] of rows) {
    it(name, () => expect(checkRange(t, s, e)).toBe(problem));
  }

  it('describe throws an out-of-range GlossatorError with the same message', () => {
    expect(() => describe(text, 0, 2, HASH)).toThrow(GlossatorError);
    try {
      describe(text, 0, 2, HASH);
    } catch (error) {
      expect(error).toMatchObject({ code: 'out-of-range', message: 'The passage would split a character in two.' });
    }
  });
});

group('snapToCodePoints', () => {
  const text = 'a😀b👍'; // a=0, 😀=1..2, b=3, 👍=4..5
  const rows: [string, number, number, { start: number; end: number }][] = [
    ['already whole', 0, 3, { start: 0, end: 3 }],
    ['start mid-pair widens left', 2, 4, { start: 1, end: 4 }],
    ['end mid-pair widens right', 0, 5, { start: 0, end: 6 }],
    ['collapsed mid-pair becomes the whole emoji', 2, 2, { start: 1, end: 3 }],
    ['reversed and out of bounds are ordered and clamped', 99, -5, { start: 0, end: 6 }],
    ['fractions widen', 0.5, 3.2, { start: 0, end: 4 }],
  ];
  for (const [name, s, e, expected] of rows) {
    it(name, () => {
      const snapped = snapToCodePoints(text, s, e);
      expect(snapped).toEqual(expected);
      if (snapped.start < snapped.end) expect(checkRange(text, snapped.start, snapped.end)).toBeNull();
    });
  }
});
