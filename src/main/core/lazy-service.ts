// A service made on first use: its code (and what that code imports) loads only when a call needs it.
import type { Service } from './lifecycle';

/**
 * Wraps a service whose module is costly to load: the suggestion engine brings an NLP model that
 * takes longer to load than a warm start takes in all, and most sessions (every CLI `list`) never
 * ask for a suggestion. Flush and close reach the service only if it was made.
 */
export class LazyService<T extends Service> implements Service {
  private made: Promise<T> | null = null;

  constructor(private readonly make: () => Promise<T>) {}

  /** The service, made by the first caller; later callers wait for the same one. */
  get(): Promise<T> {
    this.made ??= this.make();
    return this.made;
  }

  async flush(): Promise<void> {
    if (this.made) await (await this.made).flush?.();
  }

  async close(): Promise<void> {
    if (!this.made) return;
    const service = await this.made;
    await (service.close ? service.close() : service.flush?.());
  }
}
