// The IPC boundary and the preload: only our page's main frame reaches the core; the page gets functions, never Electron.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { METHODS, channelOf, type Handlers } from '../../src/shared/contract';
import { registerIpc, UNTRUSTED_SENDER_MESSAGE, type IpcCallEvent } from '../../src/main/electron/ipc';
import { isAppUrl } from '../../src/main/electron/origin';
import { claimSingleInstance, type FocusableWindow } from '../../src/main/electron/single-instance';
import type { Result } from '../../src/shared/result';

// The preload's Electron, faked: the real module cannot load without its binary.
const electron = vi.hoisted(() => ({
  exposed: [] as [string, unknown][],
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null })),
  on: vi.fn(),
  removeListener: vi.fn(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push([key, api]) },
  ipcRenderer: { invoke: electron.invoke, on: electron.on, removeListener: electron.removeListener },
}));

type Listener = (event: IpcCallEvent, payload: unknown) => Promise<Result<unknown>>;

function setup() {
  const listeners = new Map<string, Listener>();
  const handlers = Object.fromEntries(METHODS.map((m) => [m, vi.fn(async () => `ran ${m}`)])) as unknown as Handlers;
  registerIpc({ handle: (channel, listener) => void listeners.set(channel, listener) }, handlers, isAppUrl);
  const call = (method: string, event: IpcCallEvent, payload: unknown = {}) => listeners.get(channelOf(method as never))!(event, payload);
  return { listeners, handlers, call };
}

const mainFrame = (url: string): IpcCallEvent => ({ senderFrame: { url, parent: null } });

describe('IPC sender check', () => {
  it('registers one handler per contract method', () => {
    expect([...setup().listeners.keys()].sort()).toEqual(METHODS.map(channelOf).sort());
  });

  it("answers calls from the app page's main frame", async () => {
    const t = setup();
    expect(await t.call('getAppInfo', mainFrame('app://glossator/index.html'))).toEqual({ ok: true, value: 'ran getAppInfo' });
  });

  const refused: [string, IpcCallEvent][] = [
    ['a subframe of the app page', { senderFrame: { url: 'app://glossator/index.html', parent: { url: 'app://glossator/' } } }],
    ['another origin', mainFrame('https://evil.example/')],
    ['a look-alike host', mainFrame('app://glossator.evil/index.html')],
    ['user info in the URL', mainFrame('app://glossator@evil/index.html')],
    ['a file page', mainFrame('file:///work/main/out/renderer/index.html')],
    ['the print window (data:)', mainFrame('data:text/html,<p>digest</p>')],
    ['about:blank', mainFrame('about:blank')],
    ['a frame that is gone', { senderFrame: null }],
    [
      'a disposed frame (reading it throws)',
      {
        get senderFrame(): never {
          throw new Error('Render frame was disposed before WebFrameMain could be accessed');
        },
      },
    ],
  ];
  it.each(refused)('refuses %s with a typed error; no handler runs', async (_name, event) => {
    const t = setup();
    for (const method of METHODS) {
      const result = await t.call(method, event, {});
      expect(result).toEqual({ ok: false, error: { code: 'invalid-argument', message: UNTRUSTED_SENDER_MESSAGE } });
      expect(t.handlers[method], method).not.toHaveBeenCalled();
    }
  });
});

describe('single instance', () => {
  function fakeApp(locked: boolean) {
    const listeners: (() => void)[] = [];
    return {
      listeners,
      requestSingleInstanceLock: vi.fn(() => locked),
      quit: vi.fn(),
      on: vi.fn((_event: 'second-instance', l: () => void) => listeners.push(l)),
    };
  }
  const fakeWindow = (minimized: boolean): FocusableWindow & Record<string, ReturnType<typeof vi.fn>> => ({
    isDestroyed: vi.fn(() => false),
    isMinimized: vi.fn(() => minimized),
    restore: vi.fn(),
    show: vi.fn(),
    focus: vi.fn(),
  });

  it('the second instance quits and starts nothing', () => {
    const app = fakeApp(false);
    expect(claimSingleInstance(app, () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.on).not.toHaveBeenCalled();
  });
  it('the first instance brings its window forward when a second is launched', () => {
    const app = fakeApp(true);
    const win = fakeWindow(true);
    expect(claimSingleInstance(app, () => win)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.listeners.forEach((l) => l());
    expect(win.restore).toHaveBeenCalledOnce();
    expect(win.focus).toHaveBeenCalledOnce();
  });
});

describe('preload', () => {
  beforeEach(() => vi.clearAllMocks());

  it('exposes only window.glossator: one function per method and three subscriptions, no Electron object', async () => {
    await import('../../src/preload/index');
    expect(electron.exposed.map(([key]) => key)).toEqual(['glossator']);
    const api = electron.exposed[0]![1] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...METHODS, 'onMenuCommand', 'onCorpusChanged', 'onSyncProgress'].sort());
    for (const [key, value] of Object.entries(api)) expect(typeof value, key).toBe('function');

    await (api['getDocument'] as (a: unknown) => Promise<unknown>)({ docId: 'x' });
    expect(electron.invoke).toHaveBeenCalledExactlyOnceWith('glossator:getDocument', { docId: 'x' });

    // Main→renderer messages are filtered: a listener sees menu commands only.
    const seen: unknown[] = [];
    const unsubscribe = (api['onMenuCommand'] as (l: (c: unknown) => void) => () => void)((c) => seen.push(c));
    const handler = electron.on.mock.calls[0]![1] as (event: unknown, value: unknown) => void;
    for (const value of ['undo', 'rm -rf', { command: 'undo' }, null]) handler({}, value);
    expect(seen).toEqual(['undo']);
    unsubscribe();
    expect(electron.removeListener).toHaveBeenCalledWith('glossator:menu-command', handler);
  });
});
