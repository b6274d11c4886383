// main.ts wired against a fake Electron: the order of the security steps, and what the window, protocol and IPC end up with.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { METHODS, channelOf } from '../../src/shared/contract';
import { SECURE_WEB_PREFERENCES } from '../../src/main/electron/window-options';
import { RENDERER_CSP } from '../../src/main/electron/csp';

const fake = vi.hoisted(() => {
  const log: string[] = [];
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  const state = { locked: true, userData: '/nowhere', packaged: false };
  class FakeWindow {
    static instances: FakeWindow[] = [];
    static fromWebContents = () => null;
    static getFocusedWindow = () => null;
    static getAllWindows = () => FakeWindow.instances;
    webContents = { send: () => undefined };
    loadURL = async (url: string) => void log.push(`loadURL ${url}`);
    once = () => undefined;
    isDestroyed = () => false;
    isMinimized = () => false;
    restore = () => undefined;
    show = () => undefined;
    focus = () => log.push('focus');
    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      FakeWindow.instances.push(this);
      log.push('new BrowserWindow');
    }
  }
  const session = {
    calls: [] as string[],
    setPermissionRequestHandler: () => void session.calls.push('request'),
    setPermissionCheckHandler: () => void session.calls.push('check'),
    setDevicePermissionHandler: () => void session.calls.push('device'),
    on: () => void session.calls.push('will-download'),
  };
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const protocols = new Map<string, (request: { url: string; method: string }) => Promise<Response>>();
  return { log, listeners, state, FakeWindow, session, handlers, protocols };
});

vi.mock('electron', () => {
  const { log, listeners, state, FakeWindow, session, handlers, protocols } = fake;
  const app = {
    get isPackaged() {
      return state.packaged;
    },
    getAppPath: () => process.cwd(),
    getPath: () => state.userData,
    setPath: (name: string, path: string) => void log.push(`setPath ${name} ${path}`),
    getVersion: () => '0.0.0-test',
    enableSandbox: () => void log.push('enableSandbox'),
    requestSingleInstanceLock: () => (log.push('requestSingleInstanceLock'), state.locked),
    whenReady: async () => void log.push('whenReady'),
    on: (event: string, listener: (...args: unknown[]) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      log.push(`on ${event}`);
    },
    quit: () => void log.push('quit'),
    exit: () => void log.push('exit'),
  };
  return {
    app,
    BrowserWindow: FakeWindow,
    dialog: { showErrorBox: (title: string, text: string) => void log.push(`error ${title}: ${text}`) },
    ipcMain: { handle: (channel: string, listener: (...args: unknown[]) => unknown) => void handlers.set(channel, listener) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => void log.push(`registerSchemesAsPrivileged ${JSON.stringify(schemes)}`),
      handle: (scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) => {
        protocols.set(scheme, handler);
        log.push(`protocol.handle ${scheme}`);
      },
    },
    session: { defaultSession: session },
    shell: { openExternal: async () => undefined },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => undefined },
  };
});

let dataDir: string;
const position = (prefix: string) => fake.log.findIndex((line) => line.startsWith(prefix));

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'glossator-main-'));
  vi.stubEnv('GLOSSATOR_DATA_DIR', dataDir);
  vi.stubEnv('GLOSSATOR_CORPUS_DIR', '');
  delete process.env['GLOSSATOR_CORPUS_DIR'];
  delete process.env['ELECTRON_RENDERER_URL'];
  fake.log.length = 0;
  fake.listeners.clear();
  fake.handlers.clear();
  fake.protocols.clear();
  fake.session.calls.length = 0;
  fake.FakeWindow.instances.length = 0;
  vi.resetModules();
});
afterEach(async () => {
  // Quit as Electron would: before-quit flushes and closes the core (its folder watcher) first.
  for (const listener of fake.listeners.get('before-quit') ?? []) listener({ preventDefault: () => undefined });
  if (fake.listeners.has('before-quit')) await vi.waitFor(() => expect(fake.log).toContain('quit'));
  vi.unstubAllEnvs();
  await rm(dataDir, { recursive: true, force: true });
});

