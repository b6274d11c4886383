// `npm run bench` (full) and `npm run bench -- --smoke`: runs the bench and prints the table.
import { join } from 'node:path';
import { renderTable } from './report';
import { FULL_PLAN, SMOKE_PLAN, runBench } from './run-bench';

const smoke = process.argv.includes('--smoke');
const outAt = process.argv.indexOf('--out');
const outDir = outAt > 0 ? process.argv[outAt + 1]! : smoke ? join('test-results', 'bench-smoke') : 'bench';
const results = await runBench(smoke ? SMOKE_PLAN : FULL_PLAN, outDir, (line) => console.log(`· ${line}`));
console.log(`\n${renderTable(results.figures)}\n\nWrote ${join(outDir, 'results.json')} and ${join(outDir, 'RESULTS.md')} in ${Math.round(results.durationSeconds)} s.`);
const missed = results.figures.filter((f) => f.met === false);
if (missed.length > 0) console.log(`Targets missed: ${missed.map((f) => f.label).join('; ')}.`);

// Suggestions (issue 16): precision/recall on the labelled seed articles and the engine's speed, as its own section.
if (!smoke) {
  const { runSuggestEval, renderSuggestSection, writeSuggestSection } = await import('./suggest-eval');
  const load = results.machine.load;
  const section = renderSuggestSection(await runSuggestEval(5, (line) => console.log(`· suggest: ${line}`)), new Date(), String(load));
  await writeSuggestSection(join(outDir, 'RESULTS.md'), section);
  console.log(`Wrote the suggestions section of ${join(outDir, 'RESULTS.md')}.`);
}
