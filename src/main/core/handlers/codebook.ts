// Handlers for the codebook editor: create, edit, move (and so reorder), merge, delete and restore tags.
import type { Handlers } from '../../../shared/contract';
import type { CodebookService } from '../codebook-service';

export interface CodebookHandlerDeps {
  codebook: CodebookService;
}

type CodebookMethods = 'createTag' | 'updateTag' | 'mergeTags' | 'deleteTag' | 'restoreTag' | 'moveTag' | 'placeTags';

export function codebookHandlers({ codebook }: CodebookHandlerDeps): Pick<Handlers, CodebookMethods> {
  return {
    createTag: async (args) => codebook.createTag(args),
    updateTag: async (args) => codebook.updateTag(args),
    mergeTags: async (args) => codebook.mergeTags(args),
    deleteTag: async (args) => codebook.deleteTag(args),
    restoreTag: async (args) => codebook.restoreTag(args),
    moveTag: async (args) => codebook.moveTag(args),
    placeTags: async (args) => codebook.placeTags(args),
  };
}
