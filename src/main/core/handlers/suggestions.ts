// Handlers for suggestions: list, accept, reject, undo, per-tag settings and the optional local model.
import type { Handlers } from '../../../shared/contract';
import type { SuggestionService } from '../suggestion-service';

type SuggestionMethods = 'getSuggestions' | 'acceptSuggestion' | 'rejectSuggestion' | 'undoSuggestionDecision' | 'updateSuggestTag' | 'getLocalModel' | 'updateLocalModel';

export function suggestionHandlers({ suggestions }: { suggestions: SuggestionService }): Pick<Handlers, SuggestionMethods> {
  return {
    getSuggestions: async ({ docId, tagIds, from }) => suggestions.list(docId, tagIds, from),
    acceptSuggestion: async (args) => suggestions.accept(args),
    rejectSuggestion: async (args) => suggestions.reject(args),
    undoSuggestionDecision: async ({ decisionId }) => suggestions.undo(decisionId),
    updateSuggestTag: async (patch) => suggestions.updateTag(patch),
    getLocalModel: async () => suggestions.localModel(),
    updateLocalModel: async (patch) => suggestions.setLocalModel(patch),
  };
}
