// The names of the main↔renderer calls, with no dependencies, so the preload bundle stays tiny.

export const METHODS = [
  'getAppInfo',
  'listDocuments',
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
  'listPassages',
  'search',
  'getCoverage',
  'setCoverage',
  'getSettings',
  'updateSettings',
] as const;

export type Method = (typeof METHODS)[number];

export const channelOf = (method: Method): string => `glossator:${method}`;

/** Commands the native menu sends to the renderer; the renderer runs them as if from the keyboard. */
export const MENU_COMMANDS = [
  'undo',
  'redo',
  'export-digest',
  'import-annotations',
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

/** The one main→renderer channel: a menu command. */
export const MENU_CHANNEL = 'glossator:menu-command';