// Importing main.ts the first time transforms the whole core: on a loaded machine that alone can pass 5 s.
describe('main.ts', { timeout: 30_000 }, () => {
  it('takes the lock and sets up scheme, sandbox, lock-down and policy before the window loads app://', async () => {
    await import('../../src/main/electron/main');
    await vi.waitFor(() => expect(fake.log.some((l) => l.startsWith('loadURL'))).toBe(true), { timeout: 10_000 });
    expect(fake.log).not.toContainEqual(expect.stringMatching(/^error/));

    // Before ready: userData is the data dir (the lock is per data dir), then scheme, sandbox and the lock.
    expect(fake.log[0]).toBe(`setPath userData ${dataDir}`);
    for (const step of ['registerSchemesAsPrivileged', 'enableSandbox', 'on web-contents-created', 'requestSingleInstanceLock']) {
      expect(position(step), step).toBeGreaterThan(0);
      expect(position(step), step).toBeLessThan(position('whenReady'));
    }
    expect(fake.log[position('registerSchemesAsPrivileged')]).toContain('"scheme":"app"');
    // After ready, everything is in place before the page loads.
    for (const step of ['protocol.handle app', 'new BrowserWindow']) expect(position(step), step).toBeLessThan(position('loadURL'));
    expect(fake.log.at(-1)).toBe('loadURL app://glossator/index.html');
    expect(fake.session.calls).toEqual(expect.arrayContaining(['request', 'check', 'device', 'will-download']));

    const [win] = fake.FakeWindow.instances;
    expect(win!.options.webPreferences).toMatchObject({ ...SECURE_WEB_PREFERENCES, preload: expect.stringMatching(/preload[\\/]index\.cjs$/) });

    // The protocol answers with the CSP header and refuses traversal. (It serves <main>/../renderer, which
    // exists in the build, out/; test/unit/packaging.test.ts checks that layout.)
    const serve = fake.protocols.get('app')!;
    const page = await serve({ url: 'app://glossator/index.html', method: 'GET' });
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect((await serve({ url: 'app://glossator/..%2f..%2fpackage.json', method: 'GET' })).status).toBe(404);

    // IPC: every method registered; our page is answered by the real core, a subframe is not.
    expect([...fake.handlers.keys()].sort()).toEqual(METHODS.map(channelOf).sort());
    const listTags = fake.handlers.get(channelOf('listTags'))!;
    const fromPage = { senderFrame: { url: 'app://glossator/index.html', parent: null } };
    expect(await listTags(fromPage, {})).toMatchObject({ ok: true });
    expect(await listTags({ senderFrame: { url: 'app://glossator/index.html', parent: {} } }, {})).toMatchObject({ ok: false });

    // Every web contents created gets the lock.
    const contents = { events: [] as string[], on: (e: string) => contents.events.push(e), setWindowOpenHandler: vi.fn() };
    for (const listener of fake.listeners.get('web-contents-created')!) listener({}, contents);
    expect(contents.events).toEqual(expect.arrayContaining(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']));
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();

    // A second launch focuses this window.
    for (const listener of fake.listeners.get('second-instance')!) listener();
    expect(fake.log.at(-1)).toBe('focus');

    // The data folder is locked for the app while it runs (the CLI refuses to import), and freed on quit.
    expect(JSON.parse(await readFile(join(dataDir, 'glossator.lock'), 'utf8'))).toMatchObject({ pid: process.pid, app: 'app' });
    for (const listener of fake.listeners.get('before-quit')!) listener({ preventDefault: () => undefined });
    await vi.waitFor(() => expect(fake.log).toContain('quit'));
    await expect(readFile(join(dataDir, 'glossator.lock'))).rejects.toThrow(/ENOENT/);
    fake.listeners.delete('before-quit');
  });

  it('does not start while a CLI import holds the data folder: it names the holder and exits', async () => {
    const holder = { pid: process.pid, startedAt: new Date().toISOString(), hostname: hostname(), app: 'cli' };
    await writeFile(join(dataDir, 'glossator.lock'), `${JSON.stringify(holder)}\n`);
    await import('../../src/main/electron/main');
    await vi.waitFor(() => expect(fake.log).toContain('exit'));
    expect(fake.log).toContainEqual(expect.stringMatching(/^error Glossator could not start: A glossator command .* is importing/));
    expect(fake.FakeWindow.instances).toHaveLength(0);
    expect(fake.handlers.size).toBe(0);
    expect(fake.protocols.size).toBe(0);
  });

  it('a second instance quits at once: no window, no core, no IPC', async () => {
    fake.state.locked = false;
    try {
      await import('../../src/main/electron/main');
      await new Promise((r) => setTimeout(r, 50));
      expect(fake.log).toContain('quit');
      expect(fake.log).not.toContain('whenReady');
      expect(fake.FakeWindow.instances).toHaveLength(0);
      expect(fake.handlers.size).toBe(0);
    } finally {
      fake.state.locked = true;
    }
  });

  describe('ELECTRON_RENDERER_URL', () => {
    const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
    afterEach(() => {
      fake.state.packaged = false;
      (process as { resourcesPath?: string }).resourcesPath = resourcesPath;
    });
    /** Starts main.ts with the variable set; answers the URL loaded and whether IPC answers a page from `origin`. */
    async function launch(packaged: boolean, rendererUrl: string, origin: string) {
      fake.state.packaged = packaged;
      // A packaged app finds its bundled corpus under resources/; here that is the repository.
      if (packaged) (process as { resourcesPath?: string }).resourcesPath = process.cwd();
      vi.stubEnv('ELECTRON_RENDERER_URL', rendererUrl);
      await import('../../src/main/electron/main');
      await vi.waitFor(() => expect(fake.log.some((l) => l.startsWith('loadURL'))).toBe(true), { timeout: 10_000 });
      expect(fake.log).not.toContainEqual(expect.stringMatching(/^error/));
      const listTags = fake.handlers.get(channelOf('listTags'))!;
      const answer = (await listTags({ senderFrame: { url: `${origin}/index.html`, parent: null } }, {})) as { ok: boolean };
      return { loaded: fake.log.find((l) => l.startsWith('loadURL'))!.slice('loadURL '.length), answered: answer.ok };
    }

    it.each([
      ['a packaged build ignores a dev server on this machine', true, 'http://localhost:5173', 'http://localhost:5173'],
      ['a packaged build ignores another origin', true, 'https://evil.example', 'https://evil.example'],
      ['an unpackaged build ignores an origin off this machine', false, 'https://evil.example', 'https://evil.example'],
      ['an unpackaged build ignores a file URL', false, 'file:///tmp/evil.html', 'file://'],
    ])('%s: it loads app:// and IPC refuses that origin', async (_what, packaged, rendererUrl, origin) => {
      expect(await launch(packaged, rendererUrl, origin)).toEqual({ loaded: 'app://glossator/index.html', answered: false });
    });

    it('an unpackaged build (npm run dev) loads the dev server and answers it alone', async () => {
      expect(await launch(false, 'http://localhost:5173', 'http://localhost:5173')).toEqual({ loaded: 'http://localhost:5173/', answered: true });
      const listTags = fake.handlers.get(channelOf('listTags'))!;
      expect(await listTags({ senderFrame: { url: 'app://glossator/index.html', parent: null } }, {})).toMatchObject({ ok: false });
    });
  });
});
