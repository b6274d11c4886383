// Which rows of a long fixed-height list to render for a scroll position: the visible ones plus a margin.

export interface RowWindow {
  start: number;
  /** One past the last row to render. */
  end: number;
  /** Space above the first rendered row and below the last, so the scrollbar stays true. */
  before: number;
  after: number;
}

export function windowOf(scrollTop: number, viewport: number, count: number, rowHeight: number, overscan = 6): RowWindow {
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, before: 0, after: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(viewport, rowHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count - 1, first - overscan));
  const end = Math.min(count, first + visible + overscan);
  return { start, end, before: start * rowHeight, after: (count - end) * rowHeight };
}
