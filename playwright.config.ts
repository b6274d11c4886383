// E2E: every spec runs through one fixture on two hosts, `chromium` (always) and `electron` (when its binary exists).
import { defineConfig } from '@playwright/test';
import type { HostOptions } from './e2e/support/fixtures';

export default defineConfig<HostOptions>({
  testDir: 'e2e',
  outputDir: 'test-results/e2e-artifacts',
  globalSetup: './e2e/support/global-setup.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  projects: [
    { name: 'chromium', use: { host: 'chromium' } },
    { name: 'electron', use: { host: 'electron' } },
  ],
});
