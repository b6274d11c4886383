// REFI-QDA users: the coder identity (and any other coder a passage names) as <User>s, credited on every coding,
// selection and note, valid against Project.xsd, and read back as each passage's creator.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderQdpx } from '../../src/main/interop/refi-export';
import { parseQdpx } from '../../src/main/interop/refi-import';
import { ANONYMOUS_USER } from '../../src/main/interop/refi-users';
import { refiGuid } from '../../src/main/interop/refi-xml';
import type { ExportSet } from '../../src/main/export/types';
import { refiFixture, startTags, unzip, validate, type Fixture } from './refi-fixture';

let fx: Fixture;
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'glossator-refi-users-'));
  fx = await refiFixture(tmp);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const ANA = { id: 'ana', name: 'Ana Analyst' };
const guid = (id: string) => refiGuid('user', 'coder', id);

interface Row {
  name: string;
  set: () => ExportSet;
  /** The Users in order, as [guid, name]. */
  users: [string, string][];
  /** Who each exported passage is credited to, by passage id (others: the first user). */
  credited: (id: string) => string;
}

const rows: Row[] = [
  {
    name: 'before the analyst has a coder identity: one "Glossator analyst", as earlier exports',
    set: () => fx.set,
    users: [[ANONYMOUS_USER.guid, 'Glossator analyst']],
    credited: () => 'Glossator analyst',
  },
  {
    name: "this machine's coder credits every passage",
    set: () => ({ ...fx.set, coders: [ANA] }),
    users: [[guid('ana'), 'Ana Analyst']],
    credited: () => 'Ana Analyst',
  },
  {
    name: "a passage from another coder's layer is credited to that coder, a User of its own",
    set: () => ({
      ...fx.set,
      coders: [ANA],
      passages: fx.set.passages.map((p) => (p.id === fx.atStart.id ? { ...p, coderId: 'ben' } : p)),
    }),
    users: [
      [guid('ana'), 'Ana Analyst'],
      [guid('ben'), 'ben'],
    ],
    credited: (id) => (id === fx.atStart.id ? 'ben' : 'Ana Analyst'),
  },
];

describe('Users in a .qdpx', () => {
  it.each(rows)('$name', async ({ name, set, users, credited }) => {
    const exported = set();
    const bytes = renderQdpx(exported, fx.docs).bytes;
    const qde = unzip(bytes)['project.qde']!;
    const file = join(tmp, `${name.slice(0, 12).replace(/\W/g, '-')}.qde`);
    await writeFile(file, qde);
    validate('Project.xsd', file);
    expect(startTags(qde, 'User').map((u) => [u.guid, u.name])).toEqual(users);
    expect(startTags(qde, 'Project')[0]!.creatingUserGUID).toBe(users[0]![0]);
    // Every credit names a User of the project.
    const known = new Set(users.map(([g]) => g));
    for (const tag of ['PlainTextSelection', 'Coding', 'Note', 'TextSource']) {
      for (const el of startTags(qde, tag)) expect(known.has(el.creatingUser!), `${tag} ${el.creatingUser}`).toBe(true);
    }
    // Read back: each passage's creator is the coder it was credited to.
    const parsed = parseQdpx(bytes);
    expect(parsed.passages.length).toBeGreaterThan(0);
    for (const p of parsed.passages) expect(p.creator?.name, p.id).toBe(credited(p.id!));
  });

  it('credits a memo to its author when the memo names one', () => {
    const memo = { id: 'm1', subject: { kind: 'journal' as const }, text: 'Ben’s note.', created: '2026-12-01T09:00:00.000Z', modified: '2026-12-01T09:00:00.000Z', author: 'ben' };
    const qde = unzip(renderQdpx({ ...fx.set, coders: [ANA], memos: [memo] }, fx.docs).bytes)['project.qde']!;
    const note = startTags(qde, 'Note').find((n) => n.name!.startsWith('Journal'))!;
    expect(note.creatingUser).toBe(guid('ben'));
    expect(startTags(qde, 'User').map((u) => u.name)).toEqual(['Ana Analyst', 'ben']);
  });
});
