// Importing documents into the open corpus, one file at a time, so a batch shows progress and can stop.
import type { GlossError } from '../../../shared/result';
import type { ImportedDocument } from '../../../shared/types';
import type { Workbench } from './workbench.svelte';

type Job = { name: string; run: () => Promise<{ ok: true; value: ImportedDocument } | { ok: false; error: GlossError }> };

/** Base64 of a dropped file, in chunks: String.fromCharCode on a whole large file overflows the stack. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export class DocumentImport {
  running = $state(false);
  done = $state(0);
  total = $state(0);
  current = $state('');
  imported = $state<ImportedDocument[]>([]);
  failures = $state<{ name: string; message: string }[]>([]);
  private stop = false;

  constructor(private readonly wb: Workbench) {}

  /** Asks for files with the system dialog, then imports them. */
  async choose(): Promise<void> {
    const chosen = await this.wb.call(this.wb.client.chooseDocumentFiles({}));
    if (!chosen || chosen.files.length === 0) return;
    await this.runAll(chosen.files.map(({ token, name }) => ({ name, run: () => this.wb.client.importDocument({ token }) })));
  }

  /** Imports files dropped on the window; their bytes travel to main, which keeps the original. */
  async drop(files: File[]): Promise<void> {
    await this.runAll(
      files.map((file) => ({ name: file.name, run: async () => this.wb.client.importDocument({ name: file.name, base64: await base64Of(file) }) })),
    );
  }

  cancel(): void {
    this.stop = true;
  }

  dismiss(): void {
    this.imported = [];
    this.failures = [];
    this.total = 0;
  }

  private async runAll(jobs: Job[]): Promise<void> {
    if (this.running) return;
    Object.assign(this, { running: true, stop: false, done: 0, total: jobs.length, imported: [], failures: [] });
    for (const job of jobs) {
      if (this.stop) break;
      this.current = job.name;
      const result = await job.run();
      if (result.ok) this.imported = [...this.imported, result.value];
      else this.failures = [...this.failures, { name: job.name, message: result.error.message }];
      this.done++;
    }
    const stopped = this.stop && this.done < this.total;
    this.running = false;
    this.current = '';
    await this.wb.refreshSummaries();
    // The first new document opens before the report, which would otherwise be cleared with the old one.
    const first = this.imported[0];
    if (first) await this.wb.open(first.docId);
    const failed = this.failures.length ? `, ${this.failures.length} could not be imported` : '';
    this.wb.notices.say(`${stopped ? 'Stopped: ' : ''}${this.imported.length} of ${this.total} documents imported${failed}.`);
  }
}
