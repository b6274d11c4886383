// The analyst's settings (theme, pane widths, last document, scroll positions) and recent corpora (stored by settings-store.ts).
import type { Args } from '../../shared/contract';
import type { CoderIdentity, Settings } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import type { JsonStore, StoreIo } from '../store/json-store';
import {
  type CorporaSettings,
  type SettingsFile,
  MAX_RECENT_CORPORA,
  MAX_SCROLL_ENTRIES,
  settingsDefaults as defaults,
  settingsFile,
} from '../store/settings-store';

export {
  type CorporaSettings,
  type SettingsFile,
  DEFAULT_SETTINGS,
  MAX_RECENT_CORPORA,
  MAX_SCROLL_ENTRIES,
  SETTINGS_FILE_VERSION,
  SETTINGS_MIGRATIONS,
} from '../store/settings-store';

export interface SettingsServiceOptions {
  dataDir: string;
}

/**
 * Settings are not precious the way annotations are: a damaged settings.json must not stop the
 * app. get() then answers the defaults; the file is never overwritten (left in place, or moved
 * aside where the host asks, see StoreIo) and update() refuses ('store-unreadable', naming the
 * file), the rule every Glossator file follows. `problem` says what is wrong, for a notice.
 */
export class SettingsService {
  private readonly store: JsonStore<SettingsFile>;

  /** `io` (optional) injects file-system calls and says what to do with a damaged file; see StoreIo. */
  constructor(opts: SettingsServiceOptions, io?: StoreIo) {
    this.store = settingsFile(opts.dataDir, io);
  }

  get file(): string {
    return this.store.file;
  }

  /** Why settings.json could not be opened, in plain words; null if it is fine (or not read yet). */
  get problem(): string | null {
    return this.store.problem;
  }

  /** The current settings; the defaults while settings.json is missing or unreadable. Writes nothing. */
  async get(): Promise<Settings> {
    try {
      return strip(await this.store.read());
    } catch (error) {
      if (error instanceof GlossatorError && error.code === 'store-unreadable') return strip(defaults());
      throw error;
    }
  }

  /**
   * Merges `patch` into the settings and answers all of them. Document ids are not checked here
   * (the service does not know the corpus); the handler does that.
   */
  async update(patch: Args<'updateSettings'>): Promise<Settings> {
    try {
      const next = await this.store.update((draft) => {
        if (patch.theme !== undefined) draft.theme = patch.theme;
        if (patch.panes !== undefined) draft.panes = { ...patch.panes };
        if (patch.lastDocId !== undefined) draft.lastDocId = patch.lastDocId;
        if (patch.scroll !== undefined) draft.scroll = remember(draft.scroll, patch.scroll.docId, patch.scroll.block);
        return draft;
      });
      return strip(next);
    } catch (error) {
      if (error instanceof GlossatorError && error.code === 'store-unreadable') {
        throw new GlossatorError(
          'store-unreadable',
          `${error.message} Settings changes are not saved until the file is repaired or removed.`,
        );
      }
      throw error;
    }
  }

  /** The remembered corpus folders; none while settings.json is missing or unreadable. Writes nothing. */
  async corpora(): Promise<CorporaSettings> {
    try {
      return structuredClone((await this.store.read()).corpora);
    } catch (error) {
      if (error instanceof GlossatorError && error.code === 'store-unreadable') return defaults().corpora;
      throw error;
    }
  }

  /**
   * Remembers `path` as the current corpus and the most recent one; `previous` (the corpus being
   * left) goes right after it, so the corpus the app started with stays reachable from the list
   * although starting writes nothing. Keeps MAX_RECENT_CORPORA, dropping the oldest.
   */
  async rememberCorpus(path: string, previous?: string): Promise<CorporaSettings> {
    const next = await this.store.update((draft) => {
      const first = previous !== undefined && previous !== path ? [path, previous] : [path];
      const rest = draft.corpora.recent.filter((p) => !first.includes(p));
      draft.corpora = { current: path, recent: [...first, ...rest].slice(0, MAX_RECENT_CORPORA) };
      return draft.corpora;
    });
    return structuredClone(next);
  }

  /** This machine's coder identity, or null before one was made. Writes nothing. */
  async coder(): Promise<CoderIdentity | null> {
    try {
      return structuredClone((await this.store.read()).coder);
    } catch (error) {
      if (error instanceof GlossatorError && error.code === 'store-unreadable') return null;
      throw error;
    }
  }

  /** Stores this machine's coder identity and answers it. */
  async setCoder(identity: CoderIdentity): Promise<CoderIdentity> {
    const next = await this.store.update((draft) => {
      draft.coder = { ...identity };
      return draft.coder;
    });
    return structuredClone(next);
  }

  /** Waits until every queued write has settled. */
  flush(): Promise<void> {
    return this.store.flush();
  }
}

/**
 * Sets one scroll position as the most recent and drops the oldest beyond MAX_SCROLL_ENTRIES.
 * "Oldest" is insertion order, which objects keep for string keys, and JSON keeps through a save.
 * Integer-like keys ("12") are the exception: objects list them first, so they would be dropped
 * first. Corpus ids carry letters or underscores, and the cost would only be a forgotten scroll.
 */
function remember(scroll: Record<string, number>, docId: string, block: number): Record<string, number> {
  const entries = Object.entries(scroll).filter(([id]) => id !== docId);
  entries.push([docId, block]);
  return Object.fromEntries(entries.slice(-MAX_SCROLL_ENTRIES));
}

/** Settings as the renderer sees them, without the file's format version; a fresh copy. */
function strip(file: SettingsFile): Settings {
  return {
    theme: file.theme,
    panes: { ...file.panes },
    lastDocId: file.lastDocId,
    scroll: { ...file.scroll },
  };
}
