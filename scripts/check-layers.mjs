#!/usr/bin/env node
// Layer and cycle check: runs dependency-cruiser's API with .dependency-cruiser.cjs over src/ and fails on any finding.
// The API rather than the `depcruise` binary: the binary refuses Node 20 (this project's floor), the API runs on it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cruise } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs');
const tsConfig = JSON.parse(readFileSync(new URL('../tsconfig.json', import.meta.url), 'utf8'));

const result = await cruise(
  process.argv.length > 2 ? process.argv.slice(2) : ['src'],
  { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true, outputType: 'err' },
  undefined,
  { tsConfig },
);
process.stdout.write(String(result.output));
process.exitCode = result.exitCode === 0 ? 0 : 1;
