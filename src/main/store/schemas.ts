// Zod schemas of the files Glossator stores (annotation files, the codebook) and their format versions.
import { z } from 'zod';
import type { Annotation, Tag } from '../../shared/types';
import { checkTree } from '../../shared/tag-tree';
import type { Migration } from './migrations';

/**
 * Format version of each stored file. Bump it whenever the stored shape changes, so an older build
 * refuses a newer file instead of silently dropping fields it does not know when it rewrites it.
 */
export const ANNOTATION_FILE_VERSION = 1;
/** 2: tags nest (`parentId`) and carry their place among siblings (`order`). */
export const TAG_FILE_VERSION = 2;

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
  parentId: z.string().min(1).nullable(),
  order: z.number().finite(),
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

// A codebook that is not a tree (a dangling parent, a cycle, twin siblings) is refused as a whole,
// like any other malformed file: it is never rewritten until the analyst restores or repairs it.
export const tagFileSchema: z.ZodType<TagFile> = z
  .object({
    schemaVersion: z.literal(TAG_FILE_VERSION),
    tags: z.array(tagSchema),
  })
  .superRefine((file, ctx) => {
    for (const message of checkTree(file.tags)) ctx.addIssue({ code: 'custom', path: ['tags'], message });
  });

/**
 * Upgrades of tags.json applied in memory on read (see StoreFile). Fixtures of every version:
 * test/fixtures/stores/tags/.
 */
export const TAG_MIGRATIONS: readonly Migration[] = [
  // 1 → 2: nesting arrived; every tag of a flat codebook is top-level, in the order of the array.
  {
    from: 1,
    to: 2,
    up: (v1) => ({
      ...v1,
      tags: (v1['tags'] as Record<string, unknown>[]).map((t, order) => ({ ...t, parentId: null, order })),
    }),
  },
];
