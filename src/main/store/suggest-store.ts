// Suggestion settings and decisions of one corpus on disk (see layout.ts): two lowdb JSON stores.
import { z } from 'zod';
import { JsonStore, type StoreIo } from './json-store';
import type { CorpusPlace } from './layout';
import { pathsOf } from './path-part';
import { MAX_CUES, MAX_CUE_LENGTH } from '../../shared/suggestions';

/** Format versions; bump when the stored shape changes. */
export const SUGGEST_SETTINGS_VERSION = 1;
export const SUGGEST_DECISIONS_VERSION = 1;

export interface StoredTagSettings {
  enabled: boolean;
  /** The analyst's own threshold; absent: the default, where the expected precision reaches the target. */
  threshold?: number;
  /** The tag's cue lexicon; absent: the default for the tag (none for the analyst's own tags). */
  cues?: string[];
  negatable?: boolean;
}

export interface LocalModelSettings {
  enabled: boolean;
  /** An OpenAI-compatible base URL on this machine (loopback only), e.g. http://127.0.0.1:11434/v1. */
  url: string;
  model: string;
}

export interface SuggestSettingsFile {
  schemaVersion: typeof SUGGEST_SETTINGS_VERSION;
  tags: Record<string, StoredTagSettings>;
  localModel: LocalModelSettings;
}

export interface Decision {
  id: string;
  kind: 'accept' | 'reject';
  docId: string;
  tagId: string;
  start: number;
  end: number;
  /** rejectionKey(exact, tagId): what the rejection memory matches. */
  key: string;
  /** The score the suggestion had, and what made it, for calibrating the threshold. */
  score: number;
  source: 'lexicon' | 'model';
  at: string;
  /** The passage an accept created. */
  annotationId: string | null;
}

export interface DecisionsFile {
  schemaVersion: typeof SUGGEST_DECISIONS_VERSION;
  decisions: Decision[];
}

export const DEFAULT_LOCAL_MODEL: LocalModelSettings = Object.freeze({ enabled: false, url: 'http://127.0.0.1:11434/v1', model: '' });

const tagSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  threshold: z.number().min(0).max(1).optional(),
  cues: z.array(z.string().max(MAX_CUE_LENGTH)).max(MAX_CUES).optional(),
  negatable: z.boolean().optional(),
});

const settingsSchema: z.ZodType<SuggestSettingsFile> = z.object({
  schemaVersion: z.literal(SUGGEST_SETTINGS_VERSION),
  tags: z.record(z.string().min(1).max(200), tagSettingsSchema),
  localModel: z.strictObject({ enabled: z.boolean(), url: z.string().max(500), model: z.string().max(200) }),
});

const decisionSchema = z.strictObject({
  id: z.string().min(1).max(200),
  kind: z.enum(['accept', 'reject']),
  docId: z.string().min(1).max(200),
  tagId: z.string().min(1).max(200),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  key: z.string().min(1).max(300),
  score: z.number().min(0).max(1),
  source: z.enum(['lexicon', 'model']),
  at: z.string().max(40),
  annotationId: z.string().max(200).nullable(),
});

const decisionsSchema: z.ZodType<DecisionsFile> = z.object({
  schemaVersion: z.literal(SUGGEST_DECISIONS_VERSION),
  decisions: z.array(decisionSchema),
});

/** Today's `{ dataDir, corpusKey }`, or `{ paths }` of a project coder's files (see layout.ts). */
export type SuggestStoreOptions = CorpusPlace;

export class SuggestStore {
  readonly settings: JsonStore<SuggestSettingsFile>;
  readonly decisions: JsonStore<DecisionsFile>;

  constructor(opts: SuggestStoreOptions, io: StoreIo = {}) {
    const paths = pathsOf(opts);
    this.settings = new JsonStore<SuggestSettingsFile>({
      file: paths.suggestSettings,
      schema: settingsSchema,
      version: SUGGEST_SETTINGS_VERSION,
      defaults: () => ({ schemaVersion: SUGGEST_SETTINGS_VERSION, tags: {}, localModel: { ...DEFAULT_LOCAL_MODEL } }),
      io,
    });
    this.decisions = new JsonStore<DecisionsFile>({
      file: paths.suggestDecisions,
      schema: decisionsSchema,
      version: SUGGEST_DECISIONS_VERSION,
      defaults: () => ({ schemaVersion: SUGGEST_DECISIONS_VERSION, decisions: [] }),
      io,
    });
  }

  async flush(): Promise<void> {
    await Promise.all([this.settings.flush(), this.decisions.flush()]);
  }
}
