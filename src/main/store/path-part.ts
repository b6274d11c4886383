// Names that become file and folder names (document ids, corpus keys, coder ids), checked before they touch the disk; and where a corpus's stores live.
import { GlossatorError } from '../../shared/result';
import { type CorpusPaths, type CorpusPlace, corpusPaths } from './layout';

// docId and corpusKey become file and folder names: a strict pattern rules out traversal ("..",
// separators), hidden files and over-long names before anything touches the disk.
export const PATH_PART = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** Throws 'invalid-argument' unless `value` is safe to use as one path component. */
export function assertPathPart(what: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !PATH_PART.test(value)) {
    throw new GlossatorError(
      'invalid-argument',
      `Invalid ${what} ${JSON.stringify(value)}: use 1–128 letters, digits, "_" or "-", starting with a letter or digit.`,
    );
  }
}

/** The paths of a corpus's stores; a data-folder key is checked first. */
export function pathsOf(place: CorpusPlace): CorpusPaths {
  if ('paths' in place) return place.paths;
  assertPathPart('corpus key', place.corpusKey);
  return corpusPaths(place.dataDir, place.corpusKey);
}
