// Imports a parsed file into a data dir on a corpus through the real services, and reads back what an analyst would see.
import { randomUUID } from 'node:crypto';
import { AnnotationService } from '../../../src/main/core/annotation-service';
import { CodebookService } from '../../../src/main/core/codebook-service';
import { CorpusService } from '../../../src/main/core/corpus-service';
import { ImportService } from '../../../src/main/core/import/import-service';
import type { ParsedImport } from '../../../src/main/interop/types';
import { AnnotationStore } from '../../../src/main/store/annotation-store';
import { TagStore } from '../../../src/main/store/tag-store';
import type { GlossDocument, ImportFormat, ImportReport, PlacedAnnotation, Tag } from '../../../src/shared/types';
import { SEED_CORPUS } from './core-harness';

const clock = { now: () => new Date('2026-11-22T10:00:00Z') };

/** "Relations › Friction": the tag's name after its ancestors' (just its name in a flat codebook). */
export function pathName(tags: readonly Tag[], id: string): string {
  const byId = new Map(tags.map((t) => [t.id, t]));
  const names: string[] = [];
  for (let t = byId.get(id), depth = 0; t && depth < 100; depth++) {
    names.unshift(t.name);
    const parent = (t as Tag & { parentId?: string | null }).parentId ?? null;
    t = parent === null ? undefined : byId.get(parent);
  }
  return names.join(' › ');
}

export const parentIdOf = (t: Tag): string | null => (t as Tag & { parentId?: string | null }).parentId ?? null;

export interface Imported {
  report: ImportReport;
  tags: Tag[];
  /** Every passage: document, quote, tag path names ("Relations › Friction"), note. */
  passages: { docId: string; exact: string; tags: string[]; note: string; range: { start: number; end: number } | null }[];
  texts: Map<string, string>;
  documents: GlossDocument[];
  placed: PlacedAnnotation[];
}

export async function importInto(dataDir: string, parsed: ParsedImport, format: ImportFormat, corpusDir = SEED_CORPUS): Promise<Imported> {
  const corpus = await CorpusService.open(corpusDir);
  const store = new AnnotationStore({ dataDir, corpusKey: 'default' });
  const tagStore = new TagStore({ dataDir });
  const annotations = new AnnotationService(corpus, store, tagStore, clock, randomUUID);
  const codebook = new CodebookService({ tags: tagStore, store, corpus, clock });
  const service = new ImportService({ corpus, annotations, store, tags: tagStore, codebook, newId: randomUUID, clock });
  const report = await service.apply(parsed, format);
  await Promise.all([store.flush(), tagStore.flush()]);
  const tags = await tagStore.list();
  const passages: Imported['passages'] = [];
  const texts = new Map<string, string>();
  const placed: PlacedAnnotation[] = [];
  for (const doc of corpus.all()) {
    texts.set(doc.id, doc.text);
    for (const a of await annotations.list(doc.id)) {
      placed.push(a);
      passages.push({ docId: doc.id, exact: a.target.quote.exact, tags: a.tagIds.map((id) => pathName(tags, id)), note: a.note, range: a.range });
    }
  }
  return { report, tags, passages, texts, documents: [...corpus.all()], placed };
}
