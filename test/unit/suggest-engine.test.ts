// The suggestion engine: sentence offsets, cue lexicons with negation, the learner, calibration and rejection memory.
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/main/corpus/corpus';
import { normalise } from '../../src/main/corpus/normalise';
import { splitSentences, splitBlock } from '../../src/main/suggest/sentences';
import { matchCues, lexiconScore, cueProblem, type TagLexicon } from '../../src/main/suggest/lexicon';
import { DEFAULT_LEXICONS } from '../../src/main/suggest/default-lexicons';
import { LogisticModel } from '../../src/main/suggest/learner';
import { expectedPrecision, thresholdFor } from '../../src/main/suggest/calibrate';
import { SuggestEngine, covers, rejectionKey, type SuggestDoc } from '../../src/main/suggest/engine';
import { evidenceOf } from '../../src/main/suggest/features';
import { SEED_CORPUS } from './support/core-harness';

function docOf(raw: string, id = 'd'): SuggestDoc {
  const { text, blocks } = normalise(raw);
  return { id, text, blocks, contentHash: `h:${text}` };
}

/** A seeded generator of awkward prose: abbreviations, quotes, emoji, combining marks, dashes, numbers. */
function* awkwardTexts(n: number): Generator<string> {
  let seed = 42;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const bits = ['Russia may help.', 'The U.S. said “no”.', 'Iran 🇮🇷 did not cooperate — reportedly.', 'Café naïve ré́sumé e.g. here.', 'Dr. Smith left at 5 p.m.', '“Quote,” he said…', 'Tehran’s deal (see §3) stalled!', '1.5 bn USD? Perhaps.', 'Ширина 😀 text', 'A\u00a0non-breaking space.'];
  for (let i = 0; i < n; i++) {
    const paras: string[] = [];
    const np = 1 + Math.floor(next() * 4);
    for (let p = 0; p < np; p++) paras.push(Array.from({ length: 1 + Math.floor(next() * 5) }, () => bits[Math.floor(next() * bits.length)]!).join(' '));
    yield paras.join('\n\n');
  }
}

describe('sentence splitting (wink-nlp) mapped to UTF-16 offsets', () => {
  it('every sentence of every seed article slices exactly its own text and stays inside one block', async () => {
    const { documents } = await loadCorpus(SEED_CORPUS);
    for (const doc of documents) {
      const sentences = splitSentences(doc.text, doc.blocks);
      expect(sentences.length).toBeGreaterThan(20);
      for (const s of sentences) {
        const block = doc.blocks[s.block]!;
        expect(s.start).toBeGreaterThanOrEqual(block.start);
        expect(s.end).toBeLessThanOrEqual(block.end);
        for (const t of s.tokens) expect(doc.text.slice(t.start, t.end).length).toBe(t.end - t.start);
        const slice = doc.text.slice(s.start, s.end);
        expect(slice).toBe(slice.trim());
        expect(slice.startsWith(doc.text.slice(s.tokens[0]!.start, s.tokens[0]!.end))).toBe(true);
      }
    }
  });

  it('holds on awkward text: emoji, combining marks, quotes, abbreviations (200 generated documents)', () => {
    for (const raw of awkwardTexts(200)) {
      const doc = docOf(raw);
      let last = -1;
      for (const s of splitSentences(doc.text, doc.blocks)) {
        const block = doc.blocks[s.block]!;
        expect(s.start >= block.start && s.end <= block.end).toBe(true);
        expect(s.start).toBeGreaterThan(last);
        last = s.end - 1;
        for (const t of s.tokens) expect(t.start >= s.start && t.end <= s.end && t.end > t.start).toBe(true);
        // The tokens, joined with what lies between them, are the sentence: nothing lost, nothing invented.
        expect(s.tokens.map((t) => doc.text.slice(t.start, t.end)).join('').replace(/\s/g, '')).toBe(doc.text.slice(s.start, s.end).replace(/\s/g, ''));
      }
    }
  });

  it('keeps offsets relative to the document, not the block', () => {
    const [s] = splitBlock('Iran may agree.', 100, 3);
    expect(s).toMatchObject({ start: 100, end: 115, block: 3 });
  });

  it('skips chrome and pull-quotes (never proposed)', () => {
    const doc: SuggestDoc = { id: 'x', text: 'Subscribe now.\n\nIran may agree.', contentHash: 'x', blocks: [
      { index: 0, kind: 'chrome', start: 0, end: 14, para: null },
      { index: 1, kind: 'paragraph', start: 16, end: 31, para: 1 },
    ] };
    expect(splitSentences(doc.text, doc.blocks).map((s) => doc.text.slice(s.start, s.end))).toEqual(['Iran may agree.']);
  });
});

