// What every export format renders from: the selected passages with their documents, codebook and options.
import type { DigestOptions, GlossDocument, PlacedAnnotation, Tag } from '../../shared/types';
import type { Memo } from '../../shared/memos';

export interface ExportSet {
  /** Documents in corpus order: every document the options allow (even those without passages). */
  documents: readonly GlossDocument[];
  /** The codebook, in its order. */
  tags: readonly Tag[];
  /** The selected passages, in corpus order then reading order (needs-review last within a document). */
  passages: readonly PlacedAnnotation[];
  options: DigestOptions;
  /** Injected clock reading: exports never read the clock themselves, so output is reproducible. */
  now: Date;
  generator: { name: string; version: string };
  /** The corpus's memos (documents, tags, journal); the digests and REFI-QDA export show them per the options. */
  memos?: readonly Memo[];
  /**
   * Who coded: this machine's coder first (the author of passages and memos that name none), then
   * any other coder the passages name. Absent or empty before the analyst has a coder identity.
   */
  coders?: readonly ExportCoder[];
}

/** A coder as exports name them (REFI-QDA `<User>`). */
export interface ExportCoder {
  id: string;
  name: string;
}

export { DEFAULT_DIGEST_OPTIONS as DEFAULT_OPTIONS } from '../../shared/defaults';
