// Co-occurrence chart: a tag × tag matrix of how many passages carry both tags (the diagonal: the tag alone).
import { UNTAGGED_ID, type ChartData, type Series } from './charts-data';
import {
  CHART_WIDTH,
  emptyChart,
  escapeMarkup,
  INK,
  num,
  plural,
  rect,
  svgFrame,
  text,
  textOn,
  textWidth,
  truncate,
} from './charts-svg';

const TITLE = 'Tags sharing a passage';
const PAD = 16;
const ROW_LABEL = 170;
const LABEL_CHARS = 21;
/** Off-diagonal shade: the app's strong muted ink, so pair cells never look like one of the tags. */
const PAIR_INK = '#4a463f';

export function cooccurrenceChart(data: ChartData): string {
  const tags = data.series.filter((s) => s.id !== UNTAGGED_ID);
  if (data.passageCount === 0) return emptyChart('cooccurrence', TITLE, 'No passages selected');
  if (tags.length === 0) return emptyChart('cooccurrence', TITLE, 'No tagged passages selected');
  const matrix = countMatrix(data, tags);
  const n = tags.length;
  const cell = Math.max(26, Math.min(56, Math.floor((CHART_WIDTH - 2 * PAD - ROW_LABEL) / n)));
  const labels = tags.map((t) => truncate(t.name, LABEL_CHARS));
  // Column labels run up at 45°: their height is the longest label's width × sin 45°.
  const header = Math.ceil(Math.max(...labels.map((l) => textWidth(l, 12))) * Math.SQRT1_2) + 16;
  const x0 = PAD + ROW_LABEL;
  const y0 = PAD + header;
  // As wide as the matrix and the last column label (which leans right), so it is not lost in blank space.
  const lastLabel = textWidth(labels[n - 1] ?? '', 12) * Math.SQRT1_2;
  const width = Math.ceil(Math.max(x0 + n * cell + PAD, x0 + (n - 0.5) * cell + lastLabel + PAD, 360));
  const maxDiagonal = Math.max(1, ...tags.map((_, i) => matrix[i]?.[i] ?? 0));
  const maxPair = Math.max(1, ...matrix.flatMap((row, i) => row.filter((_, j) => j !== i)));
  const fontSize = cell >= 36 ? 13 : 11;

  const body: string[] = [];
  tags.forEach((tag, i) => {
    const label = labels[i] ?? '';
    const cy = y0 + i * cell + cell / 2;
    const cx = x0 + i * cell + cell / 2;
    body.push(
      rect(x0 - 22, cy - 6, 12, 12, `rx="2" fill="${tag.color}"`),
      text(x0 - 28, cy + 4, label, { anchor: 'end', tooltip: tag.name }),
      text(cx, y0 - 8, label, { tooltip: tag.name, transform: `rotate(-45 ${num(cx)} ${num(y0 - 8)})` }),
    );
  });
  tags.forEach((row, i) => {
    tags.forEach((col, j) => {
      const count = matrix[i]?.[j] ?? 0;
      const x = x0 + j * cell;
      const y = y0 + i * cell;
      // Diagonal totals are always the largest numbers: on one scale with the pairs they would wash
      // the pairs out, so each has its own scale and the diagonal is drawn in the tag's colour.
      const color = i === j ? row.color : PAIR_INK;
      const alpha = count === 0 ? 0 : 0.12 + 0.88 * (count / (i === j ? maxDiagonal : maxPair));
      const what = `${i === j ? row.name : `${row.name} and ${col.name}`}: ${plural(count, 'passage')}`;
      const shade = `fill="${color}" fill-opacity="${Math.round(alpha * 100) / 100}" stroke="${INK.grid}" stroke-width="1"`;
      body.push(
        `<g><title>${escapeMarkup(what)}</title>` +
          rect(x, y, cell, cell, shade) +
          text(x + cell / 2, y + cell / 2 + fontSize * 0.36, String(count), {
            anchor: 'middle',
            size: fontSize,
            weight: i === j ? 700 : 400,
            fill: count === 0 ? INK.rule : textOn(color, alpha),
          }) +
          '</g>',
      );
    });
  });
  const bottom = y0 + n * cell;
  body.push(
    rect(x0, y0, n * cell, n * cell, `fill="none" stroke="${INK.rule}" stroke-width="1"`),
    text(PAD, bottom + 24, 'Diagonal: passages with the tag.', { size: 11, fill: INK.muted }),
    text(PAD, bottom + 40, 'Other cells: passages carrying both tags.', { size: 11, fill: INK.muted }),
  );
  const desc = describe(tags, matrix);
  return svgFrame({ kind: 'cooccurrence', width, height: bottom + 40 + PAD, title: TITLE, desc, body });
}

/** matrix[i][j]: passages carrying tags i and j; matrix[i][i]: passages carrying tag i. */
export function countMatrix(data: ChartData, tags: Series[]): number[][] {
  const matrix = tags.map(() => tags.map(() => 0));
  const index = new Map(tags.map((t, i) => [t.id, i]));
  for (const row of data.rows) {
    for (const p of row.passages) {
      const ids = p.seriesIds.flatMap((id) => index.get(id) ?? []);
      for (const i of ids) {
        const row = matrix[i];
        if (row) for (const j of ids) row[j] = (row[j] ?? 0) + 1;
      }
    }
  }
  return matrix;
}

function describe(tags: Series[], matrix: number[][]): string {
  const diagonal = tags.map((t, i) => `${t.name} ${matrix[i]?.[i] ?? 0}`).join(', ');
  const pairs: string[] = [];
  tags.forEach((a, i) =>
    tags.forEach((b, j) => {
      const count = matrix[i]?.[j] ?? 0;
      if (j > i && count > 0) pairs.push(`${a.name} and ${b.name} ${count}`);
    }),
  );
  const shared =
    pairs.length > 0
      ? `Passages sharing two tags: ${pairs.join(', ')}; every other pair 0.`
      : 'No passage carries two of these tags.';
  return `Co-occurrence matrix of ${plural(tags.length, 'tag')}. Passages per tag: ${diagonal}. ${shared}`;
}
