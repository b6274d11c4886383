// `npm run eval:suggest`: precision and recall of suggestions on the labelled seed articles (cold and after learning), and their speed.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import NaiveBayes from 'wink-naive-bayes-text-classifier';
import { loadCorpus } from '../src/main/corpus/corpus';
import { normalise } from '../src/main/corpus/normalise';
import { SuggestEngine, type KnownPassage, type SuggestDoc } from '../src/main/suggest/engine';
import { DEFAULT_LEXICONS } from '../src/main/suggest/default-lexicons';
import { thresholdFor, type Outcome } from '../src/main/suggest/calibrate';
import { evidenceOf } from '../src/main/suggest/features';
import { clearBlockCache, splitSentences } from '../src/main/suggest/sentences';
import { LIST_BUDGET_MS } from '../src/main/core/suggestion-service';
import { documentText, rng } from './generate';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const LABELS = join(ROOT, 'test', 'fixtures', 'suggest-eval');
const TAGS = ['cooperation', 'friction', 'hedging'] as const;
const BEGIN = '<!-- suggest:begin -->';
const END = '<!-- suggest:end -->';
/** The precision the operating threshold is chosen for, from the training documents only. */
const TARGET_PRECISION = 0.8;

interface Labelled {
  start: number;
  end: number;
  exact: string;
  tags: string[];
}

interface EvalDoc {
  doc: SuggestDoc;
  labels: Labelled[];
}

/** The labelled documents, each label checked against the text it claims (a changed normaliser or splitter fails here). */
export async function loadEvalSet(): Promise<EvalDoc[]> {
  const { documents } = await loadCorpus(join(ROOT, 'corpus'));
  const out: EvalDoc[] = [];
  for (const file of (await readdir(LABELS)).filter((f) => f.endsWith('.jsonl')).sort()) {
    const id = file.replace(/\.jsonl$/, '');
    const doc = documents.find((d) => d.id === id);
    if (doc === undefined) throw new Error(`${file}: no document ${id} in corpus/`);
    const labels = (await readFile(join(LABELS, file), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Labelled);
    const sentences = splitSentences(doc.text, doc.blocks);
    if (sentences.length !== labels.length) throw new Error(`${file}: ${labels.length} labels for ${sentences.length} sentences; relabel after a splitter change`);
    labels.forEach((l, i) => {
      const s = sentences[i]!;
      if (doc.text.slice(l.start, l.end) !== l.exact || s.start !== l.start || s.end !== l.end) throw new Error(`${file}: line ${i + 1} no longer matches the text at ${l.start}–${l.end}`);
    });
    out.push({ doc, labels });
  }
  return out;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
const add = (a: Counts, b: Counts): Counts => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn });
const precision = (c: Counts) => (c.tp + c.fp === 0 ? null : c.tp / (c.tp + c.fp));
const recall = (c: Counts) => (c.tp + c.fn === 0 ? null : c.tp / (c.tp + c.fn));

function count(scores: readonly number[], labels: readonly Labelled[], tag: string, threshold: number): Counts {
  const c = zero();
  scores.forEach((s, i) => {
    const gold = labels[i]!.tags.includes(tag);
    if (s >= threshold) {
      if (gold) c.tp++;
      else c.fp++;
    }
    else if (gold) c.fn++;
  });
  return c;
}

/** The passages an analyst who tagged exactly these labels would have stored. */
function passagesOf(e: EvalDoc): KnownPassage[] {
  return e.labels.filter((l) => l.tags.length > 0).map((l) => ({ docId: e.doc.id, start: l.start, end: l.end, tagIds: l.tags }));
}

const lexiconMap = () => new Map(Object.entries(DEFAULT_LEXICONS));

export interface SplitRow {
  test: string;
  tag: string;
  learner: string;
  threshold: number;
  counts: Counts;
}

export interface SuggestEval {
  cold: { tag: string; threshold: number; counts: Counts }[];
  splits: SplitRow[];
  speed: { label: string; ms: number[] }[];
  docs: { id: string; sentences: number; perTag: Record<string, number> }[];
  /** Outcomes of the cold lexicon on the whole eval set per tag: the prior the app's precision estimate starts from. */
  prior: Record<string, { score: number; tp: number; n: number }[]>;
}

