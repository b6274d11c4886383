// Handler for corpus search: validated arguments straight to the search index.
import type { Handlers } from '../../../shared/contract';
import type { SearchIndex } from '../../search/search-index';

export interface SearchDeps {
  index: SearchIndex;
}

export function searchHandlers({ index }: SearchDeps): Pick<Handlers, 'search'> {
  return {
    search: async ({ query, wholeWord, caseSensitive, diacriticSensitive }) =>
      index.search(query, { wholeWord, caseSensitive, diacriticSensitive }),
  };
}
