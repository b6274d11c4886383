// Which highlight layers a passage is painted in, and their paint order: a tint per passage, one underline per tag.
import { describe, expect, it } from 'vitest';
import {
  ACTIVE,
  MARK_SLOTS,
  OVERLAP,
  UNTAGGED,
  highlightStyles,
  layerPriority,
  passageLayers,
} from '../../src/renderer/src/lib/highlights';
import { DEFAULT_TAGS } from '../../src/shared/default-tags';

const order = new Map([
  ['cooperation', 0],
  ['friction', 1],
  ['hedging', 2],
]);

describe('passageLayers', () => {
  it.each([
    { tags: [], layers: [UNTAGGED] },
    { tags: ['gone'], layers: [UNTAGGED] },
    { tags: ['friction'], layers: ['gl-tag-friction', 'gl-mark-friction-0'] },
    // Codebook order, not the order the tags were added: the same passage always looks the same.
    { tags: ['hedging', 'cooperation'], layers: ['gl-tag-cooperation', 'gl-mark-cooperation-0', 'gl-mark-hedging-1'] },
    { tags: ['gone', 'hedging'], layers: ['gl-tag-hedging', 'gl-mark-hedging-0'] },
  ])('$tags → $layers', ({ tags, layers }) => {
    expect(passageLayers(tags, order)).toEqual(layers);
  });

  it('gives a passage exactly one tint, however many tags it has', () => {
    const many = new Map(Array.from({ length: 7 }, (_, i) => [`t${i}`, i] as const));
    const layers = passageLayers([...many.keys()], many);
    expect(layers.filter((l) => l.startsWith('gl-tag-'))).toEqual(['gl-tag-t0']);
    // Tags past the last slot share it; none is dropped.
    expect(layers.filter((l) => l.startsWith('gl-mark-'))).toHaveLength(7);
    expect(layers.at(-1)).toBe(`gl-mark-t6-${MARK_SLOTS - 1}`);
  });
});

describe('layerPriority', () => {
  it('paints untagged < tints < underlines by slot < overlap < active', () => {
    const names = [
      UNTAGGED,
      'gl-tag-cooperation',
      'gl-tag-hedging',
      'gl-mark-cooperation-0',
      'gl-mark-hedging-0',
      'gl-mark-cooperation-1',
      'gl-mark-hedging-3',
      OVERLAP,
      ACTIVE,
    ];
    const priorities = names.map((n) => layerPriority(n, order));
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
    expect(new Set(priorities).size).toBe(names.length);
  });
});

describe('highlightStyles', () => {
  it('writes a tint and one underline per slot for each tag, and nothing for unsafe data', () => {
    const css = highlightStyles([...DEFAULT_TAGS, { ...DEFAULT_TAGS[0]!, id: 'x);}*{', color: 'red' }]);
    for (const t of DEFAULT_TAGS) {
      expect(css).toContain(`::highlight(gl-tag-${t.id}) { background-color: color-mix(in srgb, ${t.color}`);
      for (let slot = 0; slot < MARK_SLOTS; slot++) expect(css).toContain(`::highlight(gl-mark-${t.id}-${slot}) { text-decoration: underline solid 2px ${t.color}`);
    }
    expect(css).not.toContain('x);}');
    expect(css.split('\n')).toHaveLength(DEFAULT_TAGS.length * (MARK_SLOTS + 1));
  });
});
