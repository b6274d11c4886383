// Reads what is actually painted: counts screenshot pixels close to given colours (decoded by the page's own browser).
import type { Page } from '@playwright/test';

type Box = { x: number; y: number; width: number; height: number };

/**
 * How many pixels in `box` are within `tolerance` (RGB distance) of each named colour. Highlights are
 * painted by the browser, not the DOM, so a screenshot is the only place their colours can be read.
 */
export async function countColours(
  page: Page,
  box: Box,
  colours: Record<string, string>,
  tolerance = 40,
): Promise<Record<string, number>> {
  const clip = { x: Math.floor(box.x), y: Math.floor(box.y), width: Math.ceil(box.width), height: Math.ceil(box.height) };
  const png = await page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
  return page.evaluate(
    async ({ base64, colours, tolerance }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      const targets = Object.entries(colours).map(([name, hex]) => {
        const n = parseInt(hex.slice(1), 16);
        return { name, rgb: [(n >> 16) & 255, (n >> 8) & 255, n & 255] as const };
      });
      const counts: Record<string, number> = Object.fromEntries(targets.map((t) => [t.name, 0]));
      for (let i = 0; i < data.length; i += 4) {
        for (const t of targets) {
          const d = Math.hypot(data[i]! - t.rgb[0], data[i + 1]! - t.rgb[1], data[i + 2]! - t.rgb[2]);
          if (d <= tolerance) counts[t.name]!++;
        }
      }
      return counts;
    },
    { base64: png.toString('base64'), colours, tolerance },
  );
}
