// The reader worker's entry: reads one document at a time off the main process (read-pool.ts starts and budgets it).
//
// Self-contained on purpose: it is its own entry in the main bundle (electron.vite.config.ts) and
// imports only the readers and the text statistics, never the core.
import { parentPort } from 'node:worker_threads';
import { GlossatorError } from '../../../shared/result';
import { countWords, hashText } from '../text-stats';
import { loadReaders, readDocument } from './index';
import type { ReadReply, ReadRequest } from './read-protocol';

const port = parentPort;
if (port === null) throw new Error('read-worker.ts runs only as a worker thread.');

port.on('message', (request: ReadRequest) => {
  void (async (): Promise<ReadReply> => {
    try {
      const read = await readDocument(request.fileName, request.bytes);
      // Hash and count here too: on a 50 MB text they are a noticeable block the main process is spared.
      return { id: request.id, ok: true, read, stats: { contentHash: hashText(read.text), wordCount: countWords(read.text) } };
    } catch (e) {
      const error = e instanceof GlossatorError ? { code: e.code, message: e.message } : { code: 'invalid-argument' as const, message: `${request.fileName} could not be read: ${(e as Error).message}` };
      return { id: request.id, ok: false, error };
    }
  })().then((reply) => port.postMessage(reply));
});

// Once the readers are loaded, a read's budget counts reading alone. A reader that cannot load is
// not fatal here: the read that needs it fails with the error, named, like any unreadable file.
void loadReaders().then(
  () => port.postMessage('ready'),
  () => port.postMessage('ready'),
);
