// The CLI's commands over the Electron-free core: list, stats, export, import (loaded only when one runs).
import { resolve } from 'node:path';
import { createCore, type Core } from '../main/core/core';
import { dispatch } from '../main/core/dispatch';
import type { Method, Args, Results } from '../shared/contract';
import type { ImportReport } from '../shared/types';
import { APP_VERSION, BUNDLED_CORPUS, defaultDataDir } from './paths';
import { UsageError, digestOptions, exportFormat, importFormat, type CliHooks, type COMMANDS, type Out, type Values } from './options';
import { printList, printStats, printImport, printable } from './print';
import { agreementArgs, printAgreement } from './agreement-command';
import { runSuggest } from './suggest';
import { acquireDataLock, type DataFolderLock } from '../main/store/lock';
import type { DamageReport } from '../main/store/damage';

class Failure extends Error {}

/**
 * The CLI never moves or rewrites a file it cannot read (it is a read-mostly tool, and the app may
 * be running): its stores only report, and any damaged file a command meets fails it, by name.
 */
function damageMessage(found: readonly DamageReport[]): string {
  const lines = found.map((d) =>
    d.movedTo === null
      ? `${d.file} cannot be read: ${d.reason}. It was left where it is.`
      : `${d.file} is missing: the app moved it to ${d.movedTo} because ${d.reason}.`,
  );
  return `${lines.join('\n')}\nOpen Glossator to restore a backup of ${found.length === 1 ? 'this file' : 'these files'}.`;
}

async function call<M extends Method>(core: Core, method: M, args: Args<M>): Promise<Results[M]> {
  const result = await dispatch(core.handlers, method, args);
  if (!result.ok) throw new Failure(result.error.message);
  return result.value as Results[M];
}

/**
 * Documents may have changed since passages were tagged; the CLI re-anchors them as the app does
 * (placement is computed on load) and says so on stderr, so stdout stays clean for scripts.
 */
async function reportReanchoring(core: Core, err: Out): Promise<void> {
  const items = await call(core, 'listReview', {});
  if (items.length === 0) return;
  const count = (state: string) => items.filter((i) => i.passage.state === state).length;
  const docs = await call(core, 'listDocuments', {});
  const total = docs.reduce((n, d) => n + d.passageCount, 0);
  const anchored = total - count('moved') - count('needs-review');
  err.write(
    `glossator: documents changed since passages were tagged: ${anchored} anchored, ${count('moved')} moved, ` +
      `${count('needs-review')} need review, ${count('orphaned')} orphaned. Review them in the app (Review).\n`,
  );
}

const counted = (n: number) => n.toLocaleString('en-US');

/**
 * An import some of whose passages were placed but not written (disk full, a file it may not write)
 * failed: exit 1, saying how many on stderr, even though the rest were stored.
 */
export function notStoredMessage(report: ImportReport): string | null {
  const failed = report.unmatched.filter((u) => u.notStored);
  if (failed.length === 0) return null;
  const total = report.imported + report.merged + report.unmatched.length;
  const reason = failed[0]!.reason.replace(/^it could not be stored: /, '');
  const noun = total === 1 ? 'passage' : 'passages';
  return `${counted(failed.length)} of ${counted(total)} ${noun} could not be stored: ${printable(reason)}`;
}

/** An import whose file held passages but placed none of them failed, whatever else it did. */
export function nothingPlacedMessage(report: ImportReport): string | null {
  if (report.imported + report.merged + (report.memos ? report.memos.imported + report.memos.merged : 0) > 0) return null;
  const n = report.unmatched.length;
  const memos = report.memos?.unmatched.length ?? 0;
  if (n === 0 && memos > 0) return `none of the ${counted(memos)} ${memos === 1 ? 'memo' : 'memos'} in the file could be stored (reasons above).`;
  if (n === 0) return report.tagsAdded.length > 0 || report.format === 'qdc' ? null : 'the file holds no passages to import.';
  return `none of the ${counted(n)} ${n === 1 ? 'passage' : 'passages'} in the file could be placed (reasons above).`;
}

