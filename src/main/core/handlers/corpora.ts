// Handlers for corpora: list and open corpus folders, describe documents, choose and import documents.
import { basename } from 'node:path';
import type { Handlers, Results } from '../../../shared/contract';
import type { CorpusInfo } from '../../../shared/types';
import { GlossatorError } from '../../../shared/result';
import { importDocument } from '../document-import';
import type { LiveCorpus } from '../live-corpus';
import type { PathGrants } from '../path-grants';
import type { OpenTarget } from '../ports';

export interface CorporaDeps {
  list(): Promise<Results['listCorpora']>;
  /** Opens the folder at `path` (absolute) and makes it the open corpus. */
  open(path: string): Promise<CorpusInfo>;
  /** The folder of a corpus main already knows (the open, bundled or a recent one) by its key; null if none. */
  folderOf(key: string): Promise<string | null>;
  openTarget: OpenTarget;
}

/** The calls about corpora as a whole, answered by the core (they outlive any one corpus). */
export function corporaHandlers(deps: CorporaDeps): Pick<Handlers, 'listCorpora' | 'openCorpus'> {
  return {
    listCorpora: async () => deps.list(),
    // The renderer names a corpus by key, never by path: only folders main knows or its dialog chose open.
    openCorpus: async ({ key }) => {
      if (key !== undefined) {
        const known = await deps.folderOf(key);
        if (known === null) {
          throw new GlossatorError('not-found', 'That corpus is no longer in the recent list; open its folder again.');
        }
        return deps.open(known);
      }
      const chosen = await deps.openTarget.chooseFolder();
      if (chosen === null) throw new GlossatorError('cancelled', 'No corpus was opened.');
      return deps.open(chosen);
    },
  };
}

export interface CorpusDocumentDeps {
  live: LiveCorpus;
  openTarget: OpenTarget;
  grants: PathGrants;
}

// Base64 as btoa writes it; Buffer.from would silently skip anything else and import garbage.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The calls about the open corpus's documents: their details and bringing new ones in. */
export function corpusDocumentHandlers(
  deps: CorpusDocumentDeps,
): Pick<Handlers, 'updateMetadata' | 'chooseDocumentFiles' | 'importDocument'> {
  const { live, grants } = deps;
  return {
    updateMetadata: async (args) => live.describe(args),
    // Paths stay in main: the renderer gets a one-use token per file, and the name to show.
    chooseDocumentFiles: async () => ({
      files: (await deps.openTarget.chooseFiles()).map((path) => ({ token: grants.grant(path), name: basename(path) })),
    }),
    importDocument: async (args) => {
      if ('token' in args) return importDocument(live, { path: grants.take(args.token) });
      if (args.base64.length % 4 !== 0 || !BASE64.test(args.base64)) {
        throw new GlossatorError('invalid-argument', `The contents of ${args.name} did not arrive intact; try adding it again.`);
      }
      return importDocument(live, { name: args.name, bytes: Buffer.from(args.base64, 'base64') });
    },
  };
}
