// Handlers for corpora: list and open corpus folders, describe documents, choose and import documents.
import type { Handlers, Results } from '../../../shared/contract';
import type { CorpusInfo } from '../../../shared/types';
import { GlossatorError } from '../../../shared/result';
import { importDocument } from '../document-import';
import type { Workspace } from '../workspace';
import type { OpenTarget } from './export';

export interface CorporaDeps {
  list(): Promise<Results['listCorpora']>;
  /** Opens the folder at `path` (absolute) and makes it the open corpus. */
  open(path: string): Promise<CorpusInfo>;
  openTarget: OpenTarget;
}

/** The calls about corpora as a whole, answered by the core (they outlive any one corpus). */
export function corporaHandlers(deps: CorporaDeps): Pick<Handlers, 'listCorpora' | 'openCorpus'> {
  return {
    listCorpora: async () => deps.list(),
    openCorpus: async ({ path }) => {
      const chosen = path ?? (await deps.openTarget.chooseFolder());
      if (chosen === null) throw new GlossatorError('cancelled', 'No corpus was opened.');
      return deps.open(chosen);
    },
  };
}

export interface CorpusDocumentDeps {
  workspace: Workspace;
  openTarget: OpenTarget;
}

// Base64 as btoa writes it; Buffer.from would silently skip anything else and import garbage.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The calls about the open corpus's documents: their details and bringing new ones in. */
export function corpusDocumentHandlers(
  deps: CorpusDocumentDeps,
): Pick<Handlers, 'updateMetadata' | 'chooseDocumentFiles' | 'importDocument'> {
  const { workspace } = deps;
  return {
    updateMetadata: async (args) => workspace.describe(args),
    chooseDocumentFiles: async () => ({ paths: await deps.openTarget.chooseFiles() }),
    importDocument: async (args) => {
      if ('path' in args) return importDocument(workspace, { path: args.path });
      if (args.base64.length % 4 !== 0 || !BASE64.test(args.base64)) {
        throw new GlossatorError('invalid-argument', `The contents of ${args.name} did not arrive intact; try adding it again.`);
      }
      return importDocument(workspace, { name: args.name, bytes: Buffer.from(args.base64, 'base64') });
    },
  };
}
