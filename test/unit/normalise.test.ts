// Normaliser tests: seed goldens, the no-word-changes invariant, block ranges, and one case per rule.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NORMALISER_VERSION, normalise, normaliseTraced } from '../../src/main/corpus/normalise';
import type { Block, BlockKind } from '../../src/shared/types';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = join(ROOT, 'corpus');
const GOLDEN = join(ROOT, 'test/golden/normalise');
const SEEDS = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .sort();
const readSeed = (name: string): string => readFileSync(join(CORPUS, name), 'utf8');

type Output = ReturnType<typeof normalise> & Partial<Pick<ReturnType<typeof normaliseTraced>, 'interruptions'>>;
const blockText = (out: Output, b: Block): string => out.text.slice(b.start, b.end);
const nonSpace = (s: string): string => s.replace(/\s+/g, '');

/** One entry per block: `[3 paragraph ¶2]` or `[5 list-item ¶4 •]`, then its text. */
function render(out: Output): string {
  const entries = out.blocks.map((b) => {
    const host = out.interruptions?.find((m) => m.block === b.index)?.host;
    const printedIn = host === undefined ? '' : `(printed inside ${host})`;
    const label = [b.index, b.kind, b.para === null ? '' : `¶${b.para}`, b.marker ?? '', printedIn].filter((p) => p !== '').join(' ');
    return `[${label}]\n${blockText(out, b)}\n`;
  });
  return [`# ${NORMALISER_VERSION}\n`, ...entries].join('\n');
}

/**
 * Not one word changes: the text's non-whitespace characters, markers put back and each moved
 * pull-quote put back inside the sentence it was printed in, are the raw's, in the raw's order.
 */
function expectWordsKept(raw: string, out: Output): void {
  const interruptions = out.interruptions ?? [];
  const moved = new Set(interruptions.map((m) => m.block));
  const printed = (b: Block): string => {
    let text = blockText(out, b);
    // Last first, so the offsets of earlier ones still hold; equal offsets keep their printed order.
    for (const m of interruptions.filter((x) => x.host === b.index).reverse()) {
      text = text.slice(0, m.at) + printed(out.blocks[m.block]!) + text.slice(m.at);
    }
    return (b.marker ?? '') + text;
  };
  const rebuilt = out.blocks.filter((b) => !moved.has(b.index)).map(printed).join('');
  expect(nonSpace(rebuilt)).toBe(nonSpace(raw));
}

function expectConsistentRanges(out: Output): void {
  let expectedStart = 0;
  for (const [i, b] of out.blocks.entries()) {
    expect(b.index).toBe(i);
    expect(b.start).toBe(expectedStart);
    const t = blockText(out, b);
    expect(t.length).toBeGreaterThan(0);
    expect(t).not.toMatch(/\n/);
    expect(t).toBe(t.replace(/\s+/g, ' ').trim());
    if (i < out.blocks.length - 1) expect(out.text.slice(b.end, b.end + 2)).toBe('\n\n');
    expectedStart = b.end + 2;
  }
  expect(out.text.length).toBe(Math.max(0, expectedStart - 2));
}

function expectParaNumbering(blocks: readonly Block[]): void {
  const numbered = blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'list-item');
  expect(numbered.map((b) => b.para)).toEqual(numbered.map((_, i) => i + 1));
  for (const b of blocks.filter((x) => !numbered.includes(x))) expect(b.para).toBeNull();
  for (const b of blocks.filter((x) => x.kind === 'list-item')) expect(b.marker).toBeTruthy();
}

