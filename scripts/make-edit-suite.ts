// Builds test/fixtures/edits/: edited versions of the seed articles, with the ground truth of every passage.
//
// Run `npx tsx scripts/make-edit-suite.ts` (deterministic: a seeded PRNG, same bytes every run).
// Per seed document it writes original.txt (its normalised text; the suite does not depend on
// corpus/ or the normaliser staying as they are), passages.json (the fixed set of
// test/fixtures/annotation-set.json plus ~300 generated sentence, phrase, word and paragraph spans)
// and, per edit kind, <kind>.txt (the edited text) and <kind>.truth.json.
//
// Edit kinds (planners in edit-suite-plans.ts): insert (sentences and paragraphs), delete
// (sentences, some paragraphs), typo (one-letter fixes inside and near passages), spaces (extra
// spaces, tabs, line breaks in the normalised text), reflow (the raw file re-wrapped at 60
// columns and normalised again: paragraphs split and join), move (paragraphs and a sentence),
// duplicate (a passage's sentence copied into a distant paragraph, alone or with ~60 units of its
// context), rewrite (three sentences in four paraphrased word by word) and mixed (some of each).
//
// Truth: every character carries its seed offset through the operations (edit-suite-ops.ts), so
// for each passage the edited text tells where its characters went. truthOf() turns that into a
// range and a status: 'same' (the quote, unchanged), 'edited' (≥ 75% of it unchanged: the range is
// expected) or 'gone'. Where two readings of the texts are indistinguishable, the truth takes the
// one that keeps the passage (an identical copy left where a deleted one was), as the engine must.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashText, loadCorpus } from '../src/main/corpus/corpus';
import type { Annotation } from '../src/shared/types';
import * as E from './edit-suite-ops';
import {
  planDelete, planDuplicate, planInsert, planMove, planRewrite, planSpaces, planTypo, reflow,
  type Doc, type Passage, type Rng,
} from './edit-suite-plans';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'test/fixtures/edits');
const SEED = 20261122;
const PASSAGES_PER_DOC = 300;
const KINDS = ['insert', 'delete', 'typo', 'spaces', 'reflow', 'move', 'duplicate', 'rewrite', 'mixed'] as const;
type Kind = (typeof KINDS)[number];

function makePassages(doc: Doc, rng: Rng, docIndex: number): Passage[] {
  const out = new Map<string, Passage>();
  const add = (start: number, end: number, shape: string) => {
    if (end - start < 4 || out.has(`${start}:${end}`)) return;
    out.set(`${start}:${end}`, { id: `g${docIndex}-${String(out.size + 1).padStart(3, '0')}`, start, end, shape });
  };
  for (let guard = 0; out.size < PASSAGES_PER_DOC && guard < 10 * PASSAGES_PER_DOC; guard++) {
    const r = rng();
    const bi = Math.floor(rng() * doc.blocks.length);
    const block = doc.blocks[bi]!;
    const sents = doc.sents[bi]!;
    if (sents.length === 0) continue;
    const si = Math.floor(rng() * sents.length);
    const s = sents[si]!;
    if (r < 0.3) add(s.start, s.end, 'sentence');
    else if (r < 0.38) add(s.start, sents[Math.min(sents.length - 1, si + E.between(rng, 1, 2))]!.end, 'sentences');
    else if (r < 0.88) {
      const ws = E.words(doc.text, s.start, s.end);
      if (ws.length < 2) continue;
      const i = Math.floor(rng() * (ws.length - 1));
      add(ws[i]!.start, ws[Math.min(ws.length - 1, i + E.between(rng, 1, 9))]!.end, 'phrase');
    } else if (r < 0.95) {
      const w = E.pick(rng, E.words(doc.text, s.start, s.end).filter((x) => x.end - x.start >= 5));
      if (w) add(w.start, w.end, 'word');
    } else if (r < 0.98) add(block.start, block.end, 'block');
    else if (bi + 1 < doc.blocks.length && doc.sents[bi + 1]!.length > 0) {
      add(sents[sents.length - 1]!.start, doc.sents[bi + 1]![0]!.end, 'cross-paragraph');
    }
  }
  return [...out.values()];
}

