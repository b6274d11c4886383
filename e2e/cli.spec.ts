// The compiled CLI as installed (`bin/glossator.mjs` → out/main/cli.js after `npm run build`): no TypeScript at run time.
// Runs here, after the build, because unit tests run before it (they drive src/cli directly).
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test, expect } from './support/fixtures';

const BIN = 'bin/glossator.mjs';
const run = (...args: string[]) => promisify(execFile)(process.execPath, [BIN, ...args]);

test.describe('the compiled glossator command', () => {
  let data = '';
  test.beforeEach(async ({ host }) => {
    test.skip(host !== 'chromium', 'a Node process, no host involved: once is enough');
    data = await mkdtemp(join(tmpdir(), 'glossator-bin-'));
  });
  test.afterEach(async () => {
    if (data) await rm(data, { recursive: true, force: true });
  });

  test('prints usage and lists the bundled corpus', async () => {
    expect((await run('--help')).stdout).toContain('Usage: glossator <command>');
    const { stdout } = await run('list', '--data', data);
    expect(stdout.split('\n')[0]).toMatch(/^ID\s+WORDS\s+PASSAGES/);
    expect(stdout).toContain('Russo-Iranian Alignment Will Continue Despite Differences');
  });

  test('exits 2 with a plain message on a usage error', async () => {
    const failed = await run('frobnicate').catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown command "frobnicate"') });
  });

  test('stays quiet and exits 0 when the reader closes the pipe early', async () => {
    const child = spawn(process.execPath, [BIN, 'list', '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(err).toBe('');
    expect(code).toBe(0);
  });
});