describe('normalise on the seed corpus', () => {
  it.each(SEEDS)('%s matches its golden rendering', (seed) => {
    const path = join(GOLDEN, seed);
    const rendered = render(normaliseTraced(readSeed(seed)));
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(path, rendered);
    }
    expect(existsSync(path), `no golden for ${seed}: run UPDATE_GOLDEN=1 npx vitest run test/unit/normalise.test.ts`).toBe(true);
    expect(rendered).toBe(readFileSync(path, 'utf8'));
  });

  it.each(SEEDS)('%s keeps every word, with consistent ranges and numbering', (seed) => {
    const raw = readSeed(seed);
    const out = normaliseTraced(raw);
    expectWordsKept(raw, out);
    expectConsistentRanges(out);
    expectParaNumbering(out.blocks);
  });

  it.each(SEEDS)('%s is deterministic across runs, line endings and a BOM', (seed) => {
    const raw = readSeed(seed);
    const out = normalise(raw);
    expect(normalise(raw)).toEqual(out);
    expect(normalise(raw.replace(/\n/g, '\r\n'))).toEqual(out);
    expect(normalise(raw.replace(/\n/g, '\r'))).toEqual(out);
    expect(normalise(`\uFEFF${raw}`)).toEqual(out);
  });

  it('leaves run-together words from PDF extraction exactly as they are', () => {
    const { text } = normalise(readSeed('002_01fb20c1ab9eae2c.txt'));
    expect(text).toContain('Ofcourse,the newinternational circumstancesalso provide Iranwith potential opportunities.');
    expect(text).toContain('the week-long crisis');
    expect(text).toContain('support, prevented Iran from condemning');
  });
});

const WRAPPED = [
  'When Iranian President Ebrahim Raisi visited Moscow in January to meet with his',
  'Russian counterpart, he hoped to open a new chapter in relations between the two',
  'countries. After signing an agreement on partnership with China and then gaining',
  'full membership in the Shanghai Cooperation Organization, Raisi and his foreign',
  'policy team also sought to enhance relations with Moscow to the level of a',
  'strategic partnership. Nobody expected what came next.',
];
const LONG_BODY =
  'In fact, many leaders remain deeply suspicious of Russia – a sentiment rooted in a history of betrayal. ' +
  'Against this backdrop, the political elites divide into two main groups in their views of Russia and the West.';

