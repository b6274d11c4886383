// Adjudication: accepting a coder's version of a cluster into the settled layer, idempotently, and undoing it.
import { describe, expect, it } from 'vitest';
import { settle, settleChange, undoSettle } from '../../src/main/agreement';
import type { Annotation } from '../../src/shared/types';

const NOW = '2026-12-07T12:00:00.000Z';
const a = (id: string, start: number, end: number, tagIds: string[], note = ''): Annotation => ({
  id,
  docId: 'd',
  target: { position: { start, end }, quote: { exact: 'x'.repeat(end - start), prefix: '', suffix: '' }, contentHash: 'sha256:x' },
  tagIds,
  note,
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
});
const shape = (layer: Annotation[]) => layer.map((x) => [x.id, x.target.position.start, x.target.position.end, x.tagIds.join('+')]);

describe('settling a cluster', () => {
  it.each([
    ['into an empty layer: the version, with the tag only', [], [a('b1', 5, 20, ['friction', 'hedging'], 'note')], [['s-b1', 5, 20, 'friction']]],
    [
      'replaces what the layer said about the tag in the stretch, keeps other tags and passages outside',
      [a('s-old', 0, 12, ['friction']), a('s-both', 14, 18, ['friction', 'hedging']), a('s-far', 40, 50, ['friction'])],
      [a('b1', 5, 20, ['friction'])],
      [['s-b1', 5, 20, 'friction'], ['s-both', 14, 18, 'hedging'], ['s-far', 40, 50, 'friction']],
    ],
    ['joins a settled passage at exactly the same range', [a('s-x', 5, 20, ['hedging'])], [a('b1', 5, 20, ['friction'])], [['s-x', 5, 20, 'hedging+friction']]],
    ['an empty version (the coder left it uncoded) clears the tag in the stretch', [a('s-old', 0, 30, ['friction'])], [], []],
  ])('%s', (_name, layer, version, expected) => {
    expect(shape(settle(layer, { docId: 'd', tagId: 'friction', start: 0, end: 30, version, now: NOW }))).toEqual(expected);
  });

  it('keeps the accepted passage note and is idempotent', () => {
    const args = { docId: 'd', tagId: 'friction', start: 0, end: 30, version: [a('b1', 5, 20, ['friction'], 'why')], now: NOW };
    const once = settle([], args);
    expect(once[0]!.note).toBe('why');
    expect(settleChange(once, args)).toBeNull();
  });

  it('undo gives back the layer before, and refuses when the layer changed since', () => {
    const before = [a('s-old', 0, 12, ['friction'])];
    const change = settleChange(before, { docId: 'd', tagId: 'friction', start: 0, end: 30, version: [a('b1', 5, 20, ['friction'])], now: NOW })!;
    expect(undoSettle(change.after, change)).toEqual(before);
    const later = settle(change.after, { docId: 'd', tagId: 'hedging', start: 0, end: 30, version: [a('c1', 1, 3, ['hedging'])], now: NOW });
    expect(() => undoSettle(later, change)).toThrow(/changed since/);
  });
});