export async function runSuggestEval(speedRuns = 5, log: (line: string) => void = () => undefined): Promise<SuggestEval> {
  const set = await loadEvalSet();
  const docs = set.map((e) => ({ id: e.doc.id, sentences: e.labels.length, perTag: Object.fromEntries(TAGS.map((t) => [t, e.labels.filter((l) => l.tags.includes(t)).length])) }));

  // Cold: the default lexicons alone, on every labelled sentence (no learning, so no split is needed).
  const coldEngine = new SuggestEngine(lexiconMap());
  const cold: SuggestEval['cold'] = [];
  const prior: SuggestEval['prior'] = {};
  for (const tag of TAGS) {
    const outcomes: Outcome[] = [];
    for (const e of set) coldEngine.scoreAll(e.doc, tag).forEach((s, i) => outcomes.push({ score: s.score, label: e.labels[i]!.tags.includes(tag) ? 1 : 0 }));
    for (const threshold of [0.5, 0.75]) {
      let c = zero();
      for (const e of set) c = add(c, count(coldEngine.scoreAll(e.doc, tag).map((s) => s.score), e.labels, tag, threshold));
      cold.push({ tag, threshold, counts: c });
    }
    const levels = [...new Set(outcomes.map((o) => o.score))].sort((a, b) => a - b);
    prior[tag] = levels.map((score) => ({ score, tp: outcomes.filter((o) => o.score === score && o.label === 1).length, n: outcomes.filter((o) => o.score === score).length }));
  }
  log('cold lexicon scored');

  // After learning: leave one document out. Learn from the others' labels (as the analyst's passages),
  // choose each tag's threshold from the training documents' held-out scores, propose in the held-out one.
  const splits: SplitRow[] = [];
  for (const test of set) {
    const train = set.filter((e) => e !== test);
    const engine = new SuggestEngine(lexiconMap());
    engine.learn(
      train.map((e) => e.doc),
      train.flatMap(passagesOf),
    );
    for (const tag of TAGS) {
      const threshold = thresholdFor(engine.heldOut(tag), TARGET_PRECISION) ?? 0.5;
      const scores = engine.scoreAll(test.doc, tag).map((s) => s.score);
      splits.push({ test: test.doc.id, tag, learner: 'logistic regression', threshold, counts: count(scores, test.labels, tag, threshold) });
      splits.push({ test: test.doc.id, tag, learner: 'wink naive Bayes', threshold: 0.5, counts: naiveBayes(train, test, tag) });
    }
  }
  log('splits learnt and scored');

  const speed = await speedRunsOn(speedRuns, set);
  log('speed measured');
  return { cold, splits, speed, docs, prior };
}

/** wink's naive Bayes on the same features, for comparison: probability of "yes" ≥ 0.5. */
function naiveBayes(train: readonly EvalDoc[], test: EvalDoc, tag: string): Counts {
  const nb = NaiveBayes();
  nb.definePrepTasks([]);
  nb.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.5 });
  const lex = lexiconMap();
  const featuresOf = (e: EvalDoc) => evidenceOf(splitSentences(e.doc.text, e.doc.blocks), lex).map((x) => x.features);
  for (const e of train) featuresOf(e).forEach((f, i) => nb.learn(f, e.labels[i]!.tags.includes(tag) ? 'yes' : 'no'));
  nb.consolidate();
  const scores = featuresOf(test).map((f) => {
    const odds = nb.computeOdds(f) as [string, number][];
    const yes = odds.find(([l]) => l === 'yes')?.[1] ?? 0;
    const no = odds.find(([l]) => l === 'no')?.[1] ?? 0;
    return 1 / (1 + Math.exp(no - yes));
  });
  return count(scores, test.labels, tag, 0.5);
}