type Expected = [BlockKind, string, string?];
const CASES: { name: string; raw: string; want: Expected[] }[] = [
  {
    name: 'hard-wrapped lines join with a space',
    raw: `${WRAPPED.join('\n')}\n\nA second short paragraph.`,
    want: [
      ['paragraph', WRAPPED.join(' ')],
      ['paragraph', 'A second short paragraph.'],
    ],
  },
  {
    name: 'a page break mid-sentence joins when the next page starts lowercase',
    raw: `${WRAPPED.slice(0, 3).join('\n')}\n\n\n\n${WRAPPED.slice(3).join('\n')}`,
    want: [['paragraph', WRAPPED.join(' ')]],
  },
  {
    name: 'a blank line before a capitalised line still separates paragraphs',
    raw: `${WRAPPED.slice(0, 4).join('\n')}\n\nThe next paragraph starts here and is not part of the one before`,
    want: [
      ['paragraph', WRAPPED.slice(0, 4).join(' ')],
      ['paragraph', 'The next paragraph starts here and is not part of the one before'],
    ],
  },
  {
    name: 'a line-end hyphen between letters closes up and keeps the hyphen',
    raw: `${WRAPPED.slice(0, 3).join('\n')}\nthat said, the week-\nlong crisis over the request showed how vulnerable the future of the\ndeal remains to changing great power politics in the region.`,
    want: [
      [
        'paragraph',
        `${WRAPPED.slice(0, 3).join(' ')} that said, the week-long crisis over the request showed how vulnerable the future of the deal remains to changing great power politics in the region.`,
      ],
    ],
  },
  {
    name: 'one paragraph per line without blank lines keeps each line a block',
    raw: 'First paragraph ends here.\nSecond paragraph, also a single line.\nThird one.',
    want: [
      ['paragraph', 'First paragraph ends here.'],
      ['paragraph', 'Second paragraph, also a single line.'],
      ['paragraph', 'Third one.'],
    ],
  },
  {
    name: 'a line ending in a comma runs on in unwrapped text',
    raw: 'Sinem Adar, Muriel Asseburg, Mona Yacoubian,\n “The War in Ukraine”, SWP Comment, 2022.',
    want: [['paragraph', 'Sinem Adar, Muriel Asseburg, Mona Yacoubian, “The War in Ukraine”, SWP Comment, 2022.']],
  },
  {
    name: 'bullets keep their marker apart from the text',
    raw: '  • First point.\n  - Second point.\n* Third point.\n– Fourth point.',
    want: [
      ['list-item', 'First point.', '•'],
      ['list-item', 'Second point.', '-'],
      ['list-item', 'Third point.', '*'],
      ['list-item', 'Fourth point.', '–'],
    ],
  },
  {
    name: 'numbered items keep "1." and "2)" as markers',
    raw: '1. Ivanov (ed.), Partnership, 2016.\n\n  2) Another entry, 2017.',
    want: [
      ['list-item', 'Ivanov (ed.), Partnership, 2016.', '1.'],
      ['list-item', 'Another entry, 2017.', '2)'],
    ],
  },
  {
    name: 'a dash that continues a sentence is not a bullet',
    raw: 'The meeting took place in July on the sidelines of a summit\n– which was significant for both.',
    want: [['paragraph', 'The meeting took place in July on the sidelines of a summit – which was significant for both.']],
  },
  {
    name: 'a short unpunctuated line before a paragraph is a heading; the top line is a title',
    raw: 'Suspicious bind: Iran’s relationship with Russia\n\nSummary\n\nBody text that ends.\n\nAdditional Resources:\n\nA reference, 2019.\n\nThe motives are as follows:\n\nBody again.',
    want: [
      ['heading', 'Suspicious bind: Iran’s relationship with Russia'],
      ['heading', 'Summary'],
      ['paragraph', 'Body text that ends.'],
      ['heading', 'Additional Resources:'],
      ['paragraph', 'A reference, 2019.'],
      ['paragraph', 'The motives are as follows:'],
      ['paragraph', 'Body again.'],
    ],
  },
  {
    name: 'a heading must introduce something: a short last line stays a paragraph',
    raw: 'Body text that ends.\n\nThanks for reading',
    want: [
      ['paragraph', 'Body text that ends.'],
      ['paragraph', 'Thanks for reading'],
    ],
  },
  {
    name: 'a pull-quote copies body words in order, and is found before it could pass for a heading',
    raw: `Many leaders remain deeply suspicious of Russia – a sentiment rooted in a history of betrayal\n\n${LONG_BODY}`,
    want: [
      ['pullquote', 'Many leaders remain deeply suspicious of Russia – a sentiment rooted in a history of betrayal'],
      ['paragraph', LONG_BODY],
    ],
  },
  {
    name: 'a pull-quote may differ by a word from its source',
    raw: `Despite all the fanfare, all signs point to a transactional relationship\nBody. Despite all the fanfare, therefore, all signs point to a transactional relationship between them, for now.`,
    want: [
      ['pullquote', 'Despite all the fanfare, all signs point to a transactional relationship'],
      ['paragraph', 'Body. Despite all the fanfare, therefore, all signs point to a transactional relationship between them, for now.'],
    ],
  },
  {
    name: 'a heading whose words recur scattered through the body is not a pull-quote',
    raw: 'Implications of the Ukraine Crisis for Iran’s Interests\n\nIran’s response aside, the consequences of the Ukraine Crisis, particularly the collapse of the status quo, could affect Iran’s interests for years.',
    want: [
      ['heading', 'Implications of the Ukraine Crisis for Iran’s Interests'],
      ['paragraph', 'Iran’s response aside, the consequences of the Ukraine Crisis, particularly the collapse of the status quo, could affect Iran’s interests for years.'],
    ],
  },
  {
    name: 'site chrome is set apart, not deleted',
    raw: [
      '• Home',
      '  • Russo-Iranian Alignment',
      '',
      'Russo-Iranian Alignment',
      '',
      'By Jane Doe',
      '',
      'Body text that ends.',
      '',
      'The views and opinions expressed are those of the authors and do not necessarily reflect the views of the Forum.',
      '',
      'The Council does not take collective positions.',
      '',
      '(This paper was produced in partnership with Asbab)',
      '',
      'Author',
      '',
      'Share',
      '',
      'Subscribe to our weekly newsletter',
      '',
      'We will store your email address. You can unsubscribe at any time. Find out more in our privacy notice.',
    ].join('\n'),
    want: [
      ['chrome', 'Home', '•'],
      ['chrome', 'Russo-Iranian Alignment', '•'],
      ['heading', 'Russo-Iranian Alignment'],
      ['chrome', 'By Jane Doe'],
      ['paragraph', 'Body text that ends.'],
      ['chrome', 'The views and opinions expressed are those of the authors and do not necessarily reflect the views of the Forum.'],
      ['chrome', 'The Council does not take collective positions.'],
      ['chrome', '(This paper was produced in partnership with Asbab)'],
      ['chrome', 'Author'],
      ['chrome', 'Share'],
      ['chrome', 'Subscribe to our weekly newsletter'],
      ['chrome', 'We will store your email address. You can unsubscribe at any time. Find out more in our privacy notice.'],
    ],
  },
  {
    name: 'a caption and its credit are captions',
    raw: 'A picture of the meeting of two presidents in Tehran\nImage by khamenei.ir\n\nBody text that ends.\n\nPhoto: Reuters',
    want: [
      ['caption', 'A picture of the meeting of two presidents in Tehran'],
      ['caption', 'Image by khamenei.ir'],
      ['paragraph', 'Body text that ends.'],
      ['caption', 'Photo: Reuters'],
    ],
  },
  {
    name: 'emoji, RTL and combining text pass through untouched; whitespace runs collapse',
    raw: 'Family 👩‍👩‍👧 and flag 🇮🇷\t\there.\n\nسلام عليكم  \u200Fو שלום.\n\nCafe\u0301 and Z\u0351\u0354algo.',
    want: [
      ['paragraph', 'Family 👩‍👩‍👧 and flag 🇮🇷 here.'],
      ['paragraph', 'سلام عليكم \u200Fو שלום.'],
      ['paragraph', 'Cafe\u0301 and Z\u0351\u0354algo.'],
    ],
  },
  { name: 'an empty or blank input gives no blocks', raw: ' \n\n\t\n', want: [] },
];

