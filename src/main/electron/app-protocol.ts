// The app:// protocol: serves the built renderer (out/renderer) with real MIME types and the CSP header, and nothing outside it.
import { extname, resolve, sep } from 'node:path';
import { RENDERER_CSP } from './csp';
import { APP_HOST, APP_SCHEME } from './origin';

/**
 * Registered before `ready`. standard: relative URLs and a real origin (so CSP 'self' means the
 * app); secure: a secure context like https. Deliberately not bypassCSP, corsEnabled (which would
 * let other origins read app files), allowServiceWorkers or stream: the renderer needs none.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;
export const APP_SCHEME_REGISTRATION = { scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES };

/** Module scripts are refused by Chromium unless served as JavaScript, so every built file type is named. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export const mimeTypeOf = (path: string): string => MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';

/**
 * The file an app:// URL names, inside rootDir, or null. Refused: another scheme or host, user info
 * or a port, a path that does not decode, and any decoded `.` or `..` segment, backslash, colon or NUL:
 * the built renderer has no such names, so they can only be attempts to leave the folder
 * (`..%2f..%2fetc%2fpasswd`, `%2e%2e/`, `..\\`). The containment check after resolving is a second wall.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password || url.port) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // ':' too: a drive letter or an NTFS stream name (index.html:x) on Windows.
  if (/[\0\\:]/.test(path)) return null;
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) return null;
  const root = resolve(rootDir);
  const full = resolve(root, segments.length === 0 ? 'index.html' : segments.join('/'));
  return full.startsWith(root + sep) ? full : null;
}

export interface AppProtocolDeps {
  /** The built renderer folder. */
  rootDir: string;
  /** fs.promises.readFile (Electron's fs reads inside app.asar too). */
  readFile(path: string): Promise<Uint8Array<ArrayBuffer>>;
}

export interface AppRequest {
  url: string;
  method: string;
}

const headersFor = (contentType: string): Record<string, string> => ({
  'Content-Type': contentType,
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
});

const refusal = (status: number, text: string): Response =>
  new Response(text, { status, headers: headersFor('text/plain; charset=utf-8') });

/** The handler given to protocol.handle('app', …): GET and HEAD of files under rootDir, 404 for anything else. */
export function createAppProtocolHandler(deps: AppProtocolDeps): (request: AppRequest) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Method not allowed');
    const path = resolveAppPath(deps.rootDir, request.url);
    if (path === null) return refusal(404, 'Not found');
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await deps.readFile(path);
    } catch {
      // Missing, a folder, or unreadable: the page learns no more than "not found".
      return refusal(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: headersFor(mimeTypeOf(path)) });
  };
}
