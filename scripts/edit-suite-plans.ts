// Edit planners for the re-anchoring suite: each plans the operations of one kind of edit on a seed text.
import { normalise } from '../src/main/corpus/normalise';
import type { Block } from '../src/shared/types';
import * as E from './edit-suite-ops';
import { ADVERBS, FILLERS, NEW_SENTENCES, SYNONYMS } from './edit-suite-words';

export interface Passage { id: string; start: number; end: number; shape: string }
export type Rng = () => number;

/** The document as the planners see it: blocks with their sentences, and the passages on it. */
export interface Doc { text: string; blocks: Block[]; sents: E.Span[][]; passages: Passage[]; raw: string }

// Each returns the ops of one edit kind, never touching seed text another op has claimed.

const sentencesWith = (doc: Doc) => doc.sents.flatMap((ss, bi) => ss.map((s, si) => ({ ...s, bi, si })));

export function planInsert(doc: Doc, rng: Rng, claims: E.Claims, n: number, paragraphs: number): E.Op[] {
  const ops: E.Op[] = [];
  const all = sentencesWith(doc);
  for (let k = 0; k < n * 4 && ops.length < n; k++) {
    const s = E.pick(rng, all);
    const first = rng() < 0.25 && s.si === 0;
    const at = first ? s.start : s.end;
    if (!claims.claim(at - 1, at + 1)) continue;
    const sentence = E.pick(rng, NEW_SENTENCES);
    ops.push({ at, remove: 0, insert: first ? `${sentence} ` : ` ${sentence}` });
  }
  for (let k = 0, made = 0; k < paragraphs * 4 && made < paragraphs; k++) {
    const b = E.pick(rng, doc.blocks);
    if (!claims.claim(b.end - 1, b.end + 1)) continue;
    ops.push({ at: b.end, remove: 0, insert: `\n\n${E.pick(rng, NEW_SENTENCES)} ${E.pick(rng, NEW_SENTENCES)}` });
    made++;
  }
  return ops;
}

export function planDelete(doc: Doc, rng: Rng, claims: E.Claims, n: number, paragraphs: number): E.Op[] {
  const ops: E.Op[] = [];
  for (let k = 0; k < paragraphs * 4 && ops.length < paragraphs; k++) {
    const bi = E.between(rng, 1, doc.blocks.length - 1);
    const [prev, b] = [doc.blocks[bi - 1]!, doc.blocks[bi]!];
    if (claims.claim(prev.end, b.end)) ops.push({ at: prev.end, remove: b.end - prev.end, insert: '' });
  }
  const all = sentencesWith(doc);
  for (let k = 0, made = 0; k < n * 4 && made < n; k++) {
    const s = E.pick(rng, all);
    const ss = doc.sents[s.bi]!;
    if (ss.length < 2) continue;
    // With the space before it, or (first in its block) the space after it.
    const [from, to] = s.si > 0 ? [ss[s.si - 1]!.end, s.end] : [s.start, ss[1]!.start];
    if (!claims.claim(from, to)) continue;
    ops.push({ at: from, remove: to - from, insert: '' });
    made++;
  }
  return ops;
}

const LETTERS = 'etaoinshrdlucmfwypvbgk';
export function planTypo(doc: Doc, rng: Rng, claims: E.Claims, n: number): E.Op[] {
  const ops: E.Op[] = [];
  const isLetter = (i: number) => /^[a-z]$/i.test(doc.text[i] ?? '');
  for (let k = 0; k < n * 6 && ops.length < n; k++) {
    const p = E.pick(rng, doc.passages);
    // Half inside a passage, half in the 10 units around one of its edges.
    const at = rng() < 0.5 ? E.between(rng, p.start, p.end - 1) : rng() < 0.5 ? p.start - E.between(rng, 1, 10) : p.end + E.between(rng, 0, 9);
    if (!isLetter(at) || !claims.claim(at - 2, at + 3)) continue;
    const ch = doc.text[at]!;
    const other = LETTERS.replace(ch.toLowerCase(), '')[Math.floor(rng() * 21)]!;
    const swapped = ch === ch.toUpperCase() ? other.toUpperCase() : other;
    const r = rng();
    if (r < 0.5) ops.push({ at, remove: 1, insert: swapped, substitute: true });
    else if (r < 0.75 && isLetter(at - 1) && isLetter(at + 1)) ops.push({ at, remove: 1, insert: '' });
    else ops.push({ at: at + 1, remove: 0, insert: ch.toLowerCase() });
  }
  return ops;
}