const coop = DEFAULT_LEXICONS.cooperation!;
const fric = DEFAULT_LEXICONS.friction!;
const hedge = DEFAULT_LEXICONS.hedging!;

function cuesIn(sentence: string, lexicon: TagLexicon): { live: string[]; negated: string[] } {
  const doc = docOf(sentence);
  const hits = splitSentences(doc.text, doc.blocks).flatMap((s) => matchCues(s, lexicon));
  return { live: hits.filter((h) => !h.negated).map((h) => h.cue), negated: hits.filter((h) => h.negated).map((h) => h.cue) };
}

describe('cue lexicons with negation and scope', () => {
  it.each([
    // sentence, lexicon, live cues, negated cues
    ['Iran did not cooperate with Moscow.', coop, [], ['cooperate']],
    ['Iran and Russia cooperated closely on Syria.', coop, ['cooperate'], []],
    ["Tehran didn't sign the agreement.", coop, [], ['agreement']],
    ['Iran refused to support the invasion.', coop, [], ['support/VERB']],
    ['Tehran ruled out recognition, but backed Moscow.', coop, ['back/VERB'], []],
    ['There is no cooperation, but trade grew.', coop, ['trade'], ['cooperation']],
    ['Neither cooperation nor trade followed.', coop, [], ['cooperation', 'trade']],
    ['Not only did they cooperate, they also traded.', coop, ['trade'], ['cooperate']],
    ['Russia never criticised Iran.', fric, [], ['criticize']],
    ['Iranian media criticised Russia for stonewalling.', fric, ['criticize'], []],
    ['Mutual mistrust persists.', fric, ['mistrust'], []],
    ['Moscow does not seem very happy with the deal.', fric, ['not happy'].slice(0, 0), []],
    ['Russia may not help Iran.', hedge, ['may/AUX'], []],
    ['It remains unclear whether Iran will act.', hedge, ['remains unclear'], []],
    ['According to officials, trade rose.', hedge, ['according to'], []],
    ['Iran reportedly supplied drones.', hedge, ['reportedly'], []],
    ['The talks resumed in May.', hedge, [], []],
    ['Iran came back to the talks.', coop, ['talks'], []],
    ['Moscow backed the deal.', coop, ['back/VERB', 'deal'], []],
    ['It is not clear what Russia wants.', hedge, ['it is not clear'], []],
    ['Tehran abstained from the vote.', hedge, ['abstain'], []],
  ] as const)('%s', (sentence, lexicon, live, negated) => {
    const found = cuesIn(sentence, lexicon);
    expect(found.live).toEqual(live);
    expect(found.negated).toEqual(negated);
  });

  it('scores one cue 0.5, two 0.75, negated cues nothing', () => {
    expect(lexiconScore([])).toBe(0);
    expect(lexiconScore([{ cue: 'a', start: 0, end: 1, negated: false }])).toBe(0.5);
    expect(lexiconScore([{ cue: 'a', start: 0, end: 1, negated: false }, { cue: 'b', start: 2, end: 3, negated: false }])).toBe(0.75);
    expect(lexiconScore([{ cue: 'a', start: 0, end: 1, negated: true }])).toBe(0);
  });

  it.each([
    ['', 'A cue cannot be empty.'],
    ['   ', 'A cue cannot be empty.'],
    ['x'.repeat(81), 'A cue is at most 80 characters.'],
    ['a b c d e f g', 'A cue is at most six words.'],
    ['may/AUX', null],
    ['it remains unclear', null],
  ])('cueProblem(%j)', (cue, problem) => expect(cueProblem(cue)).toBe(problem));
});

