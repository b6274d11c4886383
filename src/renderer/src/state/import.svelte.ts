// Importing annotations or a codebook from other tools, and the report of what happened.
import type { ImportFormat, ImportReport } from '../../../shared/types';
import type { Workbench } from './workbench.svelte';

export const IMPORT_FORMATS: { format: ImportFormat; label: string }[] = [
  { format: 'jsonld', label: 'W3C Web Annotation (JSON-LD)…' },
  { format: 'qdpx', label: 'REFI-QDA project (.qdpx)…' },
  { format: 'qdc', label: 'REFI-QDA codebook (.qdc)…' },
];

/** Why an import counts as failed (its file held passages and none was placed), or null. */
export function importFailure(report: ImportReport): string | null {
  if (report.imported + report.merged + (report.memos ? report.memos.imported + report.memos.merged : 0) > 0) return null;
  const n = report.unmatched.length;
  const memos = report.memos?.unmatched.length ?? 0;
  if (n === 0 && memos > 0) return `Nothing was imported: none of the ${memos} ${memos === 1 ? 'memo' : 'memos'} in the file could be stored. The report says why.`;
  if (n === 0) return report.format === 'qdc' || report.tagsAdded.length > 0 ? null : 'The file holds no passages to import.';
  return `Nothing was imported: none of the ${n} ${n === 1 ? 'passage' : 'passages'} in the file could be placed. The report says why.`;
}

export class Importer {
  open = $state(false);
  busy = $state(false);
  report = $state<ImportReport | null>(null);

  /** `memosChanged` re-reads the memos after an import that brought some (they live outside the workbench). */
  constructor(
    private readonly wb: Workbench,
    private readonly memosChanged: () => Promise<void> = async () => {},
  ) {}

  show(): void {
    this.report = null;
    this.open = true;
  }

  close(): void {
    this.open = false;
  }

  async run(format: ImportFormat): Promise<void> {
    this.busy = true;
    const result = await this.wb.client.importAnnotations({ format });
    this.busy = false;
    if (!result.ok) {
      if (result.error.code === 'cancelled') this.wb.notices.say('Nothing was imported.');
      else this.wb.notices.showError(result.error);
      return;
    }
    this.report = result.value;
    const { imported, merged, unmatched } = result.value;
    const failure = importFailure(result.value);
    // An import that placed nothing failed: an error, never a success message.
    if (failure !== null) this.wb.notices.showError(failure);
    else {
      const memos = result.value.memos;
      const memoPart = memos ? ` Memos: imported ${memos.imported}, merged ${memos.merged}, not stored ${memos.unmatched.length}.` : '';
      this.wb.notices.say(`Imported ${imported}, merged ${merged}, could not place ${unmatched.length}.${memoPart}`);
    }
    await this.wb.reload();
    if (result.value.memos) await this.memosChanged();
  }
}
