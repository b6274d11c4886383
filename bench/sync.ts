// Sync at team scale (issue 15): a project of 10 coders × 10,000 passages in two clones of one bare repository;
// one coder changes 100 passages and syncs (commit + push), the other clone, with 100 changes of its own, syncs
// (commit + fetch + merge + push). Beside it the same on a project a tenth the size: the cost should follow the
// change, not the project. `npm run bench:sync [runs]` alone; `npm run bench` runs it after the main bench.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderTable } from './report';
import { figure, time, type Figure } from './stats';
import { sync } from '../src/main/sync/sync';
import { MemorySecretStore } from '../src/main/sync/secret-store';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const HEADER = '{"format":"glossator-passages/1"}';
const PER_DOC = 100;

interface Shape {
  coders: number;
  passagesPerCoder: number;
}

const passageLine = (coder: number, doc: number, n: number, note: string) =>
  JSON.stringify({
    id: `c${coder}-d${String(doc).padStart(4, '0')}-p${String(n).padStart(4, '0')}`,
    docId: `doc-${doc}`,
    target: { position: { start: n * 50, end: n * 50 + 40 }, quote: { exact: `passage ${n} of document ${doc}`, prefix: '', suffix: '' }, contentHash: 'h' },
    tagIds: ['friction'],
    note,
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
  });

async function writeDoc(dir: string, coder: number, doc: number, edited: (n: number) => string) {
  const file = join(dir, '.glossator', 'coders', `c${coder}`, 'passages', `doc-${doc}.jsonl`);
  await mkdir(dirname(file), { recursive: true });
  const lines = Array.from({ length: PER_DOC }, (_, n) => passageLine(coder, doc, n, edited(n)));
  await writeFile(file, `${HEADER}\n${lines.join('\n')}\n`);
}

async function makeProject(dir: string, shape: Shape) {
  await mkdir(join(dir, '.glossator'), { recursive: true });
  await writeFile(join(dir, '.glossator', 'codebook.jsonl'), '{"format":"glossator-codebook/1"}\n{"id":"friction","name":"Friction","color":"#cc3333"}\n');
  for (let c = 0; c < shape.coders; c++) {
    await mkdir(join(dir, '.glossator', 'coders', `c${c}`), { recursive: true });
    await writeFile(join(dir, '.glossator', 'coders', `c${c}`, 'coder.json'), JSON.stringify({ id: `c${c}`, name: `Coder ${c}` }));
    for (let d = 0; d < shape.passagesPerCoder / PER_DOC; d++) await writeDoc(dir, c, d, () => '');
  }
}

const run = (dir: string, name: string) => sync({ dir, author: { name, email: `${name}@bench.invalid` }, secrets: new MemorySecretStore() });

/** Changes 100 passages of one coder: 10 in each of 10 documents (a different set each round). */
async function change100(dir: string, coder: number, round: number) {
  for (let d = 0; d < 10; d++) await writeDoc(dir, coder, d, (n) => (n < 10 ? `edited in round ${round}` : ''));
}

export async function syncBench(runs: number, log: (line: string) => void = () => {}): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const shape of [{ coders: 1, passagesPerCoder: 10_000 }, { coders: 10, passagesPerCoder: 10_000 }] as Shape[]) {
    const root = await mkdtemp(join(tmpdir(), 'glossator-bench-sync-'));
    try {
      const remote = join(root, 'team.git');
      execFileSync('git', ['init', '--bare', '--quiet', '--initial-branch=main', remote]);
      const [a, b] = [join(root, 'a'), join(root, 'b')];
      await makeProject(a, shape);
      const first = await sync({ dir: a, remote, author: { name: 'A', email: 'a@bench.invalid' }, secrets: new MemorySecretStore() });
      if (first.error) throw new Error(first.error.message);
      const joined = await sync({ dir: b, remote, author: { name: 'B', email: 'b@bench.invalid' }, secrets: new MemorySecretStore() });
      if (joined.error) throw new Error(joined.error.message);
      const push: number[] = [];
      const pull: number[] = [];
      for (let round = -1; round < runs; round++) {
        await change100(a, 0, round + 2);
        const pushMs = await time(async () => {
          const r = await run(a, 'A');
          if (r.error || r.pushed.passages !== 100) throw new Error(`push: ${r.summary}`);
        });
        // The other clone has changes of its own, so this is a real merge (not a fast-forward) and a push.
        await change100(b, shape.coders > 1 ? 1 : 0, -(round + 2));
        const pullMs = await time(async () => {
          const r = await run(b, 'B');
          if (r.error) throw new Error(`pull: ${r.summary}`);
        });
        await run(a, 'A'); // take B's changes back, unmeasured
        if (round >= 0) {
          push.push(pushMs);
          pull.push(pullMs);
        }
      }
      const size = `${shape.coders} coder${shape.coders > 1 ? 's' : ''} × ${shape.passagesPerCoder.toLocaleString('en')} passages`;
      figures.push(figure(`Sync, ${size}: one coder changes 100 passages: commit + push`, 'ms', push, { target: 2000, judgeBy: 'p50' }));
      figures.push(figure(`Sync, ${size}: the other clone (100 changes of its own): commit + fetch + merge + push`, 'ms', pull, { target: 2000, judgeBy: 'p50' }));
      log(`${size}: push p50 ${figures.at(-2)!.p50} ms, pull+merge p50 ${figures.at(-1)!.p50} ms`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
  return figures;
}

const BEGIN = '<!-- sync:begin -->';
const END = '<!-- sync:end -->';

async function writeSection(file: string, figures: readonly Figure[], load: string) {
  const section = `${BEGIN}
## Sync (issue 15)

Measured by \`npm run bench:sync\` on ${new Date().toISOString().slice(0, 10)}, load average ${load}. Two clones of one bare repository on
this disk (a folder remote; HTTPS adds the network). Each run changes 100 passages (10 in each of 10 documents) of
one coder in clone A and syncs it, then 100 of another coder in clone B and syncs that (B's sync merges A's change
three-way). The 1-coder project is a tenth of the 10-coder one: equal times mean the cost follows the change.

${renderTable(figures)}
${END}
`;
  const text = existsSync(file) ? await readFile(file, 'utf8') : '';
  const at = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  await writeFile(file, at >= 0 && end > at ? text.slice(0, at) + section + text.slice(end + END.length + 1) : `${text.trimEnd()}\n\n${section}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 5);
  const load = await readFile('/proc/loadavg', 'utf8').then((t) => t.split(' ').slice(0, 3).join(' '), () => 'unknown');
  const figures = await syncBench(runs, console.log);
  const file = join(ROOT, 'bench', 'RESULTS.md');
  await writeSection(file, figures, load);
  console.log(`${renderTable(figures)}\n\nWrote the sync section of ${file}.`);
}
