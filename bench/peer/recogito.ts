// The side-by-side peer: time for @recogito/text-annotator (SPANS renderer) to paint a document's highlights,
// measured in Chromium on a fake origin with no network.
import type { Browser, BrowserContext, Route } from '@playwright/test';
import { buildRecogitoBundle, type RecogitoBundle } from './build-recogito';
import type { PageRunResult, PeerInput } from './contract';

export type { PeerInput } from './contract';

const ORIGIN = 'http://peer.test/';
const VIEWPORT = { width: 1440, height: 900 };
/** Covers the in-page 20 s deadline plus loading the page; only reached if the page itself wedges. */
const RUN_TIMEOUT_MS = 60_000;

/** A reading column like the app's reader (44rem, its padding and type), so about as many highlights land on screen. */
const PAGE_CSS = `
body { margin: 0; background: #fdfcf9; color: #1d1d1f; }
#page { position: relative; max-width: 44rem; margin: 0 auto; padding: 24px 48px 96px 128px; }
.text { font: 1.08rem/1.65 Charter, 'Iowan Old Style', 'Source Serif Pro', Georgia, 'Noto Serif', serif; }
.text :is(p, li, h2) { position: relative; overflow-wrap: anywhere; }
.text ul { padding-left: 1.4rem; }
h2 { font-family: system-ui, sans-serif; font-size: 1.15rem; margin: 1.6em 0 0.4em; }
`;

function pageHtml(bundle: RecogitoBundle): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>recogito peer</title>
<style>${bundle.css}</style><style>${PAGE_CSS}</style></head>
<body><main id="page"></main><script src="/recogito.js"></script></body></html>`;
}

/** Everything the page asks for is answered here; anything else is refused, so no run touches the network. */
async function serve(context: BrowserContext, bundle: RecogitoBundle, inputJson: string): Promise<void> {
  const files = new Map<string, { body: string; contentType: string }>([
    ['/', { body: pageHtml(bundle), contentType: 'text/html; charset=utf-8' }],
    ['/recogito.js', { body: bundle.js, contentType: 'text/javascript; charset=utf-8' }],
    ['/input.json', { body: inputJson, contentType: 'application/json' }],
  ]);
  await context.route('**/*', (route: Route) => {
    const url = new URL(route.request().url());
    const file = url.origin === new URL(ORIGIN).origin ? files.get(url.pathname) : undefined;
    return file ? route.fulfill({ status: 200, ...file }) : route.abort('blockedbyclient');
  });
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`recogito peer: ${what} took over ${RUN_TIMEOUT_MS / 1000} s`)), RUN_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A run whose highlights miss on-screen annotations or land on the wrong text measures nothing worth comparing. */
function verify(result: PageRunResult): void {
  if (result.quoteMismatches.length > 0) {
    throw new Error(`recogito peer: offsets map to the wrong text:\n${result.quoteMismatches.join('\n')}`);
  }
  if (result.missing.length > 0) {
    const counts = `${result.paintedIds} painted of ${result.expectedVisible} on screen`;
    throw new Error(`recogito peer: on-screen annotations not painted (${counts}), e.g. ${result.missing.join(', ')}`);
  }
}

async function runOnce(browser: Browser, bundle: RecogitoBundle, inputJson: string, screenshot?: string): Promise<PageRunResult> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await serve(context, bundle, inputJson);
    const page = await context.newPage();
    await page.goto(ORIGIN, { waitUntil: 'load' });
    // Strings, not functions: a transpiled function can carry helpers (e.g. esbuild's __name) the page lacks.
    await withTimeout(page.evaluate('window.__recogitoPeer.prepare()'), 'loading the document');
    const result = (await withTimeout(page.evaluate('window.__recogitoPeer.run()'), 'a run')) as PageRunResult;
    verify(result);
    if (screenshot) await page.screenshot({ path: screenshot });
    return result;
  } finally {
    await context.close();
  }
}

export interface PeerOptions {
  /** PNG path for a screenshot of the last run's painted page, to see that highlights sit on the right words. */
  screenshot?: string;
}

/**
 * Per run, the in-page ms from starting to build the document (text already in the page) to the frame showing
 * the settled highlights; `painted` is the number of highlight spans in the last run.
 */
export async function measureRecogitoPaint(
  browser: Browser,
  input: PeerInput,
  runs: number,
  options: PeerOptions = {},
): Promise<{ samples: number[]; painted: number }> {
  const bundle = await buildRecogitoBundle();
  const inputJson = JSON.stringify(input);
  const samples: number[] = [];
  let painted = 0;
  for (let i = 0; i < runs; i++) {
    const result = await runOnce(browser, bundle, inputJson, i === runs - 1 ? options.screenshot : undefined);
    samples.push(result.elapsed);
    painted = result.spans;
  }
  return { samples, painted };
}
