// The digest's three charts in the one order every view shows them, each with its caption: preview, HTML and PDF.
import type { Charts } from './types';

export interface ChartFigure {
  chart: keyof Charts;
  /** "Figure n." is put before it where the figures are numbered. */
  title: string;
  /** How to read the chart. */
  detail: string;
}

/** The two per-document charts first, then the tag × tag matrix. */
export const CHART_FIGURES: readonly ChartFigure[] = [
  {
    chart: 'frequency',
    title: 'Passages per tag in each document.',
    detail: 'Segments follow the codebook order; a passage with several tags counts under each.',
  },
  {
    chart: 'distribution',
    title: 'Where passages fall in each document.',
    detail: 'One lane per tag; each mark spans a passage, from the start (0%) to the end (100%) of the text.',
  },
  {
    chart: 'cooccurrence',
    title: 'Tags sharing a passage.',
    detail: 'Read along a row: how many of that tag’s passages also carry the tag of each column.',
  },
];