export function planSpaces(doc: Doc, rng: Rng, claims: E.Claims, n: number): E.Op[] {
  const ops: E.Op[] = [];
  const spaces = [...doc.text.matchAll(/ /g)].map((m) => m.index);
  for (let k = 0; k < n * 4 && ops.length < n; k++) {
    const r = rng();
    if (r < 0.15) {
      const b = E.pick(rng, doc.blocks);
      if (claims.claim(b.end - 1, b.end + 1)) ops.push({ at: b.end, remove: 0, insert: r < 0.08 ? ' ' : '\n' });
      continue;
    }
    const at = E.pick(rng, spaces);
    if (!claims.claim(at - 1, at + 2)) continue;
    ops.push(r < 0.6 ? { at, remove: 0, insert: ' ' } : r < 0.85 ? { at, remove: 1, insert: '\n', substitute: true } : { at, remove: 1, insert: '\t', substitute: true });
  }
  return ops;
}

/** The raw source re-wrapped at 60 columns and normalised again: paragraphs split and join. */
export function reflow(doc: Doc, seed: string): E.Draft {
  const wrap = (line: string) => {
    const indent = /^\s*(?:[•*-]|\d+\.)?\s*/.exec(line)![0];
    const lines: string[] = [];
    let cur = indent;
    for (const w of line.slice(indent.length).split(' ')) {
      if (cur.trim() !== '' && cur.length + w.length + 1 > 60) {
        lines.push(cur);
        cur = ' '.repeat(indent.length) + w;
      } else cur += (cur === indent ? '' : ' ') + w;
    }
    return [...lines, cur].join('\n');
  };
  return E.alignWhitespace(seed, normalise(doc.raw.split('\n').map(wrap).join('\n')).text);
}

/** Whole paragraphs cut and put back elsewhere (their characters keep their origins), and one sentence. */
export function planMove(doc: Doc, rng: Rng, claims: E.Claims, n: number): E.Op[] {
  const ops: E.Op[] = [];
  const seedOrigins = (s: number, e: number) => Array.from({ length: e - s }, (_, i) => s + i);
  for (let k = 0, made = 0; k < n * 8 && made < n; k++) {
    const bi = E.between(rng, 1, doc.blocks.length - 1);
    const di = E.between(rng, 0, doc.blocks.length - 1);
    if (Math.abs(di - bi) < 2) continue;
    const [prev, b, dest] = [doc.blocks[bi - 1]!, doc.blocks[bi]!, doc.blocks[di]!];
    if (!claims.free(prev.end, b.end) || !claims.free(dest.end - 1, dest.end + 1)) continue;
    // Moving one of two identical paragraphs past the other changes nothing: not an edit.
    const blockText = doc.text.slice(b.start, b.end);
    if (doc.text.indexOf(blockText) !== b.start || doc.text.indexOf(blockText, b.start + 1) >= 0) continue;
    claims.claim(prev.end, b.end);
    claims.claim(dest.end - 1, dest.end + 1);
    ops.push({ at: prev.end, remove: b.end - prev.end, insert: '' });
    ops.push({ at: dest.end, remove: 0, insert: doc.text.slice(prev.end, b.end), origins: seedOrigins(prev.end, b.end) });
    made++;
  }
  const all = sentencesWith(doc).filter((s) => s.si > 0);
  for (let k = 0; k < 20; k++) {
    const [s, d] = [E.pick(rng, all), E.pick(rng, all)];
    const from = doc.sents[s.bi]![s.si - 1]!.end;
    if (Math.abs(s.bi - d.bi) < 2 || !claims.free(from, s.end) || !claims.free(d.end - 1, d.end + 1)) continue;
    claims.claim(from, s.end);
    claims.claim(d.end - 1, d.end + 1);
    ops.push({ at: from, remove: s.end - from, insert: '' });
    ops.push({ at: d.end, remove: 0, insert: doc.text.slice(from, s.end), origins: seedOrigins(from, s.end) });
    break;
  }
  return ops;
}

