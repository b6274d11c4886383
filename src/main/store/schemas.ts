// Zod schemas of the files Glossator stores (annotation files, the codebook) and their format versions.
import { z } from 'zod';
import type { Annotation, Tag } from '../../shared/types';

/**
 * Format version of each stored file. Bump it whenever the stored shape changes, so an older build
 * refuses a newer file instead of silently dropping fields it does not know when it rewrites it.
 */
export const ANNOTATION_FILE_VERSION = 1;
export const TAG_FILE_VERSION = 1;

const offset = z.number().int().nonnegative();

// Typed against the shared interfaces so a field added to Annotation or Tag without a schema change
// fails to compile instead of being stripped on the next save.
export const annotationSchema: z.ZodType<Annotation> = z.object({
  id: z.string().min(1),
  docId: z.string().min(1),
  target: z.object({
    position: z.object({ start: offset, end: offset }),
    quote: z.object({ exact: z.string(), prefix: z.string(), suffix: z.string() }),
    contentHash: z.string(),
  }),
  tagIds: z.array(z.string()),
  note: z.string(),
  created: z.string(),
  modified: z.string(),
});

export const tagSchema: z.ZodType<Tag> = z.object({
  id: z.string().min(1),
  name: z.string(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like "#009e73"'),
  description: z.string(),
  shortcut: z.string().nullable(),
});

export interface AnnotationFile {
  schemaVersion: typeof ANNOTATION_FILE_VERSION;
  docId: string;
  annotations: Annotation[];
}

export interface TagFile {
  schemaVersion: typeof TAG_FILE_VERSION;
  tags: Tag[];
}

export const annotationFileSchema: z.ZodType<AnnotationFile> = z.object({
  schemaVersion: z.literal(ANNOTATION_FILE_VERSION),
  docId: z.string().min(1),
  annotations: z.array(annotationSchema),
});

export const tagFileSchema: z.ZodType<TagFile> = z.object({
  schemaVersion: z.literal(TAG_FILE_VERSION),
  tags: z.array(tagSchema),
});
