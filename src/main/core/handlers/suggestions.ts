// Handlers for suggestions: list, accept, reject, undo, per-tag settings and the optional local model.
import type { Handlers } from '../../../shared/contract';
import type { SuggestionService } from '../suggestion-service';
import type { LazyService } from '../lazy-service';

type SuggestionMethods = 'getSuggestions' | 'acceptSuggestion' | 'rejectSuggestion' | 'undoSuggestionDecision' | 'updateSuggestTag' | 'getLocalModel' | 'updateLocalModel' | 'getSuggestTags' | 'testLocalModel';

export function suggestionHandlers({ suggestions }: { suggestions: LazyService<SuggestionService> }): Pick<Handlers, SuggestionMethods> {
  const service = () => suggestions.get();
  return {
    getSuggestions: async ({ docId, tagIds, from }) => (await service()).list(docId, tagIds, from),
    acceptSuggestion: async (args) => (await service()).accept(args),
    rejectSuggestion: async (args) => (await service()).reject(args),
    undoSuggestionDecision: async ({ decisionId }) => (await service()).undo(decisionId),
    updateSuggestTag: async (patch) => (await service()).updateTag(patch),
    getLocalModel: async () => (await service()).localModel(),
    updateLocalModel: async (patch) => (await service()).setLocalModel(patch),
    getSuggestTags: async () => (await service()).tagStates(),
    testLocalModel: async (args) => (await service()).testLocalModel(args),
  };
}
