// Composes the Electron-free core: global services, the open corpus (a Workspace), switching corpora and watching the folder.
import { randomUUID } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { METHODS, type Handlers, type Method, type Results } from '../../shared/contract';
import type { CorpusChangeReport, CorpusInfo } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import { TagStore } from '../store/tag-store';
import type { StoreIo } from '../store/json-store';
import { SUPPORTED_EXTENSIONS } from '../corpus/readers';
import type { CorpusService } from './corpus-service';
import { CorpusWatcher } from './corpus-watcher';
import { SettingsService } from './settings-service';
import { Workspace, type CoreMethod, type WorkspaceEnv, type WorkspaceMethod } from './workspace';
import { corpusKeyOf, describeFolder, refOf, resolveCorpusFolder } from './workspace-corpora';
import { syncFolder } from './workspace-sync';
import { corporaHandlers } from './handlers/corpora';
import { projectHandlers } from './handlers/project';
import { lazyHandlers } from './handlers/lazy';
import { SYNC_METHODS } from './handlers/sync-methods';
import { MemorySecretStore, type SecretStore } from '../sync/secret-store';
import type { SyncProgressEvent } from '../../shared/sync';
import { userInfo } from 'node:os';
import { Lifecycle } from './lifecycle';
import { PathGrants } from './path-grants';
import { noOpenTarget, noSaveTarget, systemClock, type Clock, type OpenTarget, type PdfPrinter, type SaveTarget } from './ports';

export type { Clock, OpenTarget, PdfPrinter, SaveTarget } from './ports';

/** How long close() waits for calls still running before it flushes anyway. */
const CLOSE_PATIENCE_MS = 5_000;

export interface CoreOptions {
  dataDir: string;
  /** The corpus folder opened first. Opening it writes nothing (it joins the recent list once left). */
  corpusDir: string;
  /**
   * The bundled corpus: read-only (nothing is imported into it) and stored under the key "default".
   * Defaults to corpusDir, so a core given one folder keeps the single-corpus behaviour (its data
   * under "default"); callers that may start on the analyst's own folder must pass it.
   */
  bundledCorpusDir?: string;
  /** Watch the open corpus folder and reload what changes (Electron does; tests and the CLI need not). */
  watch?: boolean;
  clock?: Clock;
  newId?: () => string;
  version?: string;
  saveTarget?: SaveTarget;
  openTarget?: OpenTarget;
  /** PDF export is only offered where a print engine is injected (Electron, the Chromium test host). */
  pdf?: PdfPrinter;
  /**
   * How every store meets the disk (see StoreIo): the app passes { damaged: 'move-aside' }; the CLI
   * leaves damaged files in place and collects them with onDamaged. Default: report only.
   */
  storeIo?: StoreIo;
  /** Where sync keeps remote tokens (Electron: safeStorage); by default in memory, for this session only. */
  secrets?: SecretStore;
  /**
   * Whether opening a plain, writable folder makes it a project (the app: yes). Without it only
   * folders that already are projects open as such (the CLI, which must not change a folder a
   * read-only command names).
   */
  makeProjects?: boolean;
}

export type CorpusChangeListener = (report: CorpusChangeReport) => void;

export interface Core {
  /**
   * One handler per method. The same object for the core's whole life (IPC registers it once): each
   * call goes to the corpus open at that moment.
   */
  readonly handlers: Handlers;
  /** The open corpus's documents. */
  readonly corpus: CorpusService;
  /** The open corpus. */
  info(): CorpusInfo;
  /**
   * Opens the folder at an absolute path, for trusted callers (the CLI, tests). The renderer cannot:
   * its openCorpus names a known corpus by key or lets main's dialog choose.
   */
  openFolder(path: string): Promise<CorpusInfo>;
  /** Reports of the open corpus's folder changing (with `watch`); answers the unsubscribe function. */
  /** Subscribes to the phases of a running sync (Electron forwards them on SYNC_CHANNEL). */
  onSyncProgress(listener: (progress: SyncProgressEvent) => void): () => void;
  onCorpusChanged(listener: CorpusChangeListener): () => void;
  /** Resolves once every acknowledged write is on disk; call before quitting. */
  flush(): Promise<void>;
  /** Stops watching, then flushes. Every caller must call it when done (a watcher keeps Node running). */
  close(): Promise<void>;
}