describe('a pull-quote printed inside a sentence', () => {
  const before = 'Indeed, even Russia has so far refused to provide Iran with offensive systems, to avoid irritating the West and Iran’s regional';
  const quote = 'But Iranian leaders are probably hoping that the confrontation will convince the Russians';
  const after = 'rivals. But Iranian leaders are probably hoping that the confrontation over Ukraine will eventually convince the Russians to go further.';
  /** Hard-wrapped at `width`, as PDF text is: the pull-quote's narrow column then cannot run on into the body. */
  const wrap = (text: string, width: number): string =>
    text.split(' ').reduce((lines, word) => {
      const last = lines[lines.length - 1]!;
      if (last !== '' && `${last} ${word}`.length > width) lines.push(word);
      else lines[lines.length - 1] = last === '' ? word : `${last} ${word}`;
      return lines;
    }, ['']).join('\n');
  const page = (...blocks: string[]) => blocks.map((b) => wrap(b, b === quote ? 45 : 70)).join('\n\n');

  it.each([
    ['keeps the sentence in one paragraph and sets the pull-quote after it', page(before, quote, after), 1],
    ['does the same across two pull-quotes in a row', page(before, quote, quote, after), 2],
  ])('%s', (_what, raw, quotes) => {
    const out = normaliseTraced(raw);
    expect(out.blocks.map((b) => [b.kind, b.para, blockText(out, b)])).toEqual([
      ['paragraph', 1, `${before} ${after}`],
      ...Array.from({ length: quotes }, () => ['pullquote', null, quote]),
    ]);
    expect(out.interruptions).toEqual(Array.from({ length: quotes }, (_, i) => ({ block: i + 1, host: 0, at: before.length + 1 })));
    expectWordsKept(raw, out);
    expectConsistentRanges(out);
  });

  it.each([
    ['the paragraph before ends its sentence', page(`${before}.`, quote, after)],
    ['the paragraph after starts a new sentence', page(before, quote, `Rivals${after.slice(6)}`)],
  ])('leaves the blocks in place when %s', (_what, raw) => {
    const out = normaliseTraced(raw);
    expect(out.blocks.map((b) => b.kind)).toEqual(['paragraph', 'pullquote', 'paragraph']);
    expect(out.interruptions).toEqual([]);
  });

  it('seed 002: the sentence about Iran’s regional rivals is one paragraph, cited as one', () => {
    const out = normaliseTraced(readSeed('002_01fb20c1ab9eae2c.txt'));
    const host = out.blocks.find((b) => blockText(out, b).includes('Iran’s regional rivals. But Iranian leaders'))!;
    expect(host.kind).toBe('paragraph');
    expect(out.blocks[host.index + 1]!.kind).toBe('pullquote');
    expect(out.interruptions).toEqual([{ block: host.index + 1, host: host.index, at: expect.any(Number) }]);
  });
});

