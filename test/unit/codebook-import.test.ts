// A codebook import (.qdc) creates all its new tags in ONE atomic write of tags.json, not one per tag.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AnnotationService } from '../../src/main/core/annotation-service';
import { CodebookService } from '../../src/main/core/codebook-service';
import { CorpusService } from '../../src/main/core/corpus-service';
import { ImportService } from '../../src/main/core/import/import-service';
import { renderQdc } from '../../src/main/interop/refi-export';
import { parseQdc } from '../../src/main/interop/refi-import';
import { AnnotationStore } from '../../src/main/store/annotation-store';
import { TagStore } from '../../src/main/store/tag-store';
import { DEFAULT_TAGS } from '../../src/shared/default-tags';
import type { Tag } from '../../src/shared/types';
import { removeTempDirs, tempDataDir } from './store-helpers';

afterEach(removeTempDirs);

const NOW = new Date('2026-11-22T10:00:00Z');

async function services(dataDir: string) {
  const clock = { now: () => NOW };
  let n = 0;
  const newId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  await mkdir(join(dataDir, 'corpus'));
  const corpus = await CorpusService.open(join(dataDir, 'corpus'));
  const store = new AnnotationStore({ dataDir, corpusKey: 'default' });
  const tags = new TagStore({ dataDir });
  const annotations = new AnnotationService(corpus, store, tags, clock, newId);
  const codebook = new CodebookService({ tags, store, corpus, clock });
  return { tags, codebook, importer: new ImportService({ corpus, annotations, store, tags, codebook, newId, clock }) };
}

const codes = (count: number): Tag[] =>
  Array.from({ length: count }, (_, i) => ({ id: `c${i}`, name: `Code ${i}`, color: '#336699', description: `about ${i}`, shortcut: null, parentId: null, order: i }));

const tagsIn = async (file: string) => (JSON.parse(await readFile(file, 'utf8')) as { tags: Tag[] }).tags;

describe('importing a codebook', () => {
  it('adds 600 codes in one write: the backup holds the codebook as it was before the import', async () => {
    const dataDir = await tempDataDir();
    const { tags, codebook, importer } = await services(dataDir);
    await codebook.createTag({ name: 'Before', color: '#112233' });
    const before = await tags.list();

    const report = await importer.apply(parseQdc(renderQdc(codes(600), NOW)), 'qdc');
    expect(report.tagsAdded).toHaveLength(600);
    expect(report.tagsAdded.slice(0, 2)).toEqual(['Code 0', 'Code 1']);

    const file = join(dataDir, 'tags.json');
    const now = await tagsIn(file);
    expect(now).toHaveLength(before.length + 600);
    expect(now.at(-1)).toMatchObject({ name: 'Code 599', color: '#336699', description: 'about 599' });
    // One write: .bak is the version it replaced (one write per tag would leave 599 codes there).
    expect(await tagsIn(`${file}.bak`)).toEqual(before);
    expect(before).toHaveLength(DEFAULT_TAGS.length + 1);

    const again = await importer.apply(parseQdc(renderQdc(codes(600), NOW)), 'qdc');
    expect(again.tagsAdded).toEqual([]);
    expect(await tagsIn(file)).toEqual(now);
  });
});
