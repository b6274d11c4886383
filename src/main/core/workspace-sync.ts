// Brings the open corpus up to date with its folder after the watcher saw files change, and says what that did to passages.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CorpusChangeReport, PlacedAnnotation } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import { loadDocument, readManifest, type ManifestEntry } from '../corpus/corpus';
import type { AnnotationStore } from '../store/annotation-store';
import type { AnnotationService } from './annotation-service';
import type { LiveCorpus } from './live-corpus';

/** What a folder sync changes (the live corpus) and reads to report on passages. */
export interface SyncTarget {
  live: LiveCorpus;
  annotations: Pick<AnnotationService, 'list'>;
  store: Pick<AnnotationStore, 'list'>;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The manifest's entries, so a reloaded file keeps the title it listed; none when it cannot be read. */
async function manifestOf(dir: string, warn: (message: string) => void): Promise<Map<string, ManifestEntry>> {
  try {
    return await readManifest(dir);
  } catch (error) {
    warn(error instanceof Error ? error.message : String(error));
    return new Map();
  }
}

/** A document whose annotation file cannot be read counts no passages here; the document list flags it. */
async function orNone<T>(read: () => Promise<T[]>): Promise<T[]> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof GlossatorError && error.code === 'store-unreadable') return [];
    throw error;
  }
}

/**
 * Looks at what the folder holds now for each touched file name: a file there is (re)loaded, a
 * file gone takes its document out of the corpus. Answers null when nothing changed for the
 * analyst (a save with the same text, a scratch file come and gone).
 *
 * A file that cannot be read (half-copied, or saved in another encoding) is reported through
 * `warn` and otherwise left alone: a changed file keeps its last good text, so its passages are
 * not orphaned by a save that failed to parse; the next save that reads tries again.
 */
export async function syncFolder(
  { live, annotations, store }: SyncTarget,
  names: readonly string[],
  warn: (message: string) => void,
): Promise<CorpusChangeReport | null> {
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  // Files that became unreadable, or readable again: the analyst's list of them changes too.
  const problems: string[] = [];
  const manifest = await manifestOf(live.dir, warn);
  for (const name of names) {
    if (!(await isFile(join(live.dir, name)))) {
      if (live.setProblem(name, null)) problems.push(name);
      const gone = live.bySource(name);
      if (gone !== undefined && live.drop(gone.id)) removed.push(gone.id);
      continue;
    }
    try {
      const id = live.idFor(name);
      if (id === null) throw new GlossatorError('invalid-argument', `${name} was not loaded: no document id is free for it; rename it.`);
      const doc = await loadDocument(live.dir, name, manifest.get(name), id);
      const outcome = live.admit(doc);
      if (live.setProblem(name, null)) problems.push(name);
      if (outcome === 'added') added.push(doc.id);
      if (outcome === 'changed') changed.push(doc.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (live.setProblem(name, message)) problems.push(name);
      warn(message);
    }
  }
  if (added.length + changed.length + removed.length + problems.length === 0) return null;

  const passages = { anchored: 0, moved: 0, needsReview: 0, orphaned: 0 };
  // Added documents count too: a file put back brings its old passages with it.
  for (const docId of [...added, ...changed]) {
    const placed: PlacedAnnotation[] = await orNone(() => annotations.list(docId));
    for (const p of placed) {
      if (p.state === 'anchored') passages.anchored++;
      else if (p.state === 'moved') passages.moved++;
      else if (p.state === 'needs-review') passages.needsReview++;
    }
  }
  for (const docId of removed) passages.orphaned += (await orNone(() => store.list(docId))).length;
  return { added, changed, removed, passages, ...(problems.length > 0 ? { problems } : {}) };
}
