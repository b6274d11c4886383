// The names of the main↔renderer calls, with no dependencies, so the preload bundle stays tiny.

export const METHODS = [
  'getAppInfo',
  'listDocuments',
  'getDocumentSummary',
  'listCorpusProblems',
  'getDocument',
  'listTags',
  'listAnnotations',
  'createAnnotation',
  'updateAnnotation',
  'deleteAnnotation',
  'buildDigest',
  'getCharts',
  'exportDigest',
  'importAnnotations',
  'restoreAnnotation',
  'setPassageTags',
  'createTag',
  'updateTag',
  'reorderTags',
  'mergeTags',
  'deleteTag',
  'restoreTag',
  'moveTag',
  'placeTags',
  'listPassages',
  'search',
  'getCoverage',
  'setCoverage',
  'getSettings',
  'updateSettings',
  'listCorpora',
  'openCorpus',
  'getCoder',
  'setCoder',
  'listCoders',
  'listLayerPassages',
  'chooseProjectFolder',
  'saveAsProject',
  'updateMetadata',
  'chooseDocumentFiles',
  'importDocument',
  'listReview',
  'confirmMove',
  'reattach',
  'listDamaged',
  'restoreBackup',
  'startEmpty',
  'listMemos',
  'saveMemo',
  'deleteMemo',
  'restoreMemo',
  'searchMemos',
  'getAgreement',
  'listDisagreements',
  'getUndoHistory',
  'saveUndoHistory',
  'getSyncStatus',
  'setSyncRemote',
  'syncProject',
  'listConflicts',
  'resolveConflict',
  'getSuggestions',
  'acceptSuggestion',
  'rejectSuggestion',
  'undoSuggestionDecision',
  'updateSuggestTag',
  'getLocalModel',
  'updateLocalModel',
] as const;

export type Method = (typeof METHODS)[number];

export const channelOf = (method: Method): string => `glossator:${method}`;

/** Commands the native menu sends to the renderer; the renderer runs them as if from the keyboard. */
export const MENU_COMMANDS = [
  'undo',
  'redo',
  'export-digest',
  'import-annotations',
  'import-documents',
  'open-corpus',
  'review-queue',
  'find',
  'passages-view',
  'codebook',
  'next-passage',
  'previous-passage',
  'toggle-read',
  'theme-system',
  'theme-light',
  'theme-dark',
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Main→renderer channels: a menu command, and a report that the corpus folder changed. */
export const MENU_CHANNEL = 'glossator:menu-command';
export const CORPUS_CHANNEL = 'glossator:corpus-changed';
/** Main→renderer: the phase a running sync is in. */
export const SYNC_CHANNEL = 'glossator:sync-progress';
