// Handlers whose module loads on their first call: the names are known up front, the code (and its libraries) later.
import type { Handlers, Method } from '../../../shared/contract';

/**
 * A handler table for `methods` that imports the real one on the first call to any of them. Sync
 * brings isomorphic-git and its compression code, which a session that never syncs (every CLI
 * `list`, most app starts) should not pay to load.
 */
export function lazyHandlers<M extends Method>(methods: readonly M[], load: () => Promise<Pick<Handlers, M>>): Pick<Handlers, M> {
  let loaded: Promise<Pick<Handlers, M>> | null = null;
  const table = {} as Record<M, (args: never) => Promise<unknown>>;
  for (const method of methods) {
    table[method] = async (args: never) => {
      loaded ??= load();
      const handler = (await loaded)[method] as unknown as (args: never) => Promise<unknown>;
      return handler(args);
    };
  }
  return table as unknown as Pick<Handlers, M>;
}
