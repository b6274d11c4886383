// Handler for corpus search: validated arguments to the search index, once the index is filled.
import type { Handlers } from '../../../shared/contract';
import type { SearchIndex } from '../../search/search-index';

export interface SearchDeps {
  index: SearchIndex;
}

export function searchHandlers({ index }: SearchDeps): Pick<Handlers, 'search'> {
  return {
    search: async ({ query, wholeWord, caseSensitive, diacriticSensitive, docId }) => {
      // The index fills in slices after a corpus opens; waiting here keeps the main process
      // answering meanwhile, where searching at once would index the rest in one blocking go.
      await index.ready;
      return index.search(query, { wholeWord, caseSensitive, diacriticSensitive }, docId === undefined ? {} : { docId });
    },
  };
}
