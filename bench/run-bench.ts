// Runs the whole bench: generates the corpus, measures the core in Node and the renderer in chromium, writes the results.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { agreementBench } from './agreement-bench';
import { browserBench, type BrowserRuns } from './browser-bench';
import { cliStartupBench } from './cli-startup';
import { coreBench, type CoreRuns } from './core-bench';
import { FULL, SMOKE, generate, type CorpusSpec } from './generate';
import { SAVE_SIZES } from './save-sizes';
import { describeMachine, writeResults, type BenchResults } from './report';

export interface BenchPlan {
  mode: 'full' | 'smoke';
  spec: CorpusSpec;
  core: CoreRuns;
  browser: BrowserRuns;
  /** Runs of each CLI start-up figure (the compiled bin: `npm run bench` builds first). */
  cli: number;
  /** Runs of the two-coder agreement figure (issue 15). */
  agreement: number;
}

export const FULL_PLAN: BenchPlan = {
  mode: 'full',
  spec: FULL,
  core: { open: 4, list: 20, save: 20, search: 40, digest: 5, lowdb: 5, saveSizes: SAVE_SIZES },
  browser: { boot: 5, open: 15, keypress: 30, heap: 3, peer: 5 },
  cli: 10,
  agreement: 5,
};

export const SMOKE_PLAN: BenchPlan = {
  mode: 'smoke',
  spec: SMOKE,
  core: { open: 2, list: 2, save: 2, search: 2, digest: 1, lowdb: 1, saveSizes: [10, 1_000] },
  browser: { boot: 1, open: 2, keypress: 2, heap: 1, peer: 1 },
  cli: 1,
  agreement: 1,
};

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'];

/** Runs `plan` and writes results.json and RESULTS.md into `outDir`; answers the results. */
export async function runBench(plan: BenchPlan, outDir: string, log: (line: string) => void = console.log): Promise<BenchResults> {
  const started = performance.now();
  const root = await mkdtemp(join(tmpdir(), 'glossator-bench-'));
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    log(`generating ${plan.spec.documents} documents and ${plan.spec.annotations} passages in ${root}`);
    const gen = await generate(plan.spec, root, 'default');
    const machine = describeMachine(browser.version(), gen.dataDir);
    const figures = [
      ...(await coreBench(gen, plan.core, log)),
      ...(await browserBench(browser, gen, plan.browser, log)),
      ...(await cliStartupBench(plan.cli, log)),
      ...(await agreementBench(gen, plan.agreement, log)),
    ];
    const results: BenchResults = {
      generatedAt: new Date().toISOString(),
      mode: plan.mode,
      machine,
      corpus: {
        documents: gen.documentCount,
        sourceMB: gen.sourceBytes / 2 ** 20,
        annotations: gen.annotationCount,
        bigDocumentChars: plan.spec.bigChars,
        bigDocumentPassages: plan.spec.bigAnnotations,
      },
      durationSeconds: (performance.now() - started) / 1000,
      figures,
    };
    await writeResults(outDir, results);
    return results;
  } finally {
    await browser.close();
    await rm(root, { recursive: true, force: true });
  }
}
