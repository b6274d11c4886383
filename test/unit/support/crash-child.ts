// Crash-test writer: adds annotations through the real AnnotationStore and reports each acknowledged one on stdout until SIGKILLed.
//
// Protocol (one line each): prints "ready" once its modules are loaded; reads "go <dataDir>
// <corpusKey> <prefix> <seed> <doc,doc,…>"; opens the store only then (a store opened earlier could hold a
// state older than what a previous writer acknowledged), reads the documents, prints "open", and from then on prints
// "start <doc> <id>" before each add() and "ack <doc> <id>" once it has resolved. It never stops
// by itself: the parent kills it.
import { createInterface } from 'node:readline';
import { AnnotationStore } from '../../../src/main/store/annotation-store';
import type { Annotation } from '../../../src/shared/types';
import { mulberry32 } from '../../../scripts/prng';


function passage(docId: string, id: string, noteLength: number): Annotation {
  const at = new Date().toISOString();
  return {
    id,
    docId,
    target: {
      position: { start: 0, end: 6 },
      quote: { exact: 'Tehran', prefix: '', suffix: ' and Moscow' },
      contentHash: 'sha256:crash',
    },
    tagIds: ['cooperation'],
    note: 'n'.repeat(noteLength),
    created: at,
    modified: at,
  };
}

// Written with a single write(2) per line: on Linux, stdout to a pipe is synchronous, so a line
// is in the pipe before the next statement runs and a kill cannot lose a reported ack.
const say = (line: string) => process.stdout.write(`${line}\n`);

async function write(dataDir: string, corpusKey: string, prefix: string, seed: number, docs: string[]): Promise<void> {
  const random = mulberry32(seed);
  const store = new AnnotationStore({ dataDir, corpusKey }, { damaged: 'move-aside' });
  // Files read first, so the parent's 1–30 ms after "open" are spent saving.
  await Promise.all(docs.map((d) => store.list(d)));
  say('open');
  let n = 0;
  // Two writers: two documents saving at once, or two saves queued on one.
  const writer = async () => {
    for (;;) {
      const doc = docs[Math.floor(random() * docs.length)]!;
      const id = `${prefix}-${n++}`;
      say(`start ${doc} ${id}`);
      try {
        await store.add(doc, passage(doc, id, Math.floor(random() * 4000)));
      } catch (err) {
        say(`error ${doc} ${id} ${(err as Error).message.replace(/\s+/g, ' ')}`);
        continue;
      }
      say(`ack ${doc} ${id}`);
    }
  };
  await Promise.all([writer(), writer()]);
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [verb, dataDir, corpusKey, prefix, seed, docs] = line.split(' ');
  if (verb === 'go' && dataDir && corpusKey && prefix && docs) void write(dataDir, corpusKey, prefix, Number(seed), docs.split(','));
});
say('ready');
