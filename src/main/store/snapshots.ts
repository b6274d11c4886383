// Content-addressed copies of documents' normalised text, so re-anchoring can diff old text against new.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GlossatorError } from '../../shared/result';
import { pathsOf } from './path-part';
import type { CorpusPlace } from './layout';
import { WriteFailedError, describeOsError, writeDurably } from './durable-write';
import { hashText } from '../corpus/corpus';

/** Today's `{ dataDir, corpusKey }`, or `{ paths }` of a project (its shared snapshots folder). */
export type SnapshotStoreOptions = CorpusPlace;

// Annotations record "sha256:<hex>"; the bare hex is accepted too. Anything else is refused
// before it can become part of a path.
const HASH = /^(?:sha256:)?([0-9a-f]{64})$/;

function hexOf(hash: string): string {
  const m = HASH.exec(hash);
  if (!m) throw new GlossatorError('invalid-argument', `Not a content hash: ${JSON.stringify(hash)}.`);
  return m[1]!;
}

/**
 * Snapshots live in the corpus's snapshots folder (see layout.ts) as `<sha256 hex>.txt`, one per distinct
 * text that some annotation was made on. The name is the hash of the content, so a file never
 * changes once written and a copy of the folder can be checked file by file.
 *
 * A snapshot is an aid, not a record: a missing or damaged one only costs the diff step of
 * re-anchoring (the quote search still runs), so load() answers null rather than failing.
 */
export class SnapshotStore {
  private readonly dir: string;
  // Hashes known to be on disk intact (written or verified in this session): save() is a no-op
  // for them, so creating many passages on one document costs one write.
  private readonly saved = new Set<string>();
  private readonly pending = new Map<string, Promise<void>>();

  constructor(opts: SnapshotStoreOptions) {
    this.dir = pathsOf(opts).snapshots;
  }

  /** Path of the snapshot for a hash (for messages and tests). */
  fileOf(hash: string): string {
    return join(this.dir, `${hexOf(hash)}.txt`);
  }

  /**
   * Writes `text` for `hash` durably unless it is already there. Refuses a text that does not
   * hash to `hash`: a mislabelled snapshot would be diffed against as if it were the old text.
   */
  async save(hash: string, text: string): Promise<void> {
    const hex = hexOf(hash);
    if (this.saved.has(hex)) return;
    if (hashText(text) !== `sha256:${hex}`) {
      throw new GlossatorError('invalid-argument', `The text does not have content hash sha256:${hex}.`);
    }
    // Concurrent saves of one hash share the write.
    let run = this.pending.get(hex);
    if (!run) {
      run = this.write(hex, text).finally(() => this.pending.delete(hex));
      this.pending.set(hex, run);
    }
    await run;
  }

  private async write(hex: string, text: string): Promise<void> {
    // A previous session may have written it already: reading 25 KB is cheaper than an fsync.
    if ((await this.load(hex)) !== null) return;
    const file = join(this.dir, `${hex}.txt`);
    try {
      // No backups: the name is the content's hash, so a snapshot never changes once written.
      await writeDurably(file, Buffer.from(text, 'utf8'));
    } catch (err) {
      const cause = err instanceof WriteFailedError ? err.cause : err;
      throw new GlossatorError('io-error', `Could not save a copy of the document text to ${file}: ${describeOsError(cause)}.`);
    }
    this.saved.add(hex);
  }

  /** The text saved for `hash`, or null when there is none or the file does not hash to its name. */
  async load(hash: string): Promise<string | null> {
    const hex = hexOf(hash);
    let text: string;
    try {
      // fatal: bytes that are not UTF-8 are damage, not text to diff against.
      text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(join(this.dir, `${hex}.txt`)));
    } catch {
      // Missing, unreadable or undecodable: all the same to the caller, which falls back to the
      // quote search. Nothing is lost; that passage just re-anchors without the diff step.
      this.saved.delete(hex);
      return null;
    }
    if (hashText(text) !== `sha256:${hex}`) {
      // Truncated or altered on disk. Forget it was saved, so the next save() rewrites it.
      this.saved.delete(hex);
      return null;
    }
    this.saved.add(hex);
    return text;
  }
}
