// Reads documents in worker threads, each under a time and memory budget, so no file can freeze or exhaust the main process.
//
// A reader is a parser over untrusted bytes (Readability on 2,000 nested <div>s ran 105 s, a PDF
// content stream of 200 MB took 2.7 GB). Here each read runs in a worker with V8 heap limits
// (resourceLimits) and a wall-clock budget: over either, the worker is terminated, that one file
// is answered with a clear GlossatorError, and the next read gets a fresh worker.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { GlossatorError } from '../../../shared/result';
import type { ReadReply, ReadRequest, TextStats } from './read-protocol';
import type { ReadResult } from './types';

export interface ReadBudget {
  /** Wall-clock time one document may take, from the worker picking it up. */
  timeMs: number;
  /** V8 old-generation heap of a worker; reading the largest allowed file takes a fraction of it. */
  memoryMb: number;
}

/**
 * A 49 MB plain-text file reads in about 8 s on a quiet 2-core machine; a minute leaves room for
 * a busy one, and is still a clear answer for a file no reader will finish.
 */
export const DEFAULT_BUDGET: ReadBudget = { timeMs: 60_000, memoryMb: 2048 };

export interface ReaderPoolOptions {
  /** Workers reading at once; 1 or 2 (the main process needs a core of its own). */
  size?: number;
  budget?: Partial<ReadBudget>;
}

export interface PooledRead extends ReadResult {
  stats: TextStats;
}

interface Task {
  request: ReadRequest;
  resolve(read: PooledRead): void;
  reject(error: GlossatorError): void;
}

/** One worker and the task it is reading, if any. */
interface Slot {
  worker: Worker;
  /** Set once the worker has loaded its readers: a budget counts reading, not the worker's start. */
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

export class ReaderPool {
  private readonly size: number;
  readonly budget: ReadBudget;
  private readonly queue: Task[] = [];
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: ReaderPoolOptions = {}) {
    this.size = Math.max(1, Math.min(2, options.size ?? Math.max(1, availableParallelism() - 1)));
    this.budget = { ...DEFAULT_BUDGET, ...options.budget };
  }

  /** Reads one file's bytes as readDocument() would, in a worker; rejects with a GlossatorError naming the file. */
  read(fileName: string, bytes: Uint8Array): Promise<PooledRead> {
    if (this.closed) return Promise.reject(new GlossatorError('cancelled', `${fileName} was not read: the corpus is closing.`));
    return new Promise<PooledRead>((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, fileName, bytes }, resolve, reject });
      this.pump();
    });
  }

  /** Ends every worker; reads still queued or running are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new GlossatorError('cancelled', `${task.request.fileName} was not read: the corpus is closing.`));
    await Promise.all(this.slots.splice(0).map((slot) => this.retire(slot, new GlossatorError('cancelled', 'The corpus is closing.'))));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      if (this.slots.length < this.size && this.slots.every((s) => !s.ready || s.task !== null)) this.spawn();
      const slot = this.slots.find((s) => s.ready && s.task === null);
      if (slot === undefined) return;
      this.start(slot, this.queue.shift()!);
    }
  }

  /** Starts a worker; it is kept referenced (the process waits for it) until it says it is ready. */
  private spawn(): Slot {
    const { url, eval: evalCode } = workerEntry();
    const worker = new Worker(evalCode ?? url, {
      ...(evalCode === undefined ? {} : { eval: true, workerData: { entry: url.href, tsx: tsxApi() } }),
      resourceLimits: { maxOldGenerationSizeMb: this.budget.memoryMb },
      // The worker's own console output goes to the main process's; its stdin is not needed.
      stdin: false,
    });
    const slot: Slot = { worker, ready: false, task: null, timer: null };
    worker.on('message', (reply: ReadReply | 'ready') => {
      if (reply !== 'ready') return this.settle(slot, reply);
      slot.ready = true;
      slot.worker.unref();
      this.pump();
    });
    worker.on('error', (error: Error) => this.crash(slot, error));
    worker.on('exit', (code) => this.crash(slot, new Error(`the reader stopped (exit code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, task: Task): void {
    slot.task = task;
    slot.worker.ref(); // a read in progress keeps the process alive; an idle worker does not
    slot.timer = setTimeout(() => {
      const { fileName } = task.request;
      void this.retire(
        slot,
        new GlossatorError(
          'too-large',
          `${fileName} was not read: reading it took longer than ${seconds(this.budget.timeMs)} (very deeply nested markup, a huge or damaged file). It is left out; the rest of the corpus is unaffected.`,
        ),
      ).then(() => this.pump());
    }, this.budget.timeMs);
    slot.worker.postMessage(task.request);
  }

  private settle(slot: Slot, reply: ReadReply): void {
    const task = slot.task;
    if (task === null || task.request.id !== reply.id) return;
    this.idle(slot);
    if (reply.ok) task.resolve({ ...reply.read, stats: reply.stats });
    else task.reject(new GlossatorError(reply.error.code, reply.error.message));
    this.pump();
  }

  private idle(slot: Slot): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    slot.worker.unref();
  }

  /** The worker died (out of memory, or a bug in a reader): its task fails, the next read gets a new worker. */
  private crash(slot: Slot, error: Error): void {
    if (!this.slots.includes(slot)) return;
    const task = slot.task;
    const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
    const name = task?.request.fileName ?? 'A document';
    const reason = outOfMemory
      ? new GlossatorError('too-large', `${name} was not read: reading it needed more than ${this.budget.memoryMb} MB of memory (a huge or damaged file). It is left out; the rest of the corpus is unaffected.`)
      : new GlossatorError('internal', `${name} was not read: the reader stopped (${error.message}).`);
    if (!slot.ready) {
      // A worker that cannot even start would fail the same way again: every waiting read fails now.
      const broken = new GlossatorError('internal', `The document reader could not start (${error.message}).`);
      for (const waiting of this.queue.splice(0)) waiting.reject(broken);
      void this.retire(slot, broken);
      return;
    }
    void this.retire(slot, reason).then(() => this.pump());
  }

  /** Takes the slot out of the pool, fails its task with `reason`, and ends its worker. */
  private async retire(slot: Slot, reason: GlossatorError): Promise<void> {
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    const task = slot.task;
    this.idle(slot);
    task?.reject(reason);
    slot.worker.removeAllListeners('exit');
    await slot.worker.terminate().catch(() => undefined);
  }
}

/**
 * Where the worker's code is. Bundled (electron-vite's main build, a compiled CLI), read-worker.js
 * is an entry of the same build, beside this chunk or one folder up. From source (vitest, tsx),
 * the .ts file runs through tsx's loader, registered inside the worker by a two-line bootstrap.
 */
function workerEntry(): { url: URL; eval?: string } {
  const here = import.meta.url;
  if (/\.ts$/.test(here)) {
    return {
      url: new URL('./read-worker.ts', here),
      eval: `const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((tsx) => { tsx.register(); return import(workerData.entry); });`,
    };
  }
  for (const candidate of ['./read-worker.js', '../read-worker.js', '../main/read-worker.js']) {
    const url = new URL(candidate, here);
    if (existsSync(url)) return { url };
  }
  throw new GlossatorError('internal', `The document reader (read-worker.js) is missing beside ${here}; the build is incomplete.`);
}

/** tsx's ESM API (its package's "import" export), found from here so the worker's working folder does not matter. */
function tsxApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exports = (require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
}

let shared: ReaderPool | undefined;

/** The process's pool, started on first use; idle workers do not keep the process alive. */
export function readerPool(): ReaderPool {
  shared ??= new ReaderPool();
  return shared;
}