/** A passage's sentence copied into a distant paragraph: alone, or with ~60 units of context each side. */
export function planDuplicate(doc: Doc, rng: Rng, claims: E.Claims, n: number): E.Op[] {
  const ops: E.Op[] = [];
  const all = sentencesWith(doc);
  for (let k = 0; k < n * 8 && ops.length < n; k++) {
    const p = E.pick(rng, doc.passages);
    const s = all.find((x) => x.start <= p.start && p.end <= x.end);
    const d = E.pick(rng, all);
    const alone = ops.length % 2 === 0;
    // Alone: after a sentence of another paragraph. With context: as a new paragraph after one.
    const at = alone ? d.end : doc.blocks[d.bi]!.end;
    if (!s || Math.abs(s.bi - d.bi) < 2 || !claims.free(s.start, s.end) || !claims.free(at - 1, at + 1)) continue;
    claims.claim(s.start, s.end);
    claims.claim(at - 1, at + 1);
    if (alone) ops.push({ at, remove: 0, insert: ` ${doc.text.slice(s.start, s.end)}` });
    else {
      const b = doc.blocks[s.bi]!;
      const ws = E.words(doc.text, b.start, b.end);
      const from = [...ws].reverse().find((w) => w.start <= s.start - 60)?.start ?? b.start;
      const to = ws.find((w) => w.end >= s.end + 60)?.end ?? b.end;
      // The context copied is the context the original keeps: no other op may change it.
      claims.claim(from, s.start);
      claims.claim(s.end, to);
      ops.push({ at, remove: 0, insert: `\n\n${doc.text.slice(from, to)}` });
    }
  }
  return ops;
}

/** Sentences paraphrased word by word: swaps, dropped words and added adverbs. */
export function planRewrite(doc: Doc, rng: Rng, claims: E.Claims, share: number, limit = Infinity): E.Op[] {
  const ops: E.Op[] = [];
  let done = 0;
  for (const s of sentencesWith(doc)) {
    if (done >= limit || rng() >= share || !claims.claim(s.start, s.end)) continue;
    done++;
    const ws = E.words(doc.text, s.start, s.end);
    // A swap never brings in a word its neighbours have (within two words): "on specific" →
    // "specific wider" is then better read as "on" dropped and "wider" added than as two swaps,
    // and the recorded edit would not be the one the texts show.
    const near = (i: number) => new Set(ws.slice(Math.max(0, i - 2), i + 3).map((x) => doc.text.slice(x.start, x.end).toLowerCase()));
    ws.forEach((w, i) => {
      const word = doc.text.slice(w.start, w.end);
      const r = rng();
      const swap = SYNONYMS[word] ?? SYNONYMS[word.toLowerCase()];
      if (swap !== undefined && r < 0.8) {
        if (!near(i).has(swap.toLowerCase())) ops.push({ at: w.start, remove: word.length, insert: swap, substitute: true });
      } else if (r < 0.3 && word.length > 3 && /^\p{Ll}/u.test(word)) {
        const filler = E.pick(rng, FILLERS.filter((f) => !near(i).has(f)));
        ops.push({ at: w.start, remove: word.length, insert: filler, substitute: true });
      } else if (r < 0.36 && i + 1 < ws.length) ops.push({ at: w.start, remove: ws[i + 1]!.start - w.start, insert: '' });
      else if (r < 0.42) ops.push({ at: w.start, remove: 0, insert: `${E.pick(rng, ADVERBS)} ` });
    });
  }
  return ops;
}
