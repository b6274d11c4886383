// CLI start-up: `glossator --help` and `glossator list` (the compiled bin, seed corpus) beside `node -e 0`.
// Part of `npm run bench`; alone, `tsx bench/cli-startup.ts [runs]` measures it and writes its section of bench/RESULTS.md.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { renderTable } from './report';
import { figure, sample, time, type Figure } from './stats';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const BIN = join(ROOT, 'bin', 'glossator.mjs');
const run = promisify(execFile);

/** Wall time from spawn to exit of `node args…`, as a shell user waits for it. */
const spawnTime = (args: string[]) => time(() => run(process.execPath, args, { cwd: ROOT }));

/** Needs `npm run build` (the compiled CLI). Each figure is `runs` runs after one unmeasured warm-up. */
export async function cliStartupBench(runs: number, log: (line: string) => void = () => undefined): Promise<Figure[]> {
  if (!existsSync(join(ROOT, 'out', 'main', 'cli.js'))) throw new Error('The CLI is not built: run `npm run build` first.');
  const data = await mkdtemp(join(tmpdir(), 'glossator-cli-bench-'));
  try {
    log(`CLI start-up: ${runs} runs each of node -e 0, glossator --help, glossator list`);
    const node = await sample(runs, () => spawnTime(['-e', '0']));
    const help = await sample(runs, () => spawnTime([BIN, '--help']));
    const list = await sample(runs, () => spawnTime([BIN, 'list', '--data', data]));
    return [
      figure('CLI start-up: `node -e 0` (the floor: Node itself)', 'ms', node),
      figure('CLI start-up: `glossator --help` (compiled; the core is not loaded)', 'ms', help, { target: 300 }),
      figure('CLI start-up: `glossator list` on the seed corpus (5 documents, fresh data folder)', 'ms', list, { target: 800 }),
      figure('`glossator --help` ÷ `node -e 0` (per run)', 'x', help.map((h, i) => h / node[i]!)),
    ];
  } finally {
    await rm(data, { recursive: true, force: true });
  }
}

const BEGIN = '<!-- cli-startup:begin -->';
const END = '<!-- cli-startup:end -->';

/** The section `tsx bench/cli-startup.ts` keeps in RESULTS.md (a full `npm run bench` puts the rows in its main table). */
export function renderCliSection(figures: readonly Figure[], when: Date, load: string): string {
  return `${BEGIN}
## CLI start-up (measured alone)

Measured by \`tsx bench/cli-startup.ts\` on ${when.toISOString().slice(0, 10)} after \`npm run build\`, load average ${load}; the full bench was not re-run for these rows, so the table above is from its own run. Each run is a fresh process timed from spawn to exit; before the CLI was compiled, \`glossator --help\` took 1.85 s against 0.125 s for \`node -e 0\` (issue 17).

${renderTable(figures)}
${END}
`;
}

/** Replaces the section in `file` (or appends it), leaving the rest of the results as they are. */
export async function writeCliSection(file: string, section: string): Promise<void> {
  const text = existsSync(file) ? await readFile(file, 'utf8') : '';
  const at = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  const next = at >= 0 && end > at ? text.slice(0, at) + section + text.slice(end + END.length + 1) : `${text.trimEnd()}\n\n${section}`;
  await writeFile(file, next);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 10);
  let load = 'unknown';
  try {
    load = (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');
  } catch {
    /* not Linux */
  }
  const figures = await cliStartupBench(runs, console.log);
  const file = join(ROOT, 'bench', 'RESULTS.md');
  await writeCliSection(file, renderCliSection(figures, new Date(), load));
  console.log(`${renderTable(figures)}\n\nWrote the CLI start-up section of ${file}.`);
}
