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
  'saveDigest',
] as const;

export type Method = (typeof METHODS)[number];

export const channelOf = (method: Method): string => `glossator:${method}`;
