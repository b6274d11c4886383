// Distribution chart: where each tag's passages fall along each document, one lane per tag.
import { citeParts } from './citation';
import type { ChartData, ChartPassage, DocumentRow, Series } from './charts-data';
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
  textWidth,
  truncate,
} from './charts-svg';

const TITLE = 'Where passages fall in each document';
const PAD = 16;
const LANE = 8;
const LANE_GAP = 2;
const TITLE_ROW = 20;
const ROW_GAP = 14;
const SUNKEN = '#f4f2ed';

export function distributionChart(data: ChartData): string {
  if (data.passageCount === 0) return emptyChart('distribution', TITLE, 'No passages selected');
  const width = CHART_WIDTH;
  const x0 = PAD;
  const plot = width - 2 * PAD;
  const key = legend(data.series, x0, PAD, plot);
  // Every row reserves a lane for every series, so a lane means the same tag in every row.
  const lanes = data.series.length * (LANE + LANE_GAP) + LANE_GAP;
  const rowHeight = TITLE_ROW + lanes + ROW_GAP;
  const top = PAD + key.height + 12;
  const bottom = top + data.rows.length * rowHeight - ROW_GAP;

  // Bands first, then the quarter guides over them, then the ticks on top of both.
  const rows = data.rows.map((row, r) => documentRow(row, data.series, x0, plot, top + r * rowHeight, lanes));
  const bands = data.rows.map((_, r) => top + r * rowHeight + TITLE_ROW);
  const body = [
    ...key.body,
    ...rows.flatMap((r) => r.back),
    ...quarterLines(x0, plot, bands, lanes, bottom),
    ...rows.flatMap((r) => r.ticks),
  ];

  let height = bottom + 30;
  const axis = 'Position in the document (start of each passage)';
  body.push(text(x0 + plot / 2, height, axis, { anchor: 'middle', size: 11, fill: INK.muted }));
  const unplaced = data.rows.reduce((sum, row) => sum + row.passages.filter((p) => p.range === null).length, 0);
  const one = unplaced === 1;
  const notes = [
    ...(unplaced > 0
      ? [
          `${plural(unplaced, 'passage')} needing review ${one ? 'has' : 'have'} no position ` +
            `and ${one ? 'is' : 'are'} not drawn.`,
        ]
      : []),
    ...(data.idle > 0 ? [`Not shown: ${plural(data.idle, 'document')} without selected passages.`] : []),
  ];
  for (const note of notes) {
    height += 18;
    body.push(text(x0, height, note, { size: 11, fill: INK.muted }));
  }
  return svgFrame({ kind: 'distribution', width, height: height + PAD, title: TITLE, desc: describe(data, unplaced), body });
}

function documentRow(
  row: DocumentRow,
  series: Series[],
  x0: number,
  plot: number,
  y: number,
  lanes: number,
): { back: string[]; ticks: string[] } {
  const words = `${groupDigits(row.doc.wordCount)} words`;
  const room = plot - textWidth(words, 11) - 24;
  // Semi-bold runs about 10 % wider than the estimate for regular text.
  const maxChars = Math.floor(room / (textWidth('x', 12) * 1.1));
  const back = [
    text(x0, y + 13, truncate(row.title, maxChars), { weight: 600, tooltip: row.title }),
    text(x0 + plot, y + 13, words, { anchor: 'end', size: 11, fill: INK.muted }),
    // The band is the whole document, start to end; the rule under it is its length.
    rect(x0, y + TITLE_ROW, plot, lanes, `fill="${SUNKEN}"`),
    line(x0, y + TITLE_ROW + lanes, x0 + plot, y + TITLE_ROW + lanes, `stroke="${INK.rule}" stroke-width="1.5"`),
  ];
  const ticks: string[] = [];
  const length = Math.max(1, row.doc.text.length);
  series.forEach((s, lane) => {
    const ly = y + TITLE_ROW + LANE_GAP + lane * (LANE + LANE_GAP);
    for (const p of row.passages) {
      if (p.range === null || !p.seriesIds.includes(s.id)) continue;
      // At least 2 px so a one-word passage is still visible; wider passages show their extent.
      const x = x0 + (p.range.start / length) * plot;
      const w = Math.max(2, ((p.range.end - p.range.start) / length) * plot);
      const where = [s.name, ...locate(row, p), `${percent(p, length)}%`].join(' · ');
      ticks.push(rect(x, ly, Math.min(w, x0 + plot - x), LANE, `fill="${s.color}" fill-opacity="0.9"`, where));
    }
  });
  return { back, ticks };
}

/** Dotted guides at 0, 25, 50, 75 and 100 % inside every band (not across the titles), labelled under the last. */
function quarterLines(x0: number, plot: number, bands: number[], lanes: number, bottom: number): string[] {
  return [0, 25, 50, 75, 100].flatMap((q) => {
    const x = x0 + (q / 100) * plot;
    const style = `stroke="${INK.rule}" stroke-width="0.75" stroke-dasharray="2 2"`;
    const guides = q === 0 || q === 100 ? [] : bands.map((y) => line(x, y, x, y + lanes, style));
    const anchor = q === 0 ? 'start' : q === 100 ? 'end' : 'middle';
    return [...guides, text(x, bottom + 16, `${q}%`, { anchor, size: 10, fill: INK.muted })];
  });
}

/** "§ Section", "¶ 3" for the tick's tooltip, from the same parts the citations use. */
function locate(row: DocumentRow, p: ChartPassage): string[] {
  const parts = citeParts(row.doc, p.range);
  const para = parts.paragraph === null ? [] : [/^\d/.test(parts.paragraph) ? `¶ ${parts.paragraph}` : parts.paragraph];
  return [...(parts.section === null ? [] : [`§ ${parts.section}`]), ...para];
}

function percent(p: ChartPassage, length: number): number {
  return Math.round(((p.range?.start ?? 0) / length) * 100);
}

/** 12345 → "12,345" without the machine's locale, so output is the same everywhere. */
function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function describe(data: ChartData, unplaced: number): string {
  const rows = data.rows.map((row) => {
    const length = Math.max(1, row.doc.text.length);
    const parts = data.series.flatMap((s) => {
      const placed = row.passages.filter((p) => p.range !== null && p.seriesIds.includes(s.id));
      const at = placed.map((p) => `${percent(p, length)}%`);
      return at.length > 0 ? [`${s.name} at ${at.join(', ')}`] : [];
    });
    const where = parts.length > 0 ? parts.join('; ') : 'no placed passages';
    return `${row.title} (${groupDigits(row.doc.wordCount)} words): ${where}.`;
  });
  const review = unplaced > 0 ? [`${plural(unplaced, 'passage')} needing review not drawn.`] : [];
  return [
    'Position of each passage along its document (0% is the start, 100% the end), one row per document ' +
      `and one lane per tag (${data.series.map((s) => s.name).join(', ')}).`,
    ...rows,
    ...review,
  ].join(' ');
}
