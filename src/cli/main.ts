// The headless CLI over the Electron-free core: list, stats, export, import. Exit 0 ok, 1 failed, 2 usage.
import { resolve } from 'node:path';
import { createCore, type Core } from '../main/core/core';
import { dispatch } from '../main/core/dispatch';
import type { Method, Args, Results } from '../shared/contract';
import { BUNDLED_CORPUS, defaultDataDir } from './paths';
import { UsageError, digestOptions, exportFormat, importFormat, parse } from './options';
import { printList, printStats, printImport } from './print';

export const USAGE = `Usage: glossator <command> [options]

Commands:
  list                       the corpus documents with word and passage counts
  stats                      passages per tag and document, passages needing review, reading coverage
  export --out FILE          the selected passages as --format md|html|csv|jsonld|qdpx|qdc (default: FILE's extension)
  import FILE                annotations (.jsonld) or a project (.qdpx) or a codebook (.qdc), merged without duplicates

Options:
  --corpus DIR    corpus folder (default: the bundled corpus)
  --data DIR      data folder (default: the desktop app's, or $GLOSSATOR_DATA_DIR)
  --group-by tag|document   --tags a,b   --docs id,id   --text WORDS   --no-notes   --hashtags   --bom
  --json          list/stats as JSON`;

class Failure extends Error {}

async function call<M extends Method>(core: Core, method: M, args: Args<M>): Promise<Results[M]> {
  const result = await dispatch(core.handlers, method, args);
  if (!result.ok) throw new Failure(result.error.message);
  return result.value as Results[M];
}

export async function main(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      out.write(`${USAGE}\n`);
      return command || values.help ? 0 : 2;
    }
    if (!['list', 'stats', 'export', 'import'].includes(command)) throw new UsageError(`Unknown command "${command}".`);
    const outPath = values.out ? resolve(values.out) : null;
    const inPath = rest[0] ? resolve(rest[0]) : null;
    const core = await createCore({
      corpusDir: resolve(values.corpus ?? BUNDLED_CORPUS),
      dataDir: resolve(values.data ?? defaultDataDir()),
      version: 'cli',
      saveTarget: { chooseSavePath: async () => outPath },
      openTarget: { chooseOpenPath: async () => inPath },
    });
    try {
      if (command === 'list') printList(out, await call(core, 'listDocuments', {}), await call(core, 'listTags', {}), values.json);
      if (command === 'stats') printStats(out, await call(core, 'listDocuments', {}), await call(core, 'listTags', {}), values.json);
      if (command === 'export') {
        if (!outPath) throw new UsageError('export needs --out FILE.');
        const format = exportFormat(values);
        const docs = await call(core, 'listDocuments', {});
        const options = digestOptions(values, await call(core, 'listTags', {}), docs.map((d) => d.id));
        const saved = await call(core, 'exportDigest', { format, options });
        const skipped = saved.skipped ? ` (${saved.skipped} passages needing review left out)` : '';
        out.write(`Wrote ${saved.bytes} bytes to ${saved.path}${skipped}\n`);
      }
      if (command === 'import') {
        if (!inPath) throw new UsageError('import needs a FILE.');
        printImport(out, await call(core, 'importAnnotations', { format: importFormat(values, inPath) }));
      }
    } finally {
      await core.flush();
    }
    return 0;
  } catch (error) {
    err.write(`glossator: ${(error as Error).message}\n`);
    if (error instanceof UsageError) {
      err.write('Run `glossator --help` for usage.\n');
      return 2;
    }
    return 1;
  }
}
