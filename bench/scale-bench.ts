// `npm run bench:scale`: how opening, listing and memory grow from 500 to 2,000 to 8,000 documents, with growth factors.
//
// Each size is a new generated corpus and a fresh Node process per measurement, so one size's heap
// and caches never flatter the next. A growth factor near the document ratio (4×) is linear.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FULL, generate } from './generate';

const SIZES = process.argv.includes('--smoke') ? [20, 40] : [500, 2_000, 8_000];
const PASSAGES_PER_DOC = FULL.annotations / FULL.documents;

interface Row {
  documents: number;
  coldOpenMs: number;
  warmOpenMs: number;
  firstListMs: number;
  usableMs: number;
  rssMb: number;
  textMb: number;
}

/** One measurement in a child process: open (cold or warm), first listing, first search; prints JSON. */
const PROBE = `
import { createCore } from '../src/main/core/core';
const [dataDir, corpusDir] = process.argv.slice(2);
const ok = (r) => { if (!r.ok) throw new Error(r.error.message); return r.value; };
void (async () => {
  const t0 = performance.now();
  const core = await createCore({ dataDir, corpusDir, version: 'bench', storeIo: { damaged: 'report' } });
  const open = performance.now() - t0;
  const { dispatch } = await import('../src/main/core/dispatch');
  const t1 = performance.now();
  ok(await dispatch(core.handlers, 'listDocuments', {}));
  const list = performance.now() - t1;
  ok(await dispatch(core.handlers, 'search', { query: 'Tehran', wholeWord: false, caseSensitive: false, diacriticSensitive: false }));
  const usable = performance.now() - t0;
  const text = core.corpus.all().reduce((n, d) => n + d.text.length, 0);
  global.gc?.();
  console.log(JSON.stringify({ open, list, usable, rss: process.memoryUsage().rss, text }));
  await core.close();
})();
`;

function probe(script: string, dataDir: string, corpusDir: string): { open: number; list: number; usable: number; rss: number; text: number } {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, dataDir, corpusDir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as never;
}

const rows: Row[] = [];
const script = join(import.meta.dirname, `.scale-probe-${process.pid}.ts`);
await writeFile(script, PROBE);
try {
  for (const documents of SIZES) {
    const root = await mkdtemp(join(tmpdir(), 'glossator-scale-'));
    try {
      console.log(`· generating ${documents} documents`);
      const gen = await generate({ ...FULL, documents, annotations: Math.round(documents * PASSAGES_PER_DOC), bigAnnotations: Math.min(FULL.bigAnnotations, documents * 10) }, root, 'default');
      const cold = probe(script, gen.dataDir, gen.corpusDir);
      const warm = probe(script, gen.dataDir, gen.corpusDir);
      rows.push({
        documents,
        coldOpenMs: cold.open,
        warmOpenMs: warm.open,
        firstListMs: warm.list,
        usableMs: warm.usable,
        rssMb: warm.rss / 2 ** 20,
        textMb: (warm.text * 2) / 2 ** 20,
      });
      console.log(`· ${documents}: ${JSON.stringify(rows.at(-1))}`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
} finally {
  await rm(script, { force: true });
}

const cols: [string, keyof Row, string][] = [
  ['Cold open', 'coldOpenMs', 'ms'],
  ['Warm open', 'warmOpenMs', 'ms'],
  ['First listing (warm)', 'firstListMs', 'ms'],
  ['Start until usable (warm: open + listing + search)', 'usableMs', 'ms'],
  ['Resident memory when usable', 'rssMb', 'MB'],
];
const lines = [
  `| Measure | ${SIZES.map((n) => `${n.toLocaleString('en')} docs`).join(' | ')} | ${SIZES.slice(1).map((n, i) => `growth ${SIZES[i]!.toLocaleString('en')}→${n.toLocaleString('en')}`).join(' | ')} |`,
  `|---|${SIZES.map(() => '---:').join('|')}|${SIZES.slice(1).map(() => '---:').join('|')}|`,
  ...cols.map(([label, key, unit]) => {
    const values = rows.map((r) => r[key]);
    const growth = values.slice(1).map((v, i) => `${(v / values[i]!).toFixed(2)}×`);
    return `| ${label} | ${values.map((v) => `${v.toFixed(unit === 'ms' ? 0 : 1)} ${unit}`).join(' | ')} | ${growth.join(' | ')} |`;
  }),
  `| Text held (UTF-16) | ${rows.map((r) => `${r.textMb.toFixed(1)} MB`).join(' | ')} | ${rows.slice(1).map((r, i) => `${(r.textMb / rows[i]!.textMb).toFixed(2)}×`).join(' | ')} |`,
];
console.log(`\nScaling (growth = the figure at the larger size ÷ at the smaller; the corpus grows ${SIZES.length > 1 ? `${(SIZES[1]! / SIZES[0]!).toFixed(0)}×` : ''} per step):\n\n${lines.join('\n')}`);
