// Bundles the recogito peer's browser entry into one self-contained IIFE script (plus its CSS), offline, in memory.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';

export interface RecogitoBundle {
  js: string;
  css: string;
}

const HERE = dirname(fileURLToPath(import.meta.url));
let cached: Promise<RecogitoBundle> | null = null;

/** One bundle per process: every run and every peer measurement serves the same bytes. */
export function buildRecogitoBundle(): Promise<RecogitoBundle> {
  cached ??= bundle().catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

async function bundle(): Promise<RecogitoBundle> {
  const result = await build({
    configFile: false,
    envFile: false,
    logLevel: 'silent',
    // Rooted here so the project's index.html, public/ and PostCSS lookups stay out of the build.
    root: HERE,
    publicDir: false,
    css: { postcss: {} },
    // Some dependencies branch on it; a browser page has no `process`.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      emptyOutDir: false,
      minify: true,
      sourcemap: false,
      target: 'es2022',
      reportCompressedSize: false,
      lib: {
        entry: join(HERE, 'recogito-entry.ts'),
        formats: ['iife'],
        name: 'RecogitoPeer',
        fileName: () => 'recogito.js',
        cssFileName: 'recogito',
      },
    },
  });
  return collect(result);
}

function collect(result: Awaited<ReturnType<typeof build>>): RecogitoBundle {
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const files = outputs.flatMap((o) => o.output);
  const js = files.filter((f): f is Rolldown.OutputChunk => f.type === 'chunk').map((f) => f.code);
  const css = files.filter((f): f is Rolldown.OutputAsset => f.type === 'asset' && f.fileName.endsWith('.css'));
  if (js.length !== 1) throw new Error(`recogito bundle: expected one script, got ${js.length}`);
  return { js: js[0]!, css: css.map(assetText).join('\n') };
}

function assetText(asset: Rolldown.OutputAsset): string {
  return typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
}
