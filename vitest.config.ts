import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // Renderer state classes (.svelte.ts) use runes: compiled by Svelte, run with its client runtime.
  plugins: [svelte({ compilerOptions: { hmr: false } })],
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // Documents are read in worker threads (read-pool.ts); a worker's first start under tsx takes
    // seconds on a loaded 2-core machine, which the 5 s default does not allow for.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: 'test-results/unit.json' }]],
  },
});
