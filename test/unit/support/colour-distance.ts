// How far apart two colours look (test measure for the tag palette): sRGB → CIELAB (D65), CIEDE2000, WCAG contrast.
//
// Used to keep the suggested tag palette distinguishable (tests) and to pick a readable colour. The
// formulas follow Sharma, Wu and Dalal, "The CIEDE2000 Color-Difference Formula: Implementation Notes"
// (2005); the unit tests check them against that paper's published test pairs.

export interface Lab {
  L: number;
  a: number;
  b: number;
}

/** "#rrggbb" → [r, g, b] in 0..1; throws on anything else (palette colours are constants). */
export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16) / 255, parseInt(m[2]!, 16) / 255, parseInt(m[3]!, 16) / 255];
}

const linear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** WCAG relative luminance of an sRGB colour. */
export function luminance(rgb: readonly [number, number, number]): number {
  const [r, g, b] = rgb.map(linear) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio (1..21). */
export function contrast(x: readonly [number, number, number], y: readonly [number, number, number]): number {
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `fg` laid over `bg` with opacity `alpha`, as `color-mix(in srgb, fg alpha, transparent)` paints on `bg`. */
export function over(fg: readonly [number, number, number], alpha: number, bg: readonly [number, number, number]): [number, number, number] {
  return [0, 1, 2].map((i) => fg[i]! * alpha + bg[i]! * (1 - alpha)) as [number, number, number];
}

export function rgbToLab(rgb: readonly [number, number, number]): Lab {
  const [r, g, b] = rgb.map(linear) as [number, number, number];
  // sRGB → XYZ (D65), normalised by the D65 white point.
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return { L: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

const rad = Math.PI / 180;

/** CIEDE2000 ΔE between two CIELAB colours (kL = kC = kH = 1). */
export function deltaE2000(p: Lab, q: Lab): number {
  const c1 = Math.hypot(p.a, p.b);
  const c2 = Math.hypot(q.a, q.b);
  const cBar7 = ((c1 + c2) / 2) ** 7;
  const g = 0.5 * (1 - Math.sqrt(cBar7 / (cBar7 + 25 ** 7)));
  const a1 = (1 + g) * p.a;
  const a2 = (1 + g) * q.a;
  const C1 = Math.hypot(a1, p.b);
  const C2 = Math.hypot(a2, q.b);
  const hue = (b: number, a: number): number => (b === 0 && a === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360);
  const h1 = hue(p.b, a1);
  const h2 = hue(q.b, a2);
  const dL = q.L - p.L;
  const dC = C2 - C1;
  let dh = 0;
  if (C1 * C2 !== 0) {
    dh = h2 - h1;
    if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
  }
  const dH = 2 * Math.sqrt(C1 * C2) * Math.sin((dh / 2) * rad);
  const LBar = (p.L + q.L) / 2;
  const CBar = (C1 + C2) / 2;
  let hBar = h1 + h2;
  if (C1 * C2 !== 0) {
    if (Math.abs(h1 - h2) <= 180) hBar = (h1 + h2) / 2;
    else hBar = h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
  }
  const t =
    1 -
    0.17 * Math.cos((hBar - 30) * rad) +
    0.24 * Math.cos(2 * hBar * rad) +
    0.32 * Math.cos((3 * hBar + 6) * rad) -
    0.2 * Math.cos((4 * hBar - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hBar - 275) / 25) ** 2));
  const CBar7 = CBar ** 7;
  const rC = 2 * Math.sqrt(CBar7 / (CBar7 + 25 ** 7));
  const sL = 1 + (0.015 * (LBar - 50) ** 2) / Math.sqrt(20 + (LBar - 50) ** 2);
  const sC = 1 + 0.045 * CBar;
  const sH = 1 + 0.015 * CBar * t;
  const rT = -Math.sin(2 * dTheta * rad) * rC;
  return Math.sqrt((dL / sL) ** 2 + (dC / sC) ** 2 + (dH / sH) ** 2 + rT * (dC / sC) * (dH / sH));
}

/** ΔE2000 between two hex colours as painted (optionally as a tint of `alpha` over `bg`). */
export function colourDistance(x: string, y: string, paint?: { alpha: number; bg: string }): number {
  const show = (hex: string) => (paint ? over(hexToRgb(hex), paint.alpha, hexToRgb(paint.bg)) : hexToRgb(hex));
  return deltaE2000(rgbToLab(show(x)), rgbToLab(show(y)));
}
