// Importing annotations or a codebook from other tools, and the report of what happened.
import type { ImportFormat, ImportReport } from '../../../shared/types';
import type { Workbench } from './workbench.svelte';

export const IMPORT_FORMATS: { format: ImportFormat; label: string }[] = [
  { format: 'jsonld', label: 'W3C Web Annotation (JSON-LD)…' },
  { format: 'qdpx', label: 'REFI-QDA project (.qdpx)…' },
  { format: 'qdc', label: 'REFI-QDA codebook (.qdc)…' },
];

export class Importer {
  open = $state(false);
  busy = $state(false);
  report = $state<ImportReport | null>(null);

  constructor(private readonly wb: Workbench) {}

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
    this.wb.notices.say(`Imported ${imported}, merged ${merged}, could not place ${unmatched.length}.`);
    await this.wb.reload();
  }
}
