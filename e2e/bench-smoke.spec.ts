// The bench's smoke run: a tiny corpus through every measurement, so `npm run bench` cannot rot.
// It checks that each figure is produced and written, never how fast anything is.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './support/fixtures';
import { SMOKE_PLAN, runBench } from '../bench/run-bench';
import type { BenchResults } from '../bench/report';

test('the bench runs every measurement on a tiny corpus and writes both result files', async ({ host }, testInfo) => {
  test.skip(host !== 'chromium', 'the bench measures the chromium host; the electron project has nothing more to add');
  test.setTimeout(240_000);
  const out = testInfo.outputPath('bench');
  const results = await runBench(SMOKE_PLAN, out, () => undefined);

  const labels = results.figures.map((f) => f.label);
  for (const measure of [
    /^Core: open .*\(cold\)/,
    /^Core: list documents/,
    /^Core: first listing of a session/,
    /^Core: open until usable/,
    /^App start to the document list, first load/,
    /^Renderer reload to the document list/,
    /^Open the long document until every highlight is painted/,
    /^Tag keypress until its highlight is painted/,
    /^Tag keypress until main acknowledged the save/,
    /^Durable save of one tag change through the core/,
    /^Durable save of one change, 10 passages in that document/,
    /^Durable save of one change, 1,000 passages in that document/,
    /^Raw write \+ fsync \+ rename/,
    /^Durable save ÷ raw write/,
    /^Corpus search query/,
    /^Markdown digest of all .*: first of a session/,
    /^…the same digest again \(repeat\)/,
    /^Renderer JS heap with the long document open/,
    /recogito\/text-annotator \(SPANS\) first paint/,
    /^Recogito first paint ÷ Glossator first paint/,
    /^One lowdb file for the whole corpus/,
    /^One lowdb file ÷ Glossator/,
    /^Agreement, two coders, whole corpus/,
  ]) {
    expect(labels.some((l) => measure.test(l)), `a figure matching ${measure}`).toBe(true);
  }
  for (const f of results.figures) {
    expect(f.samples.length, f.label).toBeGreaterThan(0);
    // A tiny corpus may block the event loop for less than the monitor can see: 0 is a figure.
    expect(Number.isFinite(f.p50) && f.p50 >= 0, `${f.label}: p50 ${f.p50}`).toBe(true);
    if (/painted|reload|start|save|digest/.test(f.label)) expect(f.p50, f.label).toBeGreaterThan(0);
    expect(f.p95, f.label).toBeGreaterThanOrEqual(f.p50);
  }

  const written = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as BenchResults;
  expect(written.figures.map((f) => f.label)).toEqual(labels);
  expect(written.corpus.annotations).toBe(SMOKE_PLAN.spec.annotations);
  const markdown = await readFile(join(out, 'RESULTS.md'), 'utf8');
  expect(markdown).toContain('| Measure | p50 | p95 | runs | Target |');
  for (const label of labels) expect(markdown).toContain(label);
});
