// Services and handlers made on first use: nothing loads until a call needs it; flush and close reach only what was made.
import { describe, expect, it } from 'vitest';
import { LazyService } from '../../src/main/core/lazy-service';
import { lazyHandlers } from '../../src/main/core/handlers/lazy';
import { SYNC_METHODS } from '../../src/main/core/handlers/sync-methods';

class Recorder {
  calls: string[] = [];
  async flush(): Promise<void> {
    this.calls.push('flush');
  }
  async close(): Promise<void> {
    this.calls.push('close');
  }
}

describe('LazyService', () => {
  it.each([
    { step: 'flush' as const, used: false, made: 0, calls: [] },
    { step: 'close' as const, used: false, made: 0, calls: [] },
    { step: 'flush' as const, used: true, made: 1, calls: ['flush'] },
    { step: 'close' as const, used: true, made: 1, calls: ['close'] },
  ])('$step when used=$used makes $made and passes on $calls', async ({ step, used, made, calls }) => {
    let count = 0;
    const service = new Recorder();
    const lazy = new LazyService(async () => (count++, service));
    if (used) await Promise.all([lazy.get(), lazy.get()]);
    await lazy[step]();
    expect(count).toBe(made);
    expect(service.calls).toEqual(calls);
  });

  it('a service that failed to load fails its callers, and flush says so', async () => {
    const lazy = new LazyService<Recorder>(async () => {
      throw new Error('model missing');
    });
    await expect(lazy.get()).rejects.toThrow('model missing');
    await expect(lazy.flush()).rejects.toThrow('model missing');
  });
});

describe('lazyHandlers', () => {
  it('loads the table once, on the first call, and answers every listed method through it', async () => {
    let loads = 0;
    const table = lazyHandlers(SYNC_METHODS, async () => {
      loads++;
      return Object.fromEntries(SYNC_METHODS.map((m) => [m, async () => `${m} answered`])) as never;
    });
    expect(Object.keys(table).sort()).toEqual([...SYNC_METHODS].sort());
    expect(loads).toBe(0);
    const answers = await Promise.all(SYNC_METHODS.map((m) => (table[m] as (a: unknown) => Promise<unknown>)({})));
    expect(answers).toEqual(SYNC_METHODS.map((m) => `${m} answered`));
    expect(loads).toBe(1);
  });
});
