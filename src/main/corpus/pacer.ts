// Hands the event loop back during long runs of main-process work (loading a corpus, its cache).
import { setImmediate } from 'node:timers/promises';

/**
 * How much synchronous work may run between two turns of the event loop. The main process
 * answers IPC and paints nothing itself, but a window whose calls wait much longer than a frame
 * or two feels stuck; 20 ms keeps the cost of yielding (a few µs each) well under 1%.
 */
export const SLICE_MS = 20;

/**
 * Call `breathe()` between units of work: it resolves at once while the current slice lasts and
 * yields to the event loop (setImmediate, so pending I/O and IPC run first) once it is spent.
 * Awaiting an already-settled promise does not yield, so a loop over prefetched or cached data
 * needs this even though it awaits.
 */
export class Pacer {
  private sliceStart = performance.now();

  constructor(private readonly sliceMs = SLICE_MS) {}

  async breathe(): Promise<void> {
    if (performance.now() - this.sliceStart < this.sliceMs) return;
    await setImmediate();
    this.sliceStart = performance.now();
  }
}
