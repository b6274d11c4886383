// The document list's windowing: only rows near the viewport render, and the spacers keep the scrollbar true.
import { describe, expect, it } from 'vitest';
import { windowOf } from '../../src/renderer/src/lib/virtual';

describe('windowOf', () => {
  it.each([
    // scrollTop, viewport, count, row, overscan → start, end
    [0, 800, 5, 100, 6, 0, 5],
    [0, 800, 5000, 100, 6, 0, 15],
    [100_000, 800, 5000, 100, 6, 994, 1015],
    [499_000, 800, 5000, 100, 6, 4984, 5000],
    [-50, 800, 10, 100, 0, 0, 9],
    [0, 0, 10, 100, 0, 0, 2],
  ])('scrollTop %i, viewport %i, %i rows of %i px, overscan %i → rows %i to %i', (top, view, count, row, over, start, end) => {
    const w = windowOf(top, view, count, row, over);
    expect([w.start, w.end]).toEqual([start, end]);
    expect(w.before + (w.end - w.start) * row + w.after).toBe(count * row);
  });

  it('renders nothing for an empty list', () => {
    expect(windowOf(0, 800, 0, 100)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
  });
});
