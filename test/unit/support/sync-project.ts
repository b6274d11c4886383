// Project folders for sync tests: the `.glossator/` layout with JSONL data files, written and read as the app does
// (header line, records sorted by id), plus command-line git for checking what a real git client sees.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sync, type SyncOptions, type SyncReport } from '../../../src/main/sync/sync';
import { MemorySecretStore } from '../../../src/main/sync/secret-store';

export interface Passage {
  id: string;
  docId: string;
  note: string;
  tagIds: string[];
}

const HEADERS = { passages: '{"format":"glossator-passages/1"}', codebook: '{"format":"glossator-codebook/1"}' };

export function writeJsonl(file: string, header: string, records: Array<{ id: string }>): void {
  mkdirSync(dirname(file), { recursive: true });
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  writeFileSync(file, [header, ...sorted.map((r) => JSON.stringify(r))].join('\n') + '\n');
}

export function readJsonl<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => JSON.parse(l) as T);
}

export const passageFile = (dir: string, coder: string, doc: string) => join(dir, '.glossator', 'coders', coder, 'passages', `${doc}.jsonl`);

export function setPassages(dir: string, coder: string, doc: string, passages: Passage[]): void {
  writeJsonl(passageFile(dir, coder, doc), HEADERS.passages, passages);
}

export function passages(dir: string, coder: string, doc: string): Passage[] {
  return readJsonl<Passage>(passageFile(dir, coder, doc));
}

export function setCodebook(dir: string, tags: Array<{ id: string; name: string; color: string }>): void {
  writeJsonl(join(dir, '.glossator', 'codebook.jsonl'), HEADERS.codebook, tags);
}

export const passage = (id: string, note = '', docId = 'doc-a'): Passage => ({ id, docId, note, tagIds: ['friction'] });

/** A fresh project folder for a coder: project.json, coder.json, a document and a codebook. */
export function makeProject(dir: string, coder: string, name = coder): void {
  mkdirSync(join(dir, '.glossator', 'coders', coder), { recursive: true });
  writeFileSync(join(dir, '.glossator', 'coders', coder, 'coder.json'), JSON.stringify({ id: coder, name, color: '#336699' }, null, 2) + '\n');
  if (!existsSync(join(dir, '.glossator', 'project.json'))) {
    writeFileSync(join(dir, '.glossator', 'project.json'), JSON.stringify({ format: 'glossator-project/1', id: 'p1', name: 'Team', created: '2026-01-01T00:00:00Z' }, null, 2) + '\n');
    writeFileSync(join(dir, 'doc-a.txt'), 'Russia and Iran cooperate, with friction.\n');
    setCodebook(dir, [{ id: 'friction', name: 'Friction', color: '#cc3333' }]);
  }
}

export function gitCli(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export const fixedClock = () => new Date('2026-03-01T12:00:00Z');

/** A sync as coder `coder` (their name as author), with progress phases collected. */
export async function syncAs(dir: string, coder: string, extra: Partial<SyncOptions> = {}): Promise<SyncReport & { phases: string[] }> {
  const phases: string[] = [];
  const report = await sync({
    dir,
    author: { name: coder, email: `${coder}@example.invalid` },
    secrets: new MemorySecretStore(),
    now: fixedClock,
    onProgress: (p) => phases.push(p.phase),
    ...extra,
  });
  return { ...report, phases };
}