export async function runCommand(
  command: (typeof COMMANDS)[number],
  rest: string[],
  values: Values,
  out: Out,
  err: Out,
  hooks: CliHooks,
): Promise<number> {
  const outPath = values.out ? resolve(values.out) : null;
  const inPath = rest[0] ? resolve(rest[0]) : null;
  const dataDir = resolve(values.data ?? defaultDataDir());
  // Only import writes; it must not run while the app (or another import) uses the folder.
  const lock: DataFolderLock | null = command === 'import' && inPath ? await acquireDataLock(dataDir, 'cli') : null;
  const damaged: DamageReport[] = [];
  const refuseIfDamaged = () => {
    if (damaged.length > 0) throw new Failure(damageMessage(damaged));
  };
  const core = await createCore({
    corpusDir: resolve(values.corpus ?? BUNDLED_CORPUS),
    dataDir,
    storeIo: { damaged: 'report', onDamaged: (d) => damaged.push(d), ...(hooks.ops ? { ops: hooks.ops } : {}) },
    version: APP_VERSION,
    saveTarget: { chooseSavePath: async () => outPath },
    // The bundled corpus is the read-only "default" one even when --corpus names another folder.
    bundledCorpusDir: resolve(BUNDLED_CORPUS),
    // The CLI never asks for folders or documents: no command opens or imports them.
    openTarget: { chooseOpenPath: async () => inPath, chooseFolder: async () => null, chooseFiles: async () => [] },
  }).catch(async (error: unknown) => {
    await lock?.release();
    throw error;
  });
  let code = 0;
  try {
    await reportReanchoring(core, err);
    if (command === 'list') {
      const [docs, tags, notLoaded] = [await call(core, 'listDocuments', {}), await call(core, 'listTags', {}), await call(core, 'listCorpusProblems', {})];
      printList(out, err, docs, tags, notLoaded, values.json);
    }
    if (command === 'stats') printStats(out, await call(core, 'listDocuments', {}), await call(core, 'listTags', {}), values.json);
    if (command === 'export') {
      if (!outPath) throw new UsageError('export needs --out FILE.');
      const format = exportFormat(values);
      const docs = await call(core, 'listDocuments', {});
      const options = digestOptions(values, await call(core, 'listTags', {}), docs.map((d) => d.id));
      // Before anything is written: a digest silently missing a document's passages is worse than none.
      refuseIfDamaged();
      const saved = await call(core, 'exportDigest', { format, options });
      const skipped = saved.skipped ? ` (${saved.skipped} passages left out: they need review, or in a REFI-QDA project carry neither tag nor note)` : '';
      out.write(`Wrote ${saved.bytes} bytes to ${saved.path}${skipped}\n`);
    }
    if (command === 'agreement') {
      const tags = await call(core, 'listTags', {});
      printAgreement(out, err, await call(core, 'getAgreement', agreementArgs(values, tags)), tags, values.json);
    }
    if (command === 'suggest') await runSuggest((method, args) => call(core, method, args), values, out);
    if (command === 'import') {
      if (!inPath) throw new UsageError('import needs a FILE.');
      const report = await call(core, 'importAnnotations', { format: importFormat(values, inPath) });
      printImport(out, report);
      const failed = notStoredMessage(report) ?? nothingPlacedMessage(report);
      if (failed) {
        err.write(`glossator: ${failed}\n`);
        code = 1;
      }
    }
    refuseIfDamaged();
  } catch (error) {
    // A call that failed on a damaged file (the codebook, say) gets the same report, naming every one.
    if (damaged.length > 0 && !(error instanceof UsageError)) throw new Failure(damageMessage(damaged));
    throw error;
  } finally {
    await core.close();
    await lock?.release();
  }
  return code;
}
