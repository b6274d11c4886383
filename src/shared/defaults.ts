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
 * Colours offered to new and imported tags, in the order they are suggested. The first three are the
 * default tags' (Okabe–Ito); the rest were chosen so that every pair differs by at least ΔE2000 20 as a
 * full colour and 10 as the reader's tint on light and dark paper, and each keeps 3:1 contrast against
 * both papers (the underline bands that mark a passage's tags are graphics, WCAG 1.4.11). Okabe–Ito's
 * sky blue and yellow did not: the sky blue was a tint away from Hedging's blue, the yellow and orange
 * vanished on light paper. `test/unit/palette.test.ts` measures all of it.
 */
export const TAG_PALETTE: readonly string[] = Object.freeze(['#009e73', '#d55e00', '#0072b2', '#cc3d7a', '#9060d8', '#948000', '#7a7a7a']);

/** The palette colour used least by `colors` (the first such in palette order). */
export function suggestColor(colors: readonly string[]): string {
  const uses = (c: string) => colors.filter((x) => x.toLowerCase() === c).length;
  return TAG_PALETTE.reduce((best, c) => (uses(c) < uses(best) ? c : best), TAG_PALETTE[0]!);
}

/** Colours offered to coders (Okabe–Ito, told apart with colour-blindness too); the first is the default. */
export const CODER_COLOURS: readonly string[] = Object.freeze(['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000']);
