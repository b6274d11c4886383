// The service list: flush asks everyone at once, close goes newest first, and one failure never stops the rest.
import { describe, expect, it } from 'vitest';
import { Lifecycle, ServiceFailures, type Service } from '../../src/main/core/lifecycle';

/** A service that records what it was asked into a shared log, and fails the steps it is told to. */
function recorder(name: string, log: string[], fails: { flush?: boolean; close?: boolean; noClose?: boolean } = {}): Service {
  const step = (what: 'flush' | 'close') => async () => {
    await Promise.resolve();
    log.push(`${what} ${name}`);
    if (fails[what]) throw new Error(`${name} could not ${what}`);
  };
  return fails.noClose ? { flush: step('flush') } : { flush: step('flush'), close: step('close') };
}

describe('Lifecycle', () => {
  it.each([
    ['nobody fails', {}, null],
    ['the first fails', { a: { close: true } }, 'close failed for a (a could not close)'],
    ['the middle fails', { b: { close: true } }, 'close failed for b (b could not close)'],
    ['two fail', { a: { close: true }, c: { close: true } }, 'close failed for c (c could not close), a (a could not close)'],
  ] as const)('close asks every service, newest first, when %s', async (_, fails, message) => {
    const log: string[] = [];
    const services = new Lifecycle();
    for (const name of ['a', 'b', 'c'] as const) services.add(name, recorder(name, log, (fails as Record<string, { close?: boolean }>)[name]));
    const closing = services.close();
    if (message === null) await closing;
    else await expect(closing).rejects.toThrow(message);
    expect(log).toEqual(['close c', 'close b', 'close a']);
  });

  it('a service whose close throws does not stop the others from flushing their writes', async () => {
    const log: string[] = [];
    const services = new Lifecycle();
    services.add('annotations', recorder('annotations', log, { noClose: true }));
    services.add('watcher', recorder('watcher', log, { close: true }));
    services.add('coverage', recorder('coverage', log, { noClose: true }));
    const error = await services.close().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceFailures);
    expect((error as ServiceFailures).failed.map((f) => f.name)).toEqual(['watcher']);
    // Services without close() are flushed by close().
    expect(log).toEqual(['flush coverage', 'close watcher', 'flush annotations']);
  });

  it('flush asks everyone even when one fails, then reports each failure with its cause', async () => {
    const log: string[] = [];
    const services = new Lifecycle();
    services.add('settings', recorder('settings', log, { flush: true }));
    services.add('codebook', recorder('codebook', log));
    services.add('stateless', {});
    const error = (await services.flush().catch((e: unknown) => e)) as ServiceFailures;
    expect(error.message).toBe('flush failed for settings (settings could not flush)');
    expect(error.errors).toHaveLength(1);
    expect(log.sort()).toEqual(['flush codebook', 'flush settings']);
  });

  it('answers the service it registers, so composition reads as one line', () => {
    const service = {};
    expect(new Lifecycle().add('x', service)).toBe(service);
  });
});
