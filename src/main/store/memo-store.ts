// The corpus's memos (document, tag, journal) in one JSON file; the one class that knows how memos are persisted.
//
// Today the file is `corpora/<key>/memos.json` (see layout.ts). When a project folder keeps its own
// data (`.glossator/memos.jsonl`), only this class changes: callers see list/put/remove.
import { z } from 'zod';
import type { Memo } from '../../shared/memos';
import { MAX_MEMO_LENGTH } from '../../shared/limits';
import { GlossatorError } from '../../shared/result';
import { JsonStore, type StoreIo } from './json-store';
import type { DamageReport } from './damage';
import type { CorpusPlace } from './layout';
import { pathsOf } from './path-part';
import { jsonlCodec } from './jsonl';

/** Format version of memos.json; bump it when the stored shape changes. */
export const MEMO_FILE_VERSION = 1;

export interface MemoFile {
  schemaVersion: typeof MEMO_FILE_VERSION;
  memos: Memo[];
}

const subjectSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('document'), docId: z.string().min(1) }),
  z.strictObject({ kind: z.literal('tag'), tagId: z.string().min(1) }),
  z.strictObject({ kind: z.literal('journal') }),
]);

// Typed against the shared interface, so a field added to Memo without a schema change fails to
// compile instead of being stripped on the next save. Bounds match the contract's.
export const memoSchema: z.ZodType<Memo> = z.strictObject({
  id: z.string().min(1),
  subject: subjectSchema,
  text: z.string().max(MAX_MEMO_LENGTH),
  created: z.string().min(1),
  modified: z.string().min(1),
  author: z.string().max(200).optional(),
});

const memoFileSchema: z.ZodType<MemoFile> = z
  .object({ schemaVersion: z.literal(MEMO_FILE_VERSION), memos: z.array(memoSchema) })
  .superRefine((file, ctx) => {
    // Two memos with one id, or two memos of one document or tag, would make edits ambiguous.
    const seen = new Set<string>();
    for (const memo of file.memos) {
      const keys = [`id:${memo.id}`];
      if (memo.subject.kind === 'document') keys.push(`doc:${memo.subject.docId}`);
      if (memo.subject.kind === 'tag') keys.push(`tag:${memo.subject.tagId}`);
      for (const key of keys) {
        if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `two memos share ${key.replace(':', ' ')}` });
        seen.add(key);
      }
    }
  });

/** Today's `{ dataDir, corpusKey }` (memos.json), or `{ paths }` of a project (memos.jsonl, one memo per line). */
export type MemoStoreOptions = CorpusPlace;

/** Header kind of a project's memo file (`glossator-memos/1`). */
export const MEMOS_KIND = 'memos';

/**
 * An unreadable file is never overwritten: every call then answers 'store-unreadable' with what is
 * wrong (JsonStore moves a damaged file aside when the app asks it to, keeping `.bak`/`.bak2`).
 */
export class MemoStore {
  private readonly store: JsonStore<MemoFile>;

  constructor(opts: MemoStoreOptions, io?: StoreIo) {
    const paths = pathsOf(opts);
    this.store = new JsonStore<MemoFile>({
      file: paths.memos,
      schema: memoFileSchema,
      codec:
        paths.layout === 'project'
          ? jsonlCodec<MemoFile, Memo>({
              kind: MEMOS_KIND,
              version: MEMO_FILE_VERSION,
              recordsKey: 'memos',
              recordSchema: memoSchema as z.ZodType<Memo>,
              keyOrder: ['id', 'subject'],
              copyDrafts: true,
            })
          : undefined,
      version: MEMO_FILE_VERSION,
      defaults: () => ({ schemaVersion: MEMO_FILE_VERSION, memos: [] }),
      io,
    });
  }

  get file(): string {
    return this.store.file;
  }

  /** Every memo, in stored order (a copy). */
  async list(): Promise<Memo[]> {
    return (await this.store.read()).memos;
  }

  /**
   * Runs `change` on the memos and writes the result durably; answers what `change` answers. A
   * throw from `change` writes nothing.
   */
  async change<R>(change: (memos: Memo[]) => R): Promise<R> {
    return this.store.update((draft) => change(draft.memos));
  }

  /** Removes memo `id`; answers it. */
  async remove(id: string): Promise<Memo> {
    return this.change((memos) => {
      const at = memos.findIndex((m) => m.id === id);
      if (at < 0) throw new GlossatorError('not-found', 'That memo no longer exists.');
      return memos.splice(at, 1)[0]!;
    });
  }

  /** The damaged memos file found (and where it was moved), or null; known once the file was read. */
  get damage(): DamageReport | null {
    return this.store.damage;
  }

  /** Backup generations that can be restored, newest first, with their memo counts. */
  async backups(): Promise<{ generation: number; savedAt: string; memos: number }[]> {
    return (await this.store.backups()).map((b) => ({ generation: b.generation, savedAt: b.savedAt.toISOString(), memos: b.data.memos.length }));
  }

  /** Puts backup `generation` in place of a damaged memos file (which stays aside); answers the memos. */
  async restoreBackup(generation: number): Promise<Memo[]> {
    return (await this.store.restore(generation)).memos;
  }

  /** Gives up on a damaged memos file (it stays aside) and starts with none. */
  async startEmpty(): Promise<Memo[]> {
    return (await this.store.startEmpty()).memos;
  }

  flush(): Promise<void> {
    return this.store.flush();
  }
}
