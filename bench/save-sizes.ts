// Durable saves by the number of passages in the saved document (10 / 1,000 / 10,000 / 50,000), each beside its raw-write floor.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { encodeAnnotationFile } from '../src/main/store/annotation-codec';
import { AnnotationStore } from '../src/main/store/annotation-store';
import { ANNOTATION_FILE_VERSION } from '../src/main/store/schemas';
import type { Annotation } from '../src/shared/types';
import { rawWrite } from './raw-write';
import { figure, sample, time, type Figure } from './stats';

export const SAVE_SIZES = [10, 1_000, 10_000, 50_000] as const;

/** A passage like the bench corpus's: a quote of ~40 characters with context, one or two tags, no note. */
function passage(docId: string, i: number): Annotation {
  const start = i * 60;
  return {
    id: `p-${String(i).padStart(6, '0')}`,
    docId,
    target: {
      position: { start, end: start + 40 },
      quote: { exact: `quoted words of passage number ${i} here`, prefix: 'the text before it, some words ', suffix: ' and the text after it, more' },
      contentHash: `sha256:${'ab'.repeat(32)}`,
    },
    tagIds: i % 3 === 0 ? ['friction', 'hedging'] : ['cooperation'],
    note: '',
    created: '2026-11-22T10:00:00.000Z',
    modified: '2026-11-22T10:00:00.000Z',
  };
}

/**
 * One document's file at each size, changed one passage at a time: the save the analyst waits for
 * after a tag. Saves at different sizes are never pooled into one figure.
 */
export async function measureSavesBySize(runs: number, sizes: readonly number[] = SAVE_SIZES): Promise<Figure[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'glossator-bench-saves-'));
  const figures: Figure[] = [];
  try {
    const store = new AnnotationStore({ dataDir, corpusKey: 'bench' });
    for (const size of sizes) {
      const docId = `doc-${size}`;
      const file = store.fileOf(docId);
      // Set up in one write (the store then reads and checks it as any file it finds).
      await mkdir(dirname(file), { recursive: true });
      const annotations = Array.from({ length: size }, (_, i) => passage(docId, i));
      await writeFile(file, encodeAnnotationFile({ schemaVersion: ANNOTATION_FILE_VERSION, docId, annotations }));
      const beside = `${file}.bench-raw`;
      const raws: number[] = [];
      const saves = await sample(runs, async (i) => {
        const target = `p-${String((((i * 7919) % size) + size) % size).padStart(6, '0')}`;
        const ms = await time(() => store.update(docId, target, (a) => ({ ...a, tagIds: i % 2 === 0 ? ['friction'] : ['hedging'] })));
        const bytes = await readFile(file);
        const raw = await time(() => rawWrite(beside, bytes));
        if (i >= 0) raws.push(raw);
        return ms;
      });
      await rm(beside, { force: true });
      figures.push(
        figure(`Durable save of one change, ${size.toLocaleString('en')} passages in that document`, 'ms', saves, { target: 30 }),
        figure(`…÷ raw write + fsync + rename of the same bytes (${size.toLocaleString('en')} passages)`, 'x', saves.map((s, i) => s / (raws[i] ?? s)), {
          judgeBy: 'p50',
          note: 'ratio: this run’s durable save divided by the raw write that followed it',
        }),
      );
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  return figures;
}
