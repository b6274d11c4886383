// Electron's security checklist, asserted over the pure window, CSP, session and lock factories (no Electron binary needed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { HEADER_ONLY_DIRECTIVES, RENDERER_CSP, RENDERER_CSP_DIRECTIVES, parseCsp } from '../../src/main/electron/csp';
import { lockDown, OPEN_BUTTON, type ExternalLinkPrompt, type NavigationEvent } from '../../src/main/electron/lockdown';
import { APP_START_URL, devServerUrl, isAppUrl, ownUrlTest } from '../../src/main/electron/origin';
import { applySessionPolicy } from '../../src/main/electron/session-policy';
import { SECURE_WEB_PREFERENCES, mainWindowOptions, printWindowOptions } from '../../src/main/electron/window-options';

describe('window options', () => {
  const prefs = mainWindowOptions('/app/out/preload/index.cjs').webPreferences!;
  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
  ] as const)('%s is %s in the app window and the print window', (key, value) => {
    expect(prefs[key]).toBe(value);
    expect(printWindowOptions().webPreferences![key]).toBe(value);
    expect(SECURE_WEB_PREFERENCES[key]).toBe(value);
  });
  it('enables no Blink feature, loads the bundled CJS preload, and prints with JavaScript off and no preload', () => {
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(printWindowOptions().webPreferences).toMatchObject({ javascript: false });
    expect(printWindowOptions().webPreferences!.preload).toBeUndefined();
  });
});

describe('Content-Security-Policy', () => {
  const header = parseCsp(RENDERER_CSP);
  const metaTag = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(
    readFileSync(join(process.cwd(), 'src/renderer/index.html'), 'utf8'),
  );
  const UNSAFE = /^'unsafe-|^'wasm-unsafe-eval'$|^\*$|^(data|blob|http|https|filesystem):$/;

  it('is strict: nothing by default, no inline or eval, no plugins, no <base>, no framing', () => {
    expect(header.get('default-src')).toEqual(["'none'"]);
    expect(header.get('object-src')).toEqual(["'none'"]);
    expect(header.get('base-uri')).toEqual(["'none'"]);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    expect(header.get('form-action')).toEqual(["'none'"]);
    for (const name of ['script-src', 'style-src', 'connect-src', 'font-src']) {
      expect(header.get(name), name).toEqual(["'self'"]);
    }
    for (const [name, sources] of header) {
      for (const source of sources) if (name !== 'img-src' || source !== 'data:') expect(source, name).not.toMatch(UNSAFE);
    }
    // No directive that would re-open what default-src closes.
    for (const name of ['frame-src', 'child-src', 'worker-src', 'script-src-elem', 'script-src-attr']) expect(header.has(name)).toBe(false);
  });

  it('the page meta tag says the same as the header (less what only a header can carry)', () => {
    expect(metaTag).not.toBeNull();
    const meta = parseCsp(metaTag![1]!);
    const expected = Object.entries(RENDERER_CSP_DIRECTIVES).filter(([name]) => !HEADER_ONLY_DIRECTIVES.includes(name));
    expect([...meta.entries()].sort()).toEqual(expected.map(([n, s]) => [n, [...s]]).sort());
  });
});

describe('session policy', () => {
  type RequestHandler = (wc: unknown, p: string, cb: (granted: boolean) => void, d: unknown) => void;
  type CheckHandler = (wc: unknown, p: string, origin: string, d: unknown) => boolean;
  type DownloadListener = (event: { preventDefault(): void }) => void;
  function fakeSession() {
    const got = { request: null as RequestHandler | null, check: null as CheckHandler | null, device: null as ((d: unknown) => boolean) | null };
    const download: DownloadListener[] = [];
    const session = {
      setPermissionRequestHandler: (h: RequestHandler | null) => void (got.request = h),
      setPermissionCheckHandler: (h: CheckHandler | null) => void (got.check = h),
      setDevicePermissionHandler: (h: ((d: unknown) => boolean) | null) => void (got.device = h),
      on: (_event: 'will-download', listener: DownloadListener) => download.push(listener),
    };
    return { session, got, download };
  }
  const PERMISSIONS = ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'display-capture',
    'fullscreen', 'openExternal', 'hid', 'serial', 'usb', 'midiSysex', 'pointerLock', 'fileSystem', 'unknown'];

  it('denies every permission request and check, every device, every download', () => {
    const { session, got, download } = fakeSession();
    applySessionPolicy(session);
    for (const permission of PERMISSIONS) {
      const callback = vi.fn();
      got.request!({}, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
      expect(got.check!({}, permission, 'app://glossator', {}), permission).toBe(false);
    }
    expect(got.device!({ deviceType: 'usb' })).toBe(false);
    const preventDefault = vi.fn();
    download.forEach((l) => l({ preventDefault }));
    expect(preventDefault).toHaveBeenCalledTimes(1);
  });
});

