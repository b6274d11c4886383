// The suggested tag palette stays distinguishable: CIEDE2000 between every pair, as full colours and as the
// reader's tints on light and dark paper, and 3:1 contrast against both papers; the ΔE formula itself is
// checked against Sharma, Wu and Dalal's published test pairs.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGS } from '../../src/shared/default-tags';
import { TAG_PALETTE, suggestColor } from '../../src/shared/defaults';
import { colourDistance, contrast, deltaE2000, hexToRgb, rgbToLab } from './support/colour-distance';
import { TAG_TINT_ALPHA } from '../../src/renderer/src/lib/highlights';

// The reading paper of the light and dark themes (app.css `--paper`).
const PAPER = { light: '#fdfcf9', dark: '#1b1b1d' };
const MIN_SOLID = 20;
const MIN_TINT = 10;

describe('CIEDE2000', () => {
  // Sharma, Wu and Dalal (2005), Table 1: L*a*b* pairs and their ΔE00.
  const pairs: [[number, number, number], [number, number, number], number][] = [
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 3.1571, -77.2803], [50, 0, -82.7485], 2.8615],
    [[50, 2.8361, -74.02], [50, 0, -82.7485], 3.4412],
    [[50, 0, 0], [50, -1, 2], 2.3669],
    [[50, 2.5, 0], [73, 25, -18], 27.1492],
    [[50, 2.5, 0], [50, 3.1736, 0.5854], 1.0],
    [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    [[22.7233, 20.0904, -46.694], [23.0331, 14.973, -42.5619], 2.0373],
    [[2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514], 0.9082],
  ];
  it.each(pairs)('%j vs %j is %f', (p, q, expected) => {
    const lab = ([L, a, b]: [number, number, number]) => ({ L, a, b });
    expect(deltaE2000(lab(p), lab(q))).toBeCloseTo(expected, 3);
    expect(deltaE2000(lab(q), lab(p))).toBeCloseTo(expected, 3);
  });

  it('converts sRGB to CIELAB (D65)', () => {
    const red = rgbToLab(hexToRgb('#ff0000'));
    expect([red.L, red.a, red.b].map((x) => Math.round(x * 10) / 10)).toEqual([53.2, 80.1, 67.2]);
    expect(rgbToLab(hexToRgb('#ffffff')).L).toBeCloseTo(100, 3);
  });
});

describe('the tag palette', () => {
  const colours = [...new Set([...DEFAULT_TAGS.map((t) => t.color), ...TAG_PALETTE])];
  const pairs = colours.flatMap((x, i) => colours.slice(i + 1).map((y) => [x, y] as const));

  it('includes the default tags’ colours and suggests a new one after them', () => {
    expect(TAG_PALETTE.slice(0, 3)).toEqual(DEFAULT_TAGS.map((t) => t.color));
    expect(suggestColor(DEFAULT_TAGS.map((t) => t.color))).toBe(TAG_PALETTE[3]);
    // The fifth tag (the one the issue found too close to Hedging) gets yet another colour.
    expect(suggestColor([...DEFAULT_TAGS.map((t) => t.color), TAG_PALETTE[3]!])).toBe(TAG_PALETTE[4]);
  });

  it.each(pairs)(`%s and %s differ by ΔE2000 ≥ ${MIN_SOLID} as colours and ≥ ${MIN_TINT} as tints on both papers`, (x, y) => {
    expect(colourDistance(x, y)).toBeGreaterThanOrEqual(MIN_SOLID);
    expect(colourDistance(x, y, { alpha: TAG_TINT_ALPHA, bg: PAPER.light })).toBeGreaterThanOrEqual(MIN_TINT);
    expect(colourDistance(x, y, { alpha: TAG_TINT_ALPHA, bg: PAPER.dark })).toBeGreaterThanOrEqual(MIN_TINT);
  });

  it.each(colours)('%s keeps 3:1 contrast against light and dark paper', (c) => {
    expect(contrast(hexToRgb(c), hexToRgb(PAPER.light))).toBeGreaterThanOrEqual(3);
    expect(contrast(hexToRgb(c), hexToRgb(PAPER.dark))).toBeGreaterThanOrEqual(3);
  });

  it('would have caught the old palette: Okabe–Ito sky blue is a tint away from Hedging’s blue', () => {
    expect(colourDistance('#56b4e9', '#0072b2', { alpha: TAG_TINT_ALPHA, bg: PAPER.light })).toBeLessThan(MIN_TINT);
  });
});