function edit(kind: Kind, doc: Doc, rng: Rng): E.Draft {
  const seed = E.seedDraft(doc.text);
  const claims = new E.Claims();
  const size = doc.sents.flat().length;
  const scaled = (per100: number) => Math.max(2, Math.round((size * per100) / 100));
  switch (kind) {
    case 'insert': return E.apply(seed, planInsert(doc, rng, claims, scaled(12), 3));
    case 'delete': return E.apply(seed, planDelete(doc, rng, claims, scaled(12), 2));
    case 'typo': return E.apply(seed, planTypo(doc, rng, claims, scaled(30)));
    case 'spaces': return E.apply(seed, planSpaces(doc, rng, claims, scaled(30)));
    case 'reflow': return reflow(doc, doc.text);
    case 'move': return E.apply(seed, planMove(doc, rng, claims, 3));
    case 'duplicate': return E.apply(seed, planDuplicate(doc, rng, claims, 8));
    case 'rewrite': return E.apply(seed, planRewrite(doc, rng, claims, 0.75));
    case 'mixed': return E.apply(seed, [
      ...planDuplicate(doc, rng, claims, 2), ...planMove(doc, rng, claims, 1), ...planRewrite(doc, rng, claims, 0.1, 4),
      ...planDelete(doc, rng, claims, 4, 0), ...planInsert(doc, rng, claims, 4, 1), ...planTypo(doc, rng, claims, 12),
      ...planSpaces(doc, rng, claims, 6),
    ]);
  }
}

// ——— output ———

const { documents } = await loadCorpus(join(ROOT, 'corpus'));
const fixed = (JSON.parse(await readFile(join(ROOT, 'test/fixtures/annotation-set.json'), 'utf8')) as { annotations: Annotation[] }).annotations;
const manifest = { comment: 'Generated by scripts/make-edit-suite.ts; read by test/unit/reanchor.test.ts.', seed: SEED, survivalSimilarity: E.SURVIVAL_SIMILARITY, kinds: KINDS, documents: [] as unknown[] };

for (const [docIndex, gd] of documents.entries()) {
  const rng = E.prng(SEED + docIndex);
  const raw = await readFile(join(ROOT, 'corpus', gd.source), 'utf8');
  const doc: Doc = { text: gd.text, blocks: gd.blocks, sents: gd.blocks.map((b) => E.sentences(gd.text, b.start, b.end)), passages: [], raw };
  doc.passages = makePassages(doc, rng, docIndex);
  // Fixed-set passages keep their stored targets; their seed range is where their quote really is.
  const fixedHere = fixed.filter((a) => a.docId === gd.id).map((a) => {
    const { position: p, quote } = a.target;
    const start = gd.text.slice(p.start, p.end) === quote.exact ? p.start : gd.text.indexOf(quote.exact);
    return { id: a.id, shape: 'fixed', start: start < 0 ? null : start, end: start < 0 ? null : start + quote.exact.length, target: a.target };
  });
  const dir = join(OUT, gd.id);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'original.txt'), gd.text);
  const passageLines = [...fixedHere, ...doc.passages].map((p) => `    ${JSON.stringify(p)}`);
  await writeFile(join(dir, 'passages.json'), `{\n  "docId": ${JSON.stringify(gd.id)},\n  "contentHash": "${gd.contentHash}",\n  "passages": [\n${passageLines.join(',\n')}\n  ]\n}\n`);
  const all = [...fixedHere, ...doc.passages];
  const summary: Record<string, Record<string, number>> = {};
  for (const kind of KINDS) {
    const draft = edit(kind, doc, E.prng(SEED * 31 + docIndex * 101 + KINDS.indexOf(kind)));
    const { minPos, maxPos } = E.positions(gd.text.length, draft);
    const counts: Record<string, number> = { same: 0, edited: 0, gone: 0 };
    const lines = all.map((p) => {
      const t: E.Truth = p.start === null || p.end === null ? { status: 'gone', similarity: 0 } : E.truthOf(gd.text, draft, p.start, p.end, minPos, maxPos);
      counts[t.status]!++;
      return `    ${JSON.stringify(t.status === 'gone' ? [p.id, 'gone', null, null, t.similarity] : [p.id, t.status, t.start, t.end, t.similarity])}`;
    });
    summary[kind] = counts;
    await writeFile(join(dir, `${kind}.txt`), draft.text);
    await writeFile(join(dir, `${kind}.truth.json`), `{\n  "docId": ${JSON.stringify(gd.id)},\n  "kind": "${kind}",\n  "contentHash": "${hashText(draft.text)}",\n  "columns": ["id", "status", "start", "end", "similarity"],\n  "truth": [\n${lines.join(',\n')}\n  ]\n}\n`);
  }
  manifest.documents.push({ docId: gd.id, contentHash: gd.contentHash, passages: all.length, truth: summary });
  console.log(gd.id, all.length, JSON.stringify(summary));
}
await writeFile(join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
