// Build for the three Electron targets. The preload is sandboxed, so it must be one CommonJS file.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The reader worker is its own entry (read-pool.ts finds read-worker.js beside the main bundle), and so
      // is the headless CLI (bin/glossator.mjs runs out/main/cli.js): it shares the core's chunks, no Electron.
      rollupOptions: {
        input: {
          index: resolve('src/main/electron/main.ts'),
          'read-worker': resolve('src/main/corpus/readers/read-worker.ts'),
          cli: resolve('src/cli/bin.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    plugins: [svelte()],
  },
});