describe('origin', () => {
  it.each([
    ['app://glossator/index.html', true],
    ['app://glossator/assets/index.js?x#y', true],
    ['app://glossator.evil/index.html', false],
    ['app://evil/index.html', false],
    ['app://glossator@evil/index.html', false],
    ['app://user:pw@glossator/index.html', false],
    ['file:///work/out/renderer/index.html', false],
    ['https://glossator/index.html', false],
    ['glossator', false],
    ['', false],
  ])('%s is own: %s', (url, own) => expect(isAppUrl(url)).toBe(own));
  it.each([
    ['http://localhost:5173', false, 'http://localhost:5173/'],
    ['http://127.0.0.1:5173/', false, 'http://127.0.0.1:5173/'],
    ['http://[::1]:5173/', false, 'http://[::1]:5173/'],
    ['http://localhost:5173', true, undefined],
    ['https://evil.example', false, undefined],
    ['http://localhost.evil.example:5173', false, undefined],
    ['http://user@localhost:5173', false, undefined],
    ['javascript:alert(1)', false, undefined],
    ['file:///tmp/x.html', false, undefined],
    ['not a url', false, undefined],
    ['', false, undefined],
    [undefined, false, undefined],
  ])('ELECTRON_RENDERER_URL %j, packaged %s → %j', (value, packaged, expected) => {
    expect(devServerUrl(value, packaged)).toBe(expected);
  });
  it('compares the dev server as an origin, not a prefix', () => {
    const own = ownUrlTest('http://localhost:5173');
    expect(own('http://localhost:5173/src/main.ts')).toBe(true);
    expect(own('http://localhost:51730/')).toBe(false);
    expect(own('http://localhost:5173.evil.example/')).toBe(false);
    expect(own(APP_START_URL)).toBe(false);
    expect(ownUrlTest(undefined)(APP_START_URL)).toBe(true);
  });
});

describe('lockDown', () => {
  function fakeContents() {
    const listeners = new Map<string, ((event: NavigationEvent) => void)[]>();
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
    const contents = {
      on(event: string, listener: (event: NavigationEvent) => void) {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        return contents;
      },
      setWindowOpenHandler: (h: typeof openHandler) => void (openHandler = h),
    };
    /** Fires an event; answers whether a listener prevented it. */
    const fire = (name: string, url: string, isMainFrame = true): boolean => {
      let prevented = false;
      for (const l of listeners.get(name) ?? []) l({ url, isMainFrame, preventDefault: () => void (prevented = true) });
      return prevented;
    };
    return { contents, fire, open: (url: string) => openHandler!({ url }) };
  }
  function setup(answer = true) {
    const fake = fakeContents();
    const prompts: ExternalLinkPrompt[] = [];
    const openExternal = vi.fn(async (_url: string) => undefined);
    const confirm = vi.fn(async (p: ExternalLinkPrompt) => (prompts.push(p), answer));
    const offer = lockDown(fake.contents, { isOwnUrl: isAppUrl, confirm, openExternal });
    return { ...fake, prompts, openExternal, confirm, offer };
  }
  const settle = () => new Promise((r) => setImmediate(r));
  const HOSTILE = ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<script>x</script>', 'about:blank', 'smb://host/share',
    'vbscript:msgbox', 'ms-msdt:/id', 'app://evil/index.html', 'chrome://settings', 'https://bank.example@evil.example/', 'not a url'];

  it('lets the app navigate within its own origin only', async () => {
    const t = setup();
    expect(t.fire('will-navigate', 'app://glossator/index.html#x')).toBe(false);
    for (const url of ['https://example.org/', ...HOSTILE]) expect(t.fire('will-navigate', url), url).toBe(true);
    expect(t.fire('will-redirect', 'https://example.org/')).toBe(true);
    expect(t.fire('will-redirect', 'app://glossator/index.html')).toBe(false);
    // Subframes may not navigate at all, not even to the app.
    expect(t.fire('will-frame-navigate', 'app://glossator/index.html', false)).toBe(true);
    expect(t.fire('will-attach-webview', 'app://glossator/index.html')).toBe(true);
  });

  it('denies every new window; only http(s) links reach the browser, after a prompt naming the URL', async () => {
    const t = setup(true);
    for (const url of [...HOSTILE, 'https://example.org/a?b=1', 'app://glossator/index.html']) expect(t.open(url)).toEqual({ action: 'deny' });
    await settle();
    expect(t.prompts.map((p) => p.detail)).toEqual(['https://example.org/a?b=1']);
    expect(t.prompts[0]).toMatchObject({ defaultId: 1, cancelId: 1 });
    expect(t.prompts[0]!.buttons[OPEN_BUTTON]).toMatch(/open/i);
    expect(t.openExternal.mock.calls).toEqual([['https://example.org/a?b=1']]);
  });

  it('opens nothing when the analyst declines, and never asks for javascript:, file:, data: and the like', async () => {
    const t = setup(false);
    expect(await t.offer('http://example.org/')).toBe('declined');
    for (const url of HOSTILE) expect(await t.offer(url), url).toBe('refused');
    expect(t.confirm).toHaveBeenCalledTimes(1);
    expect(t.openExternal).not.toHaveBeenCalled();
    // A link clicked in the page is offered the same way.
    t.fire('will-navigate', 'https://example.org/clicked');
    await settle();
    expect(t.prompts.at(-1)!.detail).toBe('https://example.org/clicked');
  });

  it('shows one prompt at a time and the normalised address (punycode host)', async () => {
    const t = setup(true);
    const first = t.offer('https://exämple.org/');
    expect(await t.offer('https://example.org/second')).toBe('busy');
    expect(await first).toBe('opened');
    expect(t.openExternal.mock.calls).toEqual([['https://xn--exmple-cua.org/']]);
  });
});