describe('normalise rules', () => {
  it.each(CASES)('$name', ({ raw, want }) => {
    const out = normaliseTraced(raw);
    const got = out.blocks.map((b): Expected => (b.marker === undefined ? [b.kind, blockText(out, b)] : [b.kind, blockText(out, b), b.marker]));
    expect(got).toEqual(want);
    expectWordsKept(raw, out);
    expectConsistentRanges(out);
    expectParaNumbering(out.blocks);
  });

  it('numbers only paragraphs and list items', () => {
    const { blocks } = normalise('Title Here\n\nFirst paragraph.\n\n• An item.\n\nSubscribe now\n\nSecond paragraph.');
    expect(blocks.map((b) => [b.kind, b.para])).toEqual([
      ['heading', null],
      ['paragraph', 1],
      ['list-item', 2],
      ['chrome', null],
      ['paragraph', 3],
    ]);
  });

  it('keeps every word of 300 generated messy documents', () => {
    const pieces = ['Iran', 'Russia’s', 'week-', 'long', '“ally,”', '—', '–', '-', '•', '1.', '2)', '*', 'e\u0301', '👩‍👩‍👧', 'שלום', '.'];
    const spaces = [' ', '  ', '\t', '\n', '\n\n', '\n\n\n\n', '\r\n', ' \n  ', '\u00a0'];
    let seed = 42;
    const pick = <T,>(xs: readonly T[]): T => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return xs[seed % xs.length] as T;
    };
    for (let n = 0; n < 300; n += 1) {
      const raw = Array.from({ length: 5 + (n % 60) }, () => pick(pieces) + pick(spaces)).join('');
      const out = normaliseTraced(raw);
      expectWordsKept(raw, out);
      expectConsistentRanges(out);
      expectParaNumbering(out.blocks);
      expect(normaliseTraced(raw)).toEqual(out);
    }
    // A net for a hang only: 300 documents take about a second, far longer on a machine shared by many runs.
  }, 60_000);

  it('joins blocks with exactly one blank line and reports ranges into that text', () => {
    const out = normalise('\uFEFFOne.\r\n\r\n\r\nTwo.\rThree.');
    expect(out.text).toBe('One.\n\nTwo.\n\nThree.');
    expect(out.blocks.map((b) => [b.start, b.end])).toEqual([
      [0, 4],
      [6, 10],
      [12, 18],
    ]);
  });
});