describe('learner', () => {
  const pos = (w: string) => ({ features: ['w:' + w, 'w:common'], label: 1 as const });
  const neg = (w: string) => ({ features: ['w:' + w, 'w:common'], label: 0 as const });

  it('separates what it was taught and is deterministic', () => {
    const data = [pos('ally'), pos('ally'), pos('treaty'), neg('rival'), neg('rival'), neg('clash')];
    const a = new LogisticModel().fit(data);
    const b = new LogisticModel().fit(data);
    expect(a.predict(['w:ally'])).toBeGreaterThan(0.7);
    expect(a.predict(['w:rival'])).toBeLessThan(0.3);
    expect(a.predict(['w:ally', 'w:common'])).toBe(b.predict(['w:ally', 'w:common']));
    expect(a.strongest(['w:ally', 'w:rival'], 1)).toEqual(['w:ally']);
  });

  it('fits nothing from one class (no model pretends to know)', () => {
    expect(new LogisticModel().fit([pos('a'), pos('b')]).predict(['w:a'])).toBe(0.5);
  });
});

describe('calibration', () => {
  const outcomes = [
    { score: 0.9, label: 1 as const },
    { score: 0.8, label: 1 as const },
    { score: 0.7, label: 1 as const },
    { score: 0.6, label: 0 as const },
    { score: 0.5, label: 1 as const },
    { score: 0.4, label: 0 as const },
    { score: 0.3, label: 0 as const },
  ];
  it.each([
    [0.95, null, 0],
    [0.7, (3 + 1) / (3 + 2), 3],
    [0.5, (4 + 1) / (5 + 2), 5],
    [0, (4 + 1) / (7 + 2), 7],
  ])('expected precision at %s', (t, precision, support) => {
    const e = expectedPrecision(outcomes, t);
    expect(e.support).toBe(support);
    if (precision === null) expect(e.precision).toBeNull();
    else expect(e.precision).toBeCloseTo(precision, 10);
  });

  it('picks the lowest threshold that reaches the target with enough support', () => {
    expect(thresholdFor(outcomes, 0.8)).toBe(0.7);
    expect(thresholdFor(outcomes, 0.99)).toBeNull();
  });
});

