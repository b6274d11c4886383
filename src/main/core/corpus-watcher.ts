// Watches a corpus folder (chokidar) and hands the names of touched document files over in debounced batches.
import { basename, extname, resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

/** Quiet time after the last event before a batch is handed over: one save often fires several events. */
export const BATCH_DEBOUNCE_MS = 150;
/** A file must keep its size this long before it counts as written (copies and downloads arrive in pieces). */
export const WRITE_STABILITY_MS = 200;

export interface CorpusWatcherOptions {
  dir: string;
  /** Lower-case extensions with the dot (".txt"); files with others are not watched. */
  extensions: readonly string[];
  /**
   * Called with the file names (not paths) touched since the last batch, one batch at a time.
   * Names, not events: the handler looks at what the folder holds now, so "added then deleted
   * within a batch" and editors' save-by-rename come out right whatever order events arrived in.
   */
  onBatch(names: string[]): Promise<void>;
  /** A watcher or batch failure; the watcher goes on. Defaults to console.error. */
  onError?(error: unknown): void;
  debounceMs?: number;
  stabilityMs?: number;
}

/** Dotfiles and the scratch files editors, office suites and downloads leave beside the real one. */
export function isScratchName(name: string): boolean {
  return (
    name.startsWith('.') ||
    name.startsWith('~$') ||
    name.endsWith('~') ||
    /\.(tmp|temp|swp|swx|part|crdownload|download)$/i.test(name)
  );
}

export class CorpusWatcher {
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly opts: CorpusWatcherOptions,
    private readonly watcher: FSWatcher,
  ) {}

  /** Starts watching; resolves once chokidar has scanned the folder, so later changes are all seen. */
  static async start(opts: CorpusWatcherOptions): Promise<CorpusWatcher> {
    const root = resolve(opts.dir);
    const wanted = new Set(opts.extensions.map((e) => e.toLowerCase()));
    const watcher = watch(root, {
      ignoreInitial: true,
      // Documents sit directly in the corpus folder; subfolders are not part of it.
      depth: 0,
      // A link added while open must not make the corpus read a file outside it: the link itself
      // is reported (its name reaches the batch, and the loader refuses to read through it).
      followSymlinks: false,
      awaitWriteFinish: { stabilityThreshold: opts.stabilityMs ?? WRITE_STABILITY_MS, pollInterval: 50 },
      // Called for the folder itself too, which must not be ignored.
      ignored: (path: string) => {
        if (resolve(path) === root) return false;
        const name = basename(path);
        return isScratchName(name) || !wanted.has(extname(name).toLowerCase());
      },
    });
    const self = new CorpusWatcher(opts, watcher);
    for (const event of ['add', 'change', 'unlink'] as const) {
      watcher.on(event, (path: string) => self.touch(basename(path)));
    }
    watcher.on('error', (error: unknown) => self.fail(error));
    await new Promise<void>((done) => watcher.once('ready', () => done()));
    return self;
  }

  private touch(name: string): void {
    if (this.closed) return;
    this.pending.add(name);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flushPending(), this.opts.debounceMs ?? BATCH_DEBOUNCE_MS);
  }

  private flushPending(): void {
    this.timer = null;
    const names = [...this.pending].sort();
    this.pending = new Set();
    if (names.length === 0 || this.closed) return;
    // One batch at a time: a batch that is still loading must not race the next one's changes.
    this.running = this.running.then(() => (this.closed ? undefined : this.opts.onBatch(names))).catch((e) => this.fail(e));
  }

  private fail(error: unknown): void {
    (this.opts.onError ?? ((e: unknown) => console.error('Glossator: corpus watcher:', e)))(error);
  }

  /** Stops watching; a batch already running finishes, pending names are dropped. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    await this.watcher.close();
    await this.running;
  }
}