async function speedRunsOn(runs: number, set: readonly EvalDoc[]): Promise<SuggestEval['speed']> {
  // The bench's 1 MB report, generated the same way bench/generate.ts makes it.
  const raw = documentText(1_000_000, rng(7), 'Long report');
  const { text, blocks } = normalise(raw);
  const big: SuggestDoc = { id: 'big', text, blocks, contentHash: `bench:${text.length}` };
  const cold: number[] = [];
  const whole: number[] = [];
  const slices: number[] = [];
  const warm: number[] = [];
  const update: number[] = [];
  const refit: number[] = [];
  for (let r = 0; r < runs; r++) {
    const engine = new SuggestEngine(lexiconMap());
    engine.learn(
      set.map((e) => e.doc),
      set.flatMap(passagesOf),
    );
    // As the app does it: slices of LIST_BUDGET_MS until complete; the first answer is what the analyst waits for.
    // Each run is a fresh process state for the block cache (cleared), so "first" is truly first.
    clearBlockCache();
    let t = performance.now();
    let started = t;
    let part = engine.proposeSome(big, { stop: () => performance.now() - started > LIST_BUDGET_MS });
    cold.push(performance.now() - t);
    let n = 1;
    const first = [...part.suggestions];
    while (!part.complete) {
      started = performance.now();
      part = engine.proposeSome(big, { stop: () => performance.now() - started > LIST_BUDGET_MS, from: part.next });
      first.push(...part.suggestions);
      n++;
    }
    whole.push(performance.now() - t);
    slices.push(n);
    t = performance.now();
    engine.propose(big);
    warm.push(performance.now() - t);
    const s = first[r % first.length]!;
    t = performance.now();
    engine.update(big, s, s.tag, 1);
    update.push(performance.now() - t);
    t = performance.now();
    engine.refit(s.tag);
    refit.push(performance.now() - t);
    await new Promise((ok) => setImmediate(ok));
  }
  return [
    { label: `Suggestions for the 1 MB bench document, first answer (the first ${LIST_BUDGET_MS} ms slice of analysis, scored)`, ms: cold },
    { label: `The same, until the whole document is analysed (${Math.min(...slices)}–${Math.max(...slices)} slices)`, ms: whole },
    { label: 'Suggestions for the same document again (blocks cached by content hash)', ms: warm },
    { label: 'Update after an accept (one example learnt)', ms: update },
    { label: "Full refit of one tag's model with its held-out calibration (about 230 labelled sentences)", ms: refit },
  ];
}

