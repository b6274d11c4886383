// Handlers for the reading state: which blocks are marked read, and the analyst's settings.
import type { Handlers } from '../../../shared/contract';
import type { Settings } from '../../../shared/types';
import { GlossatorError } from '../../../shared/result';
import type { CorpusService } from '../corpus-service';
import type { CoverageService } from '../coverage-service';
import type { SettingsService } from '../settings-service';

export interface ReadingDeps {
  corpus: CorpusService;
  coverage: CoverageService;
  settings: SettingsService;
}

type ReadingMethods = 'getCoverage' | 'setCoverage' | 'getSettings' | 'updateSettings';

export function readingHandlers(deps: ReadingDeps): Pick<Handlers, ReadingMethods> {
  const { corpus, coverage, settings } = deps;

  // The stored last document may have left the corpus since (or the corpus folder changed): the
  // renderer would then open a document that fails to load, so it is answered as "none".
  const current = (s: Settings): Settings => {
    if (s.lastDocId !== null && !corpus.all().some((d) => d.id === s.lastDocId)) return { ...s, lastDocId: null };
    return s;
  };

  return {
    getCoverage: async ({ docId }) => coverage.get(corpus.get(docId)),
    setCoverage: async ({ docId, blocks, read }) => coverage.set(corpus.get(docId), blocks, read),
    getSettings: async () => current(await settings.get()),
    updateSettings: async (patch) => {
      // Checked before anything is written: settings must not point at documents that do not exist.
      if (patch.lastDocId) corpus.get(patch.lastDocId);
      if (patch.scroll) {
        const doc = corpus.get(patch.scroll.docId);
        if (patch.scroll.block >= Math.max(doc.blocks.length, 1)) {
          throw new GlossatorError(
            'invalid-argument',
            `Document "${doc.id}" has ${doc.blocks.length} blocks; there is no block ${patch.scroll.block} to scroll to.`,
          );
        }
      }
      return current(await settings.update(patch));
    },
  };
}
