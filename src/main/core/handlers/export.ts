// Handlers for the digest: build it for preview, and save it where the analyst chooses.
import { basename } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Handlers } from '../../../shared/contract';
import type { DigestGroupBy, PlacedAnnotation } from '../../../shared/types';
import { GlossatorError } from '../../../shared/result';
import { buildDigest, digestFileName } from '../../export/digest';
import type { TagStore } from '../../store/tag-store';
import type { AnnotationService, Clock } from '../annotation-service';
import type { CorpusService } from '../corpus-service';

/** Where a saved file goes: a native dialog in Electron, a chosen path in tests and tools. */
export interface SaveTarget {
  chooseSavePath(suggestedName: string): Promise<string | null>;
}

export interface ExportDeps {
  corpus: CorpusService;
  annotations: AnnotationService;
  tags: TagStore;
  clock: Clock;
  saveTarget: SaveTarget;
}

export function exportHandlers(deps: ExportDeps): Pick<Handlers, 'buildDigest' | 'saveDigest'> {
  async function digest(groupBy: DigestGroupBy) {
    const all: PlacedAnnotation[] = [];
    for (const doc of deps.corpus.all()) all.push(...(await deps.annotations.list(doc.id)));
    const now = deps.clock.now();
    const documents = [...deps.corpus.all()];
    const built = buildDigest({ documents, tags: await deps.tags.list(), annotations: all, groupBy, now });
    return { ...built, suggestedName: digestFileName(now, groupBy) };
  }

  return {
    buildDigest: async ({ groupBy }) => digest(groupBy),
    saveDigest: async ({ groupBy }) => {
      const built = await digest(groupBy);
      const path = await deps.saveTarget.chooseSavePath(built.suggestedName);
      if (!path) throw new GlossatorError('cancelled', 'The digest was not saved.');
      try {
        await writeFileAtomic(path, built.markdown, { encoding: 'utf8', fsync: true });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
        throw new GlossatorError('io-error', `Could not save the digest as ${basename(path)} (${code}).`);
      }
      return { path, bytes: Buffer.byteLength(built.markdown) };
    },
  };
}
