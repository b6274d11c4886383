// The app:// protocol: serves only the built renderer, with the right MIME types and the CSP header; every escape attempt is a 404.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  APP_SCHEME_REGISTRATION,
  createAppProtocolHandler,
  resolveAppPath,
} from '../../src/main/electron/app-protocol';
import { RENDERER_CSP } from '../../src/main/electron/csp';

const SECRET = 'root:x:0:0:SECRET';
let base: string;
let root: string;
let reads: string[];
let handle: ReturnType<typeof createAppProtocolHandler>;

beforeAll(async () => {
  // <base>/secret.txt and <base>/etc/passwd lie outside the served folder <base>/renderer.
  base = await mkdtemp(join(tmpdir(), 'glossator-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await mkdir(join(base, 'etc'));
  await writeFile(join(base, 'secret.txt'), SECRET);
  await writeFile(join(base, 'etc', 'passwd'), SECRET);
  const files: Record<string, string> = {
    'index.html': '<!doctype html><title>Glossator</title>',
    'assets/index-1.js': 'export {};',
    'assets/index-1.css': 'body{}',
    'assets/font.woff2': 'w',
    'assets/chart.svg': '<svg/>',
    'assets/blob.xyz': '?',
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(root, name), text);
  reads = [];
  handle = createAppProtocolHandler({
    rootDir: root,
    readFile: (path) => {
      reads.push(path);
      return readFile(path) as Promise<Uint8Array<ArrayBuffer>>;
    },
  });
});
afterAll(() => rm(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handle({ url, method });

describe('scheme registration', () => {
  it('is standard and secure, and asks for no privilege it does not need', () => {
    expect(APP_SCHEME_REGISTRATION.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    for (const risky of ['bypassCSP', 'corsEnabled', 'allowServiceWorkers', 'stream', 'allowExtensions']) {
      expect((APP_SCHEME_PRIVILEGES as Record<string, unknown>)[risky], risky).toBeUndefined();
    }
  });
});

describe('serving', () => {
  it.each([
    ['app://glossator/', 'text/html; charset=utf-8', '<!doctype html>'],
    ['app://glossator', 'text/html; charset=utf-8', '<!doctype html>'],
    ['app://glossator/index.html?v=1#top', 'text/html; charset=utf-8', '<!doctype html>'],
    ['app://glossator/assets/index-1.js', 'text/javascript; charset=utf-8', 'export'],
    ['app://glossator/assets/index-1.css', 'text/css; charset=utf-8', 'body'],
    ['app://glossator/assets/font.woff2', 'font/woff2', 'w'],
    ['app://glossator/assets/chart.svg', 'image/svg+xml', '<svg/>'],
    ['app://glossator/assets/blob.xyz', 'application/octet-stream', '?'],
    ['app://glossator/assets/%69ndex-1.js', 'text/javascript; charset=utf-8', 'export'],
  ])('%s → 200 %s with the CSP header', async (url, type, start) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toMatch(new RegExp(`^${start.replace(/[?]/g, '\\?')}`));
  });

  it('answers HEAD without a body, refuses other methods, and 404s folders and missing files', async () => {
    const head = await get('app://glossator/index.html', 'HEAD');
    expect([head.status, await head.text()]).toEqual([200, '']);
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) expect((await get('app://glossator/index.html', method)).status).toBe(405);
    expect((await get('app://glossator/assets/')).status).toBe(404);
    expect((await get('app://glossator/nope.js')).status).toBe(404);
    expect((await get('app://glossator/nope.js')).headers.get('content-security-policy')).toBe(RENDERER_CSP);
  });
});

describe('path traversal', () => {
  const ATTEMPTS = [
    'app://glossator/../secret.txt',
    'app://glossator/../../etc/passwd',
    'app://glossator/assets/../../secret.txt',
    'app://glossator/..%2fsecret.txt',
    'app://glossator/..%2Fsecret.txt',
    'app://glossator/%2e%2e/secret.txt',
    'app://glossator/%2e%2e%2fsecret.txt',
    'app://glossator/%2E%2E%2Fsecret.txt',
    'app://glossator/.%2e/secret.txt',
    'app://glossator/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://glossator/..%5csecret.txt',
    'app://glossator/assets%5c..%5c..%5csecret.txt',
    'app://glossator/%252e%252e%252fsecret.txt',
    'app://glossator/..%c0%afsecret.txt',
    'app://glossator/%c0%ae%c0%ae/secret.txt',
    'app://glossator/%2fetc%2fpasswd',
    'app://glossator//etc/passwd',
    'app://glossator/%2f%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://glossator/index.html%00.js',
    'app://glossator/C:%5cWindows%5cwin.ini',
    'app://glossator/index.html:stream',
    'app://evil/secret.txt',
    'app://glossator.evil/index.html',
    'app://glossator@evil/index.html',
    'app://glossator:8080/index.html',
    'file:///etc/passwd',
    'https://glossator/index.html',
    'not a url',
  ];

  it.each(ATTEMPTS)('%s never leaves the renderer folder', async (url) => {
    reads.length = 0;
    const resolved = resolveAppPath(root, url);
    if (resolved !== null) expect(resolved.startsWith(resolve(root) + sep)).toBe(true);
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('SECRET');
    for (const path of reads) expect(path.startsWith(resolve(root) + sep), path).toBe(true);
  });

  it('refuses dot segments hidden from the URL parser by an encoded slash, before resolving (containment is a second wall)', () => {
    // (A plain or %2e-encoded `..` segment is already removed by the URL parser: it resolves inside the folder.)
    for (const url of ['..%2fsecret.txt', '..%2Fsecret.txt', '%2e%2e%2fsecret.txt', 'assets/%2e%2e%2f%2e%2e%2fsecret.txt', '.%2findex.html']) {
      expect(resolveAppPath(root, `app://glossator/${url}`), url).toBeNull();
    }
  });

  it('reads nothing at all for a URL it refuses', async () => {
    const readFileSpy = vi.fn();
    const refusing = createAppProtocolHandler({ rootDir: root, readFile: readFileSpy });
    for (const url of ['app://glossator/..%2fsecret.txt', 'app://evil/index.html', 'app://glossator/%00']) await refusing({ url, method: 'GET' });
    expect(readFileSpy).not.toHaveBeenCalled();
  });
});
