// Access to the preload bridge. The renderer cannot tell Electron's preload from the test host's bridge.
import type { GlossatorApi } from '../../../shared/contract';

declare global {
  interface Window {
    glossator: GlossatorApi;
  }
}

export function api(): GlossatorApi {
  if (!window.glossator) throw new Error('Glossator bridge missing: the preload did not run.');
  return window.glossator;
}