const warn = (message: string): void => console.warn(`Glossator: ${message}`);

export async function createCore(options: CoreOptions): Promise<Core> {
  const { dataDir } = options;
  const tags = new TagStore({ dataDir }, options.storeIo);
  const settings = new SettingsService({ dataDir }, options.storeIo);
  const env: WorkspaceEnv = {
    dataDir,
    tags,
    settings,
    clock: options.clock ?? systemClock,
    newId: options.newId ?? randomUUID,
    version: options.version ?? '0.0.0',
    saveTarget: options.saveTarget ?? noSaveTarget,
    openTarget: options.openTarget ?? noOpenTarget,
    pdf: options.pdf ?? null,
    grants: new PathGrants(),
    storeIo: options.storeIo ?? {},
    makeProjects: options.makeProjects ?? false,
  };
  const bundledPath = resolve(options.bundledCorpusDir ?? options.corpusDir);
  const bundled = await realpath(bundledPath).catch(() => bundledPath);
  const listeners = new Set<CorpusChangeListener>();
  let closed = false;

  /** Watches a workspace's folder; a report is sent only while that workspace is the open one. */
  async function watchFolder(ws: Workspace): Promise<CorpusWatcher | null> {
    if (!options.watch) return null;
    const onBatch = async (names: string[]) => {
      const report = await syncFolder(ws, names, warn);
      if (report === null || ws !== current || closed) return;
      for (const listener of listeners) {
        try {
          listener(report);
        } catch (error) {
          warn(`a corpus change listener failed: ${String(error)}`);
        }
      }
    };
    try {
      return await CorpusWatcher.start({ dir: ws.dir, extensions: SUPPORTED_EXTENSIONS, onBatch, onError: (e) => warn(String(e)) });
    } catch (error) {
      // The corpus is still usable without live updates; reopening it tries again.
      warn(`could not watch ${ws.dir}: ${String(error)}`);
      return null;
    }
  }

  let current = await Workspace.open(refOf(await resolveCorpusFolder(resolve(options.corpusDir)), bundled), env);
  let watcher = await watchFolder(current);
  // Writes of corpora left behind, awaited by flush(); switches run one at a time.
  let retired: Promise<unknown> = Promise.resolve();
  let switching: Promise<unknown> = Promise.resolve();
  // The core's services in one list: close() goes newest first (the watcher stops before the corpus
  // it feeds closes), and one failing does not keep the rest from writing what they hold.
  const services = new Lifecycle();
  services.add('codebook', tags);
  services.add('settings', settings);
  services.add('corpora left behind', { flush: () => retired.then(() => undefined) });
  services.add('open corpus', { flush: () => current.flush(), close: () => current.close() });
  services.add('folder watcher', {
    close: async () => {
      await watcher?.close();
      watcher = null;
    },
  });

  async function switchTo(path: string): Promise<CorpusInfo> {
    if (closed) throw new GlossatorError('unsupported', 'Glossator is closing; no corpus can be opened now.');
    const real = await resolveCorpusFolder(path);
    const previous = current;
    if (real !== previous.dir) {
      let next: Workspace;
      try {
        next = await Workspace.open(refOf(real, bundled), env);
      } catch (error) {
        if (error instanceof GlossatorError) throw error;
        throw new GlossatorError('io-error', `Could not open the corpus at ${path}: ${(error as Error).message}`);
      }
      // The new corpus is complete before it is swapped in: a failed open leaves the old one open.
      const nextWatcher = await watchFolder(next);
      const previousWatcher = watcher;
      current = next;
      watcher = nextWatcher;
      retired = Promise.all([retired, previousWatcher?.close(), previous.close()]).catch((e) => warn(String(e)));
    }
    try {
      await settings.rememberCorpus(real, previous.dir);
    } catch (error) {
      // The corpus is open; only the recent list could not be saved (settings.json is damaged, or the disk refused).
      warn(`the recent corpora were not saved: ${(error as Error).message}`);
    }
    return current.info();
  }

  function open(path: string): Promise<CorpusInfo> {
    const run = switching.then(() => switchTo(path));
    switching = run.catch(() => undefined);
    return run;
  }

  /** Remembered folders other than the open one, most recent first; folders gone are left out. */
  async function list(): Promise<Results['listCorpora']> {
    const open = current.info();
    const { recent } = await settings.corpora();
    const infos = await Promise.all(recent.filter((p) => p !== open.path).map((p) => describeFolder(p, bundled)));
    return { current: open, recent: infos.filter((i): i is CorpusInfo => i !== null && i.path !== open.path) };
  }

  /** The folder behind a corpus key the renderer got from listCorpora: the open, bundled or a recent corpus. */
  async function folderOf(key: string): Promise<string | null> {
    if (key === current.info().key) return current.dir;
    if (key === corpusKeyOf(bundled, bundled)) return bundled;
    const { recent } = await settings.corpora();
    for (const path of recent) {
      const real = await realpath(path).catch(() => null);
      if (real !== null && corpusKeyOf(real, bundled) === key) return real;
    }
    return null;
  }

  const syncListeners = new Set<(progress: SyncProgressEvent) => void>();
  /** After a merge changed files under the open corpus: the same folder opened afresh, in the switch queue. */
  function reload(): Promise<void> {
    const run = switching.then(async () => {
      const previous = current;
      const next = await Workspace.open(refOf(previous.dir, bundled), env);
      await watcher?.close();
      await previous.close();
      current = next;
      watcher = await watchFolder(next);
    });
    switching = run.catch(() => undefined);
    return run;
  }
  const secrets = options.secrets ?? new MemorySecretStore();
  const own = {
    ...corporaHandlers({ list, open, folderOf, openTarget: env.openTarget }),
    ...projectHandlers({
      dataDir,
      settings,
      grants: env.grants,
      openTarget: env.openTarget,
      clock: env.clock,
      io: env.storeIo,
      current: () => ({
        dir: current.dir,
        info: current.info(),
        tags: () => current.handlers.listTags({}),
        flush: () => current.flush(),
        setCoder: (c) => current.setCoder(c),
      }),
      open,
    }),
    // Loaded on the first sync call: git is the largest library the core uses, and most sessions never sync.
    ...lazyHandlers(SYNC_METHODS, async () =>
      (await import('./handlers/sync')).syncHandlers({
        folder: () => (current.dir === bundled ? null : current.dir),
        secrets,
        author: () => ({ name: userInfo().username || 'Glossator', email: 'glossator@glossator.invalid' }),
        flush: () => switching.then(() => current.flush()),
        reload,
        onProgress: (p) => syncListeners.forEach((l) => l(p)),
      }),
    ),
  };
  const isOwn = (m: Method): m is CoreMethod => m in own;
  // Calls still running: close() lets them finish, so nothing writes to the data dir after it.
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(call: Promise<T>): Promise<T> => {
    inFlight.add(call);
    void call.then(
      () => inFlight.delete(call),
      () => inFlight.delete(call),
    );
    return call;
  };
  // Looked up per call, so the handler object never changes while the corpus behind it does.
  const route = (m: Method) => (args: unknown) =>
    track(isOwn(m) ? (own[m] as (a: unknown) => Promise<unknown>)(args) : (current.handlers[m as WorkspaceMethod] as (a: unknown) => Promise<unknown>)(args));
  const handlers = Object.freeze(Object.fromEntries(METHODS.map((m) => [m, route(m)]))) as unknown as Handlers;

  async function flush(): Promise<void> {
    await switching;
    await services.flush();
  }

  return {
    handlers,
    get corpus() {
      return current.corpus;
    },
    info: () => current.info(),
    openFolder: (path) => track(open(path)),
    onSyncProgress(listener) {
      syncListeners.add(listener);
      return () => syncListeners.delete(listener);
    },
    onCorpusChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush,
    async close() {
      closed = true;
      // Bounded: a call waiting on a native dialog must not hold up quitting.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const patience = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_PATIENCE_MS)));
      await Promise.race([Promise.allSettled([...inFlight]), patience]);
      clearTimeout(timer);
      await switching;
      await services.close();
    },
  };
}
