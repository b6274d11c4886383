// Defaults stated once for main and renderer: settings, digest options, and the palette new tags draw from.
import type { DigestOptions, Settings } from './types';

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  theme: 'system',
  panes: Object.freeze({ left: 260, right: 340 }),
  lastDocId: null,
  scroll: Object.freeze({}),
});

/** What the digest builder starts with, and what an export without options means. */
export const DEFAULT_DIGEST_OPTIONS: Readonly<DigestOptions> = Object.freeze({
  groupBy: 'tag',
  tagIds: [],
  docIds: [],
  text: '',
  includeNotes: true,
  hashtags: false,
  bom: false,
  includeMemos: true,
  includeJournal: true,
});

/**
 * Colours offered to new and imported tags, in the order they are suggested: Okabe–Ito, which stay
 * distinguishable with the common colour-vision deficiencies (the default tags use three of them).
 */
export const TAG_PALETTE: readonly string[] = Object.freeze(['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7']);

/** The palette colour used least by `colors` (the first such in palette order). */
export function suggestColor(colors: readonly string[]): string {
  const uses = (c: string) => colors.filter((x) => x.toLowerCase() === c).length;
  return TAG_PALETTE.reduce((best, c) => (uses(c) < uses(best) ? c : best), TAG_PALETTE[0]!);
}
