// The app's own origin (app://glossator, or the dev server in development) and the test every trust decision uses.

/** A custom scheme instead of file://: file pages share one origin with every file on disk. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'glossator';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

const parse = (url: string): URL | null => {
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

/** Whether a URL is on app://glossator exactly: no other host, no port, no user info, no look-alike. */
export function isAppUrl(url: string): boolean {
  const parsed = typeof url === 'string' ? parse(url) : null;
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    // Node keeps a non-special scheme's host as written; Chromium hands over the canonical lower case.
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Hosts a development server may run on: this machine only. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The development server to load instead of app://glossator, or undefined. Only an unpackaged app
 * honours ELECTRON_RENDERER_URL (electron-vite sets it in `npm run dev`): in a packaged build,
 * whoever controls the launch environment could otherwise load any origin into the window and
 * reach the whole IPC contract. Even then only an http(s) URL on this machine is taken.
 */
export function devServerUrl(value: string | undefined, isPackaged: boolean): string | undefined {
  if (isPackaged || !value) return undefined;
  const url = parse(value);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK.has(url.hostname)) return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  return url.href;
}

/**
 * The own-origin test for this run: app://glossator, or, while developing (ELECTRON_RENDERER_URL), the
 * dev server's origin compared as an origin, not a prefix, so http://localhost:51730 is not :5173.
 */
export function ownUrlTest(devUrl: string | undefined): (url: string) => boolean {
  if (!devUrl) return isAppUrl;
  const dev = parse(devUrl);
  if (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:')) return isAppUrl;
  return (url) => typeof url === 'string' && parse(url)?.origin === dev.origin;
}
