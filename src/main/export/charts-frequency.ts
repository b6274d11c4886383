// Frequency chart: one stacked horizontal bar per document, a segment per tag in codebook order.
import { countsBySeries, type ChartData } from './charts-data';
import {
  CHART_WIDTH,
  emptyChart,
  INK,
  legend,
  line,
  plural,
  rect,
  svgFrame,
  text,
  textOn,
  textWidth,
  truncate,
} from './charts-svg';

const TITLE = 'Passages per tag in each document';
const PAD = 16;
const LABEL_WIDTH = 250;
const ROW = 28;
const BAR = 18;
/** Room right of the longest bar for its total. */
const TOTAL_WIDTH = 40;

export function frequencyChart(data: ChartData): string {
  if (data.passageCount === 0) return emptyChart('frequency', TITLE, 'No passages selected');
  const width = CHART_WIDTH;
  const x0 = PAD + LABEL_WIDTH + 12;
  const plot = width - PAD - TOTAL_WIDTH - x0;
  const key = legend(data.series, PAD, PAD, width - 2 * PAD);
  const top = PAD + key.height + 10;
  const counts = data.rows.map((row) => countsBySeries(row, data.series));
  const totals = counts.map((c) => c.reduce((a, b) => a + b, 0));
  const { max, step } = niceScale(Math.max(...totals));
  const scale = plot / max;
  const bottom = top + data.rows.length * ROW;

  const body = [...key.body, ...grid(x0, top, bottom, max, step, scale)];
  data.rows.forEach((row, r) => {
    const y = top + r * ROW + (ROW - BAR) / 2;
    const maxChars = Math.floor(LABEL_WIDTH / textWidth('x', 12));
    body.push(text(x0 - 12, y + BAR / 2 + 4, truncate(row.title, maxChars), { anchor: 'end', tooltip: row.title }));
    let x = x0;
    data.series.forEach((series, s) => {
      const count = counts[r]?.[s] ?? 0;
      if (count === 0) return;
      const w = count * scale;
      const segment = `fill="${series.color}" stroke="${INK.paper}" stroke-width="1"`;
      body.push(rect(x, y, w, BAR, segment, `${row.title} — ${series.name}: ${count}`));
      // A count only where it fits inside its segment; the tooltip and the description carry every count.
      if (textWidth(String(count), 11) + 6 <= w) {
        const style = { anchor: 'middle', size: 11, fill: textOn(series.color) } as const;
        body.push(text(x + w / 2, y + BAR / 2 + 4, String(count), style));
      }
      x += w;
    });
    body.push(text(x + 6, y + BAR / 2 + 4, String(totals[r] ?? 0), { size: 11, fill: INK.muted, weight: 600 }));
  });

  let height = bottom + 32;
  const axis = 'Passages (a passage with several tags counts under each)';
  body.push(text(x0 + plot / 2, height, axis, { anchor: 'middle', size: 11, fill: INK.muted }));
  if (data.idle > 0) {
    height += 18;
    const idle = `Not shown: ${plural(data.idle, 'document')} without selected passages.`;
    body.push(text(PAD, height, idle, { size: 11, fill: INK.muted }));
  }
  return svgFrame({ kind: 'frequency', width, height: height + PAD, title: TITLE, desc: describe(data, counts), body });
}

/** Vertical gridlines with their values under the plot, so bar lengths can be read without the counts. */
function grid(x0: number, top: number, bottom: number, max: number, step: number, scale: number): string[] {
  const lines: string[] = [];
  for (let v = 0; v <= max; v += step) {
    const x = x0 + v * scale;
    const stroke = v === 0 ? INK.rule : INK.grid;
    lines.push(line(x, top, x, bottom, `stroke="${stroke}" stroke-width="1"`));
    lines.push(text(x, bottom + 14, String(v), { anchor: 'middle', size: 10, fill: INK.muted }));
  }
  return lines;
}

/** A round axis maximum and step (1, 2 or 5 × 10ⁿ) giving about five gridlines; counts are whole numbers. */
function niceScale(maxValue: number): { max: number; step: number } {
  const raw = Math.max(1, maxValue) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, ([1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude));
  return { max: Math.max(step, Math.ceil(Math.max(1, maxValue) / step) * step), step };
}

/** The data in words for screen readers: every document with its counts per tag. */
function describe(data: ChartData, counts: number[][]): string {
  const rows = data.rows.map((row, r) => {
    const parts = data.series.flatMap((s, i) => ((counts[r]?.[i] ?? 0) > 0 ? [`${s.name} ${counts[r]?.[i]}`] : []));
    return `${row.title}: ${parts.join(', ')} (${plural(row.passages.length, 'passage')}).`;
  });
  const verb = data.idle === 1 ? 'is' : 'are';
  const idle = data.idle > 0 ? [`${plural(data.idle, 'other document')} without selected passages ${verb} not shown.`] : [];
  return [
    `Stacked bar chart of ${plural(data.passageCount, 'passage')} in ${plural(data.rows.length, 'document')}, ` +
      `one bar per document, one segment per tag (${data.series.map((s) => s.name).join(', ')}); ` +
      'a passage with several tags counts under each.',
    ...rows,
    ...idle,
  ].join(' ');
}
