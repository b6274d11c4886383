// The analyst's settings (theme, pane widths, last document, scroll positions) in <dataDir>/settings.json.
import { join } from 'node:path';
import { z } from 'zod';
import type { Args } from '../../shared/contract';
import type { Settings } from '../../shared/types';
import { GlossatorError } from '../../shared/result';
import { JsonStore } from '../store/json-store';

/** Format version of settings.json; bump it when the stored shape changes. */
export const SETTINGS_FILE_VERSION = 1;

/** Scroll positions kept; the least recently set are dropped beyond this, so the file stays small. */
export const MAX_SCROLL_ENTRIES = 500;

export type SettingsFile = { schemaVersion: typeof SETTINGS_FILE_VERSION } & Settings;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  theme: 'system',
  panes: Object.freeze({ left: 260, right: 340 }),
  lastDocId: null,
  scroll: Object.freeze({}),
});

// Pane bounds match the updateSettings contract, so whatever get() answers update() would accept.
const settingsFileSchema: z.ZodType<SettingsFile> = z.object({
  schemaVersion: z.literal(SETTINGS_FILE_VERSION),
  theme: z.enum(['system', 'light', 'dark']),
  panes: z.object({ left: z.number().int().min(160).max(800), right: z.number().int().min(220).max(900) }),
  lastDocId: z.string().min(1).nullable(),
  scroll: z.record(z.string().min(1), z.number().int().nonnegative()),
});

const defaults = (): SettingsFile => ({ schemaVersion: SETTINGS_FILE_VERSION, ...structuredClone(DEFAULT_SETTINGS) });

export interface SettingsServiceOptions {
  dataDir: string;
}

/**
 * Settings are not precious the way annotations are: a damaged settings.json must not stop the
 * app. get() then answers the defaults; the file is left untouched and update() refuses to write
 * over it ('store-unreadable', naming the file), the rule every Glossator file follows. `problem`
 * says what is wrong, for a notice.
 */
export class SettingsService {
  private readonly store: JsonStore<SettingsFile>;

  constructor(opts: SettingsServiceOptions) {
    this.store = new JsonStore<SettingsFile>({
      file: join(opts.dataDir, 'settings.json'),
      schema: settingsFileSchema,
      version: SETTINGS_FILE_VERSION,
      defaults,
    });
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
