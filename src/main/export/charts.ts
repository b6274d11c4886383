// The export charts as standalone SVG strings: tag frequency per document, tag co-occurrence, and distribution.
//
// Pure and deterministic: the same ExportSet always gives the same bytes. Layout lives in
// charts-frequency/-matrix/-distribution.ts, shared markup in charts-svg.ts, the counting in charts-data.ts.
import type { Charts } from '../../shared/types';
import { chartData } from './charts-data';
import { distributionChart } from './charts-distribution';
import { frequencyChart } from './charts-frequency';
import { cooccurrenceChart } from './charts-matrix';
import type { ExportSet } from './types';

export function buildCharts(set: ExportSet): Charts {
  const data = chartData(set);
  return {
    frequency: frequencyChart(data),
    cooccurrence: cooccurrenceChart(data),
    distribution: distributionChart(data),
  };
}
