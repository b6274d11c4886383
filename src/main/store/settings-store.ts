// settings.json on disk: its format, versions, migrations and defaults (see layout.ts for where it lives).
import { z } from 'zod';
import type { CoderIdentity, Settings } from '../../shared/types';
import { DEFAULT_SETTINGS } from '../../shared/defaults';
import { paneWidth } from '../../shared/contract';
import { JsonStore, type StoreIo } from './json-store';
import type { Migration } from './migrations';
import { dataPaths } from './layout';

/**
 * Format version of settings.json; bump it when the stored shape changes.
 * 1: theme, panes, lastDocId, scroll. 2: + corpora (read from a version 1 file with no recent corpora).
 * 3: + coder, this machine's coder identity (null until first needed).
 */
export const SETTINGS_FILE_VERSION = 3;

/** Corpus folders remembered; older ones are dropped beyond this. */
export const MAX_RECENT_CORPORA = 10;

/** The corpus folders the analyst opened: absolute real paths, most recent first. */
export interface CorporaSettings {
  /** The folder last opened with openCorpus, for the app to reopen on start; null before any. */
  current: string | null;
  recent: string[];
}

/** Scroll positions kept; the least recently set are dropped beyond this, so the file stays small. */
export const MAX_SCROLL_ENTRIES = 500;

// Corpora stay out of Settings: the renderer reads them through listCorpora, as CorpusInfo.
export type SettingsFile = { schemaVersion: typeof SETTINGS_FILE_VERSION } & Settings & {
  corpora: CorporaSettings;
  coder: CoderIdentity | null;
};

/** A coder's id: a valid path part (it names the coder's folder in a project). */
export const coderIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'expected 1–64 letters, digits, "_" or "-"');
export const coderSchema = z.object({
  id: coderIdSchema,
  name: z.string().trim().min(1).max(100),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like "#0072b2"'),
});

export { DEFAULT_SETTINGS };

const corpusPath = z.string().min(1).max(4096);

// Pane bounds match the updateSettings contract, so whatever get() answers update() would accept.
const settingsFileSchema: z.ZodType<SettingsFile> = z.object({
  schemaVersion: z.literal(SETTINGS_FILE_VERSION),
  theme: z.enum(['system', 'light', 'dark']),
  panes: z.object({ left: paneWidth('left'), right: paneWidth('right') }),
  lastDocId: z.string().min(1).nullable(),
  scroll: z.record(z.string().min(1), z.number().int().nonnegative()),
  corpora: z.object({ current: corpusPath.nullable(), recent: z.array(corpusPath).max(MAX_RECENT_CORPORA) }),
  coder: coderSchema.extend({ confirmed: z.boolean() }).nullable(),
});

/**
 * Upgrades applied in memory on read (see StoreFile); the file is written in the current
 * format on the next change only. Fixtures of every version: test/fixtures/stores/settings/.
 */
export const SETTINGS_MIGRATIONS: readonly Migration[] = [
  // 1 → 2: recent corpora arrived; a version 1 file remembers none.
  { from: 1, to: 2, up: (v1) => ({ ...v1, corpora: { current: null, recent: [] } }) },
  // 2 → 3: coder identities arrived; the identity is made when a project first needs it.
  { from: 2, to: 3, up: (v2) => ({ ...v2, coder: null }) },
];

/** A fresh settings file with every default. */
export const settingsDefaults = (): SettingsFile => ({
  schemaVersion: SETTINGS_FILE_VERSION,
  ...structuredClone(DEFAULT_SETTINGS),
  corpora: { current: null, recent: [] },
  coder: null,
});

/** The JsonStore of `<dataDir>/settings.json`. */
export function settingsFile(dataDir: string, io?: StoreIo): JsonStore<SettingsFile> {
  return new JsonStore<SettingsFile>({
    file: dataPaths(dataDir).settings,
    schema: settingsFileSchema,
    version: SETTINGS_FILE_VERSION,
    migrations: SETTINGS_MIGRATIONS,
    defaults: settingsDefaults,
    io,
  });
}
