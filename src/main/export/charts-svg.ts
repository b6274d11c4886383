// SVG building blocks shared by the export charts: escaping, colours, number format, frame, legend, empty state.
//
// Every chart is a standalone SVG string: it is sanitised and shown in the renderer, inlined in the
// HTML export and may be saved on its own, so it carries its own background, fonts and colours as
// presentation attributes (no <style>, no scripts, no external references).

/** The app's light palette (app.css): charts keep a light background in either theme so they print as seen. */
export const INK = {
  paper: '#fdfcf9',
  text: '#1d1c1a',
  muted: '#6b675f',
  grid: '#dedad2',
  rule: '#b9b3a6',
} as const;

/** Shown for a tag whose stored colour is not "#rrggbb" (never passed through into markup). */
export const NEUTRAL = '#888888';
/** Passages without any codebook tag: a warm grey that reads as "not a tag". */
export const UNTAGGED_COLOR = '#b9b3a6';

export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";
/** Fits an A4 text column at about 90 %, so printed labels stay near their 12 px design size. */
export const CHART_WIDTH = 700;

/**
 * Characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/FFFF): dropped,
 * else the SVG would not parse. The HTML digest uses the same escaping (they are parse errors in HTML too).
 */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escape text for element content and quoted attributes of both XML (SVG) and HTML. */
export function escapeMarkup(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Tag colours come from user data and end up in attributes and CSS, so only "#rrggbb" gets through. */
export function safeColor(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color) ? color.toLowerCase() : NEUTRAL;
}

/** Black or white, whichever reads better on `background` mixed at `alpha` over the paper. */
export function textOn(background: string, alpha = 1): string {
  const paper = rgb(INK.paper);
  const [r, g, b] = rgb(safeColor(background)).map((c, i) => c * alpha + (paper[i] ?? 255) * (1 - alpha));
  const lum = 0.2126 * lin(r ?? 0) + 0.7152 * lin(g ?? 0) + 0.0722 * lin(b ?? 0);
  // Contrast against white vs. against the dark ink (#1d1c1a, luminance ≈ 0.012).
  return 1.05 / (lum + 0.05) >= (lum + 0.05) / 0.062 ? '#ffffff' : INK.text;
}

function rgb(hex: string): number[] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

function lin(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Coordinates with at most one decimal, so output never depends on float noise. */
export function num(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Cut to `max` characters (code points, never half a surrogate pair) with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(1, max - 1)).join('').trimEnd()}…`;
}

/** Rough advance of a sans-serif string: charts have no font metrics, so layout errs on the wide side. */
export function textWidth(text: string, fontSize: number): number {
  return Array.from(text).length * fontSize * 0.56;
}

export interface Frame {
  /** Used for the ids that tie the accessible name and description to the SVG. */
  kind: string;
  width: number;
  height: number;
  title: string;
  desc: string;
  body: string[];
}

/** The outer <svg>: explicit size and viewBox, role="img" named by its <title> and described by its <desc>. */
export function svgFrame(frame: Frame): string {
  const id = `glossator-${frame.kind}`;
  const { width, height } = frame;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" ` +
      `viewBox="0 0 ${num(width)} ${num(height)}" role="img" ` +
      `aria-labelledby="${id}-title" aria-describedby="${id}-desc" ` +
      // font-size-adjust="none": a host page's setting (the HTML digest evens out its serifs) must not shrink labels.
      `font-family="${escapeMarkup(FONT)}" font-size="12" font-size-adjust="none" fill="${INK.text}">`,
    `<title id="${id}-title">${escapeMarkup(frame.title)}</title>`,
    `<desc id="${id}-desc">${escapeMarkup(frame.desc)}</desc>`,
    `<rect width="${num(width)}" height="${num(height)}" fill="${INK.paper}"/>`,
    ...frame.body,
    '</svg>',
  ].join('\n');
}

/** An explicit empty state, so an export never shows a blank image that looks like a rendering fault. */
export function emptyChart(kind: string, title: string, message: string): string {
  const width = CHART_WIDTH;
  const height = 96;
  return svgFrame({
    kind,
    width,
    height,
    title,
    desc: `${message}.`,
    body: [
      rect(0.5, 0.5, width - 1, height - 1, `rx="6" fill="none" stroke="${INK.rule}" stroke-dasharray="4 4"`),
      text(width / 2, height / 2 + 5, message, { anchor: 'middle', size: 14, fill: INK.muted }),
    ],
  });
}

interface TextStyle {
  anchor?: 'start' | 'middle' | 'end';
  size?: number;
  fill?: string;
  weight?: number;
  /** Full text for a tooltip when the visible text is truncated. */
  tooltip?: string;
  transform?: string;
}

export function text(x: number, y: number, content: string, style: TextStyle = {}): string {
  const attrs = [`x="${num(x)}"`, `y="${num(y)}"`];
  if (style.anchor && style.anchor !== 'start') attrs.push(`text-anchor="${style.anchor}"`);
  if (style.size !== undefined) attrs.push(`font-size="${style.size}"`);
  if (style.fill !== undefined) attrs.push(`fill="${style.fill}"`);
  if (style.weight !== undefined) attrs.push(`font-weight="${style.weight}"`);
  if (style.transform !== undefined) attrs.push(`transform="${style.transform}"`);
  const element = `<text ${attrs.join(' ')}>${escapeMarkup(content)}</text>`;
  // Tooltip only when it says more than the visible text; <title> in a <g> works in every SVG viewer.
  return style.tooltip !== undefined && style.tooltip !== content
    ? `<g><title>${escapeMarkup(style.tooltip)}</title>${element}</g>`
    : element;
}

/** A <rect>; `attrs` are further attributes (already safe), `tooltip` an optional <title> child. */
export function rect(x: number, y: number, width: number, height: number, attrs: string, tooltip?: string): string {
  const open = `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" ${attrs}`;
  return tooltip === undefined ? `${open}/>` : `${open}><title>${escapeMarkup(tooltip)}</title></rect>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, attrs: string): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" ${attrs}/>`;
}

export interface LegendItem {
  name: string;
  color: string;
}

/** Swatch + name items flowing left to right, wrapping at `width`; returns markup and the height used. */
export function legend(items: LegendItem[], x: number, y: number, width: number): { body: string[]; height: number } {
  const body: string[] = [];
  const rowHeight = 20;
  let cx = x;
  let cy = y;
  for (const item of items) {
    const label = truncate(item.name, 28);
    const itemWidth = 18 + textWidth(label, 12) + 18;
    if (cx > x && cx + itemWidth > x + width) {
      cx = x;
      cy += rowHeight;
    }
    body.push(
      rect(cx, cy + 3, 12, 12, `rx="2" fill="${safeColor(item.color)}"`),
      text(cx + 18, cy + 13, label, { tooltip: item.name }),
    );
    cx += itemWidth;
  }
  return { body, height: items.length === 0 ? 0 : cy - y + rowHeight };
}
