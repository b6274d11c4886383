#!/usr/bin/env node
// The `glossator` command: runs the CLI compiled by `npm run build` (out/main/cli.js), with no TypeScript at run time.
import { existsSync } from 'node:fs';

const compiled = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(compiled)) {
  // No silent fallback to transpiling the sources: a stale or missing build should be rebuilt, not hidden.
  process.stderr.write('glossator: the CLI is not built yet: run `npm run build` first.\n');
  process.exit(1);
}
await import(compiled.href);