describe('engine', () => {
  const raw = [
    'Iran and Russia signed a trade agreement.',
    'Tehran may reconsider its ties, analysts say.',
    'Russia criticised Iran over the oil market rivalry.',
    'The weather in Moscow was cold.',
  ].join('\n\n');

  it('covers: half the sentence, or half of a short passage inside it', () => {
    expect(covers({ start: 0, end: 10 }, { start: 0, end: 20 })).toBe(true);
    expect(covers({ start: 15, end: 40 }, { start: 0, end: 20 })).toBe(false);
    expect(covers({ start: 5, end: 8 }, { start: 0, end: 20 })).toBe(true);
    expect(covers({ start: 20, end: 30 }, { start: 0, end: 20 })).toBe(false);
  });

  it('proposes by lexicon when cold, with the cue words as they stand in the text', () => {
    const doc = docOf(raw);
    const engine = new SuggestEngine(new Map(Object.entries(DEFAULT_LEXICONS)));
    const s = engine.propose(doc);
    expect(s.map((x) => [x.exact, x.tag])).toEqual([
      ['Iran and Russia signed a trade agreement.', 'cooperation'],
      ['Tehran may reconsider its ties, analysts say.', 'hedging'],
      ['Tehran may reconsider its ties, analysts say.', 'cooperation'],
      ['Tehran may reconsider its ties, analysts say.', 'friction'],
      ['Russia criticised Iran over the oil market rivalry.', 'friction'],
    ]);
    expect(s[0]!.cues).toEqual(['trade', 'agreement']);
    expect(s[0]!.source).toBe('lexicon');
    for (const x of s) expect(doc.text.slice(x.start, x.end)).toBe(x.exact);
  });

  it('never proposes a rejected text for that tag again, but still for another tag', () => {
    const doc = docOf(raw);
    const engine = new SuggestEngine(new Map(Object.entries(DEFAULT_LEXICONS)));
    const rejected = new Set([rejectionKey('Tehran may reconsider its ties, analysts say.', 'friction')]);
    const tags = engine.propose(doc, { rejected }).filter((x) => x.exact.startsWith('Tehran')).map((x) => x.tag);
    expect(tags).toEqual(['hedging', 'cooperation']);
    // Keyed by text, not position: the same sentence elsewhere (another document) stays rejected.
    const moved = docOf(`Preface.\n\n${raw}`, 'other');
    expect(engine.propose(moved, { rejected }).some((x) => x.tag === 'friction' && x.exact.startsWith('Tehran'))).toBe(false);
  });

  it('does not propose what a passage with the tag already covers', () => {
    const doc = docOf(raw);
    const engine = new SuggestEngine(new Map(Object.entries(DEFAULT_LEXICONS)));
    const passages = [{ docId: 'd', start: 0, end: 20, tagIds: ['cooperation'] }];
    expect(engine.propose(doc, { passages }).some((x) => x.start === 0 && x.tag === 'cooperation')).toBe(false);
  });

  it("learns any tag from the analyst's passages and updates on one accept", () => {
    const places = ['Rasht', 'Astara', 'Baku', 'Bandar Abbas', 'Anzali', 'Aktau'];
    const foods = ['soup', 'rice', 'kebab', 'tea', 'bread', 'fish'];
    const sentences = places.flatMap((p, i) => [`The caspian corridor project reached ${p} in week ${i + 1}.`, `Officials ate ${foods[i]} at a long dinner on day ${i + 3}.`]);
    const doc = docOf(sentences.join('\n\n'));
    const engine = new SuggestEngine(new Map([['transit', { cues: [], negatable: true }]]));
    const ss = engine.sentences(doc);
    const passages = ss.filter((_, i) => i % 2 === 0).map((s) => ({ docId: 'd', start: s.start, end: s.end, tagIds: ['transit'] }));
    engine.learn([doc], passages);
    expect(engine.learned('transit')).toBe(true);
    expect(engine.exampleCounts('transit')).toEqual({ positive: 6, negative: 6 });
    const other = docOf('The caspian corridor project stalled.\n\nOfficials ate dinner.', 'o');
    const [a, b] = engine.scoreAll(other, 'transit');
    expect(a!.score).toBeGreaterThan(0.5);
    expect(b!.score).toBeLessThan(0.5);
    const proposed = engine.propose(other, { thresholds: { transit: 0.5 } });
    expect(proposed.map((x) => x.exact)).toEqual(['The caspian corridor project stalled.']);
    expect(proposed[0]!.like).toBeGreaterThan(0);
    expect(proposed[0]!.source).toBe('model');
    // One reject of that sentence lowers its score at once.
    const before = a!.score;
    engine.update(other, a!, 'transit', 0);
    expect(engine.scoreAll(other, 'transit')[0]!.score).toBeLessThan(before);
    expect(engine.heldOut('transit').length).toBe(12);
  });
});

