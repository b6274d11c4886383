// The flush/close lifecycle every service shares, and the one list that flushes and shuts them down together.

/** A service with writes to finish (flush) and, optionally, resources to release (close). */
export interface Service {
  /** Resolves once every write it acknowledged is on disk. */
  flush?(): Promise<void>;
  /** Finishes its writes and releases what it holds; without one, close means flush. */
  close?(): Promise<void>;
}

/** Raised after every service was asked: names each one that failed, with its own error as cause. */
export class ServiceFailures extends AggregateError {
  constructor(
    step: 'flush' | 'close',
    readonly failed: readonly { name: string; error: unknown }[],
  ) {
    super(
      failed.map((f) => f.error),
      `${step} failed for ${failed.map((f) => `${f.name} (${f.error instanceof Error ? f.error.message : String(f.error)})`).join(', ')}`,
    );
    this.name = 'ServiceFailures';
  }
}

/**
 * The services of one composition, in the order they were made (Zettlr's ProviderContract list).
 * flush() asks all at once; close() goes newest first, so a service closes before those it uses.
 * Either way one failure never stops the rest: each is asked, then the failures are raised together.
 */
export class Lifecycle {
  private readonly services: { name: string; service: Service }[] = [];

  /** Registers a service under a name for error reports; answers it, so composition reads as one line. */
  add<T extends Service>(name: string, service: T): T {
    this.services.push({ name, service });
    return service;
  }

  async flush(): Promise<void> {
    await this.each('flush', this.services, (s) => s.flush?.());
  }

  async close(): Promise<void> {
    await this.each('close', [...this.services].reverse(), (s) => (s.close ? s.close() : s.flush?.()));
  }

  private async each(
    step: 'flush' | 'close',
    services: readonly { name: string; service: Service }[],
    run: (s: Service) => Promise<void> | undefined,
  ): Promise<void> {
    const failed: { name: string; error: unknown }[] = [];
    const tryOne = async ({ name, service }: { name: string; service: Service }) => {
      try {
        await run(service);
      } catch (error) {
        failed.push({ name, error });
      }
    };
    if (step === 'flush') await Promise.all(services.map(tryOne));
    else for (const entry of services) await tryOne(entry);
    if (failed.length > 0) throw new ServiceFailures(step, failed);
  }
}