const pct = (x: number | null) => (x === null ? '—' : x.toFixed(2));
function p(ms: number[], q: number): number {
  const s = [...ms].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

export function renderSuggestSection(r: SuggestEval, when: Date, load: string): string {
  const lines: string[] = [BEGIN, '## Suggestions (issue 16)', ''];
  lines.push(
    `Measured by \`npm run eval:suggest\` on ${when.toISOString().slice(0, 10)}, load average ${load}. The evaluation set is ` +
      `${r.docs.length} seed articles labelled sentence by sentence (\`test/fixtures/suggest-eval/\`, rules in its README): ` +
      r.docs.map((d) => `${d.id} (${d.sentences} sentences; ${TAGS.map((t) => `${d.perTag[t]} ${t}`).join(', ')})`).join('; ') +
      '.',
    '',
    '**Cold (lexicon only, every labelled sentence).** Score 0.5 = at least one cue, 0.75 = two distinct cues.',
    '',
    '| Tag | Threshold | Precision | Recall | TP | FP | FN | Target |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const c of r.cold) {
    const target = c.tag === 'hedging' && c.threshold === 0.5 ? `P ≥ 0.80 ${(precision(c.counts) ?? 0) >= 0.8 ? '✅ met' : '❌ missed'}` : '—';
    lines.push(`| ${c.tag} | ${c.threshold} | ${pct(precision(c.counts))} | ${pct(recall(c.counts))} | ${c.counts.tp} | ${c.counts.fp} | ${c.counts.fn} | ${target} |`);
  }
  lines.push(
    '',
    '**After learning (leave one document out).** Learn from the labels of the other documents as if they were the ' +
      "analyst's passages; the threshold is the lowest whose held-out precision on the *training* documents reaches 0.8 " +
      '(the test document is never looked at); then propose in the held-out document. Pooled over the splits:',
    '',
    '| Tag | Learner | Precision | Recall | TP | FP | FN | Target (P ≥ 0.80 at R ≥ 0.50) |',
    '|---|---|---:|---:|---:|---:|---:|---|',
  );
  for (const learner of ['logistic regression', 'wink naive Bayes']) {
    for (const tag of TAGS) {
      const c = r.splits.filter((s) => s.tag === tag && s.learner === learner).reduce((a, s) => add(a, s.counts), zero());
      const met = (precision(c) ?? 0) >= 0.8 && (recall(c) ?? 0) >= 0.5;
      lines.push(`| ${tag} | ${learner} | ${pct(precision(c))} | ${pct(recall(c))} | ${c.tp} | ${c.fp} | ${c.fn} | ${met ? '✅ met' : '❌ missed'} |`);
    }
  }
  lines.push(
    '',
    'What was tried for cooperation and friction (same protocol, 2026-12-07; the held-out AUC stayed 0.66–0.72 for both in every ' +
      'variant, so the ceiling is the evidence, not the optimiser): lemma bigrams (dropped: no gain, twice the features); ' +
      'cues of the neighbouring sentences, heading and first-in-paragraph features and proper-name pairs (kept); full-batch ' +
      'AdaGrad with L2 0.01–0.5 and a lighter penalty on cue features (dropped: cooperation 0.66/0.39, friction 0.63/0.17, ' +
      'hedging 0.74/0.76 — worse than the SGD learner in the table above); calibration folds by whole document instead of interleaved ' +
      'sentences (kept: interleaved folds let a document\'s own vocabulary promise a precision a new article does not give). ' +
      'The labels were re-read against the rules for the highest-scoring false positives; none was a labelling error, none was changed.',
  );
  lines.push('', 'Per split (logistic regression; threshold chosen on the training documents):', '', '| Held-out document | Tag | Threshold | Precision | Recall | TP | FP | FN |', '|---|---|---:|---:|---:|---:|---:|---:|');
  for (const s of r.splits.filter((x) => x.learner === 'logistic regression')) {
    lines.push(`| ${s.test} | ${s.tag} | ${s.threshold.toFixed(3)} | ${pct(precision(s.counts))} | ${pct(recall(s.counts))} | ${s.counts.tp} | ${s.counts.fp} | ${s.counts.fn} |`);
  }
  lines.push('', '**Speed** (Node, the engine alone; p50 and p95 over the runs):', '', '| Measure | p50 | p95 | runs | Target |', '|---|---:|---:|---:|---|');
  for (const s of r.speed) {
    const target = s.label.startsWith('Suggestions for the 1 MB bench document, first') || s.label.startsWith('The same, until') ? 500 : s.label.startsWith('Update after') ? 100 : null;
    const verdict = target === null ? '—' : `≤ ${target} ms ${p(s.ms, 0.95) <= target ? '✅ met' : p(s.ms, 0.5) <= target ? '✅ met at p50' : '❌ missed'}`;
    lines.push(`| ${s.label} | ${p(s.ms, 0.5).toFixed(1)} ms | ${p(s.ms, 0.95).toFixed(1)} ms | ${s.ms.length} | ${verdict} |`);
  }
  lines.push(END);
  return `${lines.join('\n')}\n`;
}

/** Replaces the section in `file` (or appends it), leaving the rest of the results as they are. */
export async function writeSuggestSection(file: string, section: string): Promise<void> {
  const text = existsSync(file) ? await readFile(file, 'utf8') : '';
  const at = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  const next = at >= 0 && end > at ? text.slice(0, at) + section + text.slice(end + END.length + 1) : `${text.trimEnd()}\n\n${section}`;
  await writeFile(file, next);
}

/** The cold outcomes as the TypeScript module the app imports (a .ts file: the core also runs unbundled under Node). */
export function renderPrior(prior: SuggestEval['prior']): string {
  return (
    '// Written by `npm run eval:suggest`: outcomes of the default lexicons on the labelled eval set, per tag and score level.\n' +
    "// The app's expected precision for a default tag that has not learnt yet starts from these.\n" +
    `export const EVAL_PRIOR: Readonly<Record<string, readonly { score: number; tp: number; n: number }[]>> = ${JSON.stringify(prior)};\n`
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let load = 'unknown';
  try {
    load = (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');
  } catch {
    /* not Linux */
  }
  const r = await runSuggestEval(Number(process.argv[2] ?? 5), console.log);
  const section = renderSuggestSection(r, new Date(), load);
  console.log(section);
  if (!process.argv.includes('--no-write')) {
    await writeSuggestSection(join(ROOT, 'bench', 'RESULTS.md'), section);
    await writeFile(join(ROOT, 'src', 'main', 'suggest', 'eval-prior.ts'), renderPrior(r.prior));
    console.log('Wrote the suggestions section of bench/RESULTS.md and src/main/suggest/eval-prior.ts.');
  }
}