describe('features the learner sees', () => {
  const lexicons = new Map(Object.entries(DEFAULT_LEXICONS));
  const featuresOf = (raw: string) => {
    const doc = docOf(raw);
    const sentences = splitSentences(doc.text, doc.blocks);
    const headings = new Set(doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.index));
    return evidenceOf(sentences, lexicons, headings).map((e) => e.features);
  };

  it.each([
    // text, sentence index, features it must have, features it must not have
    ['Iran and Russia signed a treaty. The text was long.', 0, ['cue:cooperation:treaty', 'anycue:cooperation', 'pp:iran+russia', 'at:first', 'w:sign'], ['anycue:friction']],
    ['Iran and Russia signed a treaty. The text was long.', 1, ['prevcue:cooperation', 'w:text'], ['at:first', 'anycue:cooperation']],
    ['The text was long. Tensions rose.', 0, ['nextcue:friction'], ['prevcue:friction']],
    ['Tehran did not cooperate.', 0, ['negcue:cooperation', 'ncue:cooperation:0'], ['anycue:cooperation']],
    ['The talks stalled.\n\nNothing else happened.', 1, ['at:first'], ['prevcue:cooperation']],
  ] as const)('%j, sentence %i', (raw, i, has, hasNot) => {
    const f = featuresOf(raw)[i]!;
    for (const x of has) expect(f).toContain(x);
    for (const x of hasNot) expect(f).not.toContain(x);
  });

  it('pairs at most six proper names of one sentence', () => {
    const f = featuresOf('Alma, Bern, Cairo, Delhi, Evian, Fez, Goa and Hue met.')[0]!;
    expect(f.filter((x) => x.startsWith('pp:')).length).toBeLessThanOrEqual(15);
  });
});

describe('held-out calibration folds by document', () => {
  it("never scores a sentence with a model that learnt from its own document's other sentences", () => {
    // In each document the tag goes with a word of that document only: a fold that mixed sentences of one
    // document would find the word and promise certainty; whole-document folds cannot.
    const make = (id: string, word: string) =>
      docOf(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? `The ${word} committee met on day ${i}.` : `Rain fell over the hills on day ${i}.`)).join('\n\n'), id);
    const docs = [make('a', 'walrus'), make('b', 'pelican')];
    const engine = new SuggestEngine(new Map([['topic', { cues: [], negatable: true }]]));
    const passages = docs.flatMap((d) => engine.sentences(d).filter((_, i) => i % 2 === 0).map((s) => ({ docId: d.id, start: s.start, end: s.end, tagIds: ['topic'] })));
    engine.learn(docs, passages);
    const held = engine.heldOut('topic');
    expect(held.length).toBe(16);
    // "committee" is shared, so positives still lean positive, but the document's own word never helped.
    const pos = held.filter((o) => o.label === 1).map((o) => o.score);
    const full = engine.scoreAll(docs[0]!, 'topic').filter((_, i) => i % 2 === 0).map((s) => s.score);
    expect(Math.max(...pos)).toBeLessThan(Math.min(...full));
  });
});

describe('long documents in slices', () => {
  it('a budgeted proposal stops between blocks, goes on where it stopped, and ends with what one whole call gives', () => {
    const raw = Array.from({ length: 30 }, (_, i) => `Paragraph ${i}: Iran may cooperate with Russia, but tensions remain over trade ${i}.`).join('\n\n');
    const doc = docOf(raw);
    const whole = new SuggestEngine(new Map(Object.entries(DEFAULT_LEXICONS))).propose(doc);
    const engine = new SuggestEngine(new Map(Object.entries(DEFAULT_LEXICONS)));
    let budget = 0;
    // Each call may analyse four new blocks.
    const stop = () => budget-- <= 0;
    const seen: number[] = [];
    const found = [];
    let part;
    let from = 0;
    do {
      budget = 4;
      part = engine.proposeSome(doc, { stop, from });
      seen.push(part.analysed);
      found.push(...part.suggestions);
      expect(part.next).toBeGreaterThan(from);
      from = part.next;
    } while (!part.complete);
    // Four new blocks per call, plus the one every call may always take: 30 blocks in six slices.
    expect(seen.length).toBe(6);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(1);
    expect(found).toEqual(whole);
    // Once analysed, a whole call is never cut short.
    budget = 0;
    expect(engine.proposeSome(doc, { stop }).complete).toBe(true);
    // Partial answers are a prefix in reading order.
    budget = 0;
    const fresh = new SuggestEngine(new Map(Object.entries(DEFAULT_LEXICONS)));
    budget = 4;
    const first = fresh.proposeSome(doc, { stop });
    expect(first.complete).toBe(false);
    expect(first.suggestions).toEqual(whole.slice(0, first.suggestions.length));
  });
});
