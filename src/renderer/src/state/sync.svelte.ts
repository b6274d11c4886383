// Syncing the open project from the app: its remote and token, a sync with its phase shown as it runs, the report, and the conflicts to settle side by side.
import type { ConflictChoice, ConflictView, SyncPhase, SyncProgressEvent, SyncReportView, SyncStatus } from '../../../shared/sync';
import type { Workbench } from './workbench.svelte';

export const SYNC_PHASES: readonly SyncPhase[] = ['commit', 'fetch', 'merge', 'push'];

export class SyncState {
  status = $state<SyncStatus | null>(null);
  open = $state(false);
  running = $state(false);
  /** The phase a running sync is in, with the engine's detail. */
  progress = $state<SyncProgressEvent | null>(null);
  report = $state<SyncReportView | null>(null);
  conflicts = $state.raw<ConflictView[]>([]);

  constructor(
    private readonly wb: Workbench,
    /** After a merge or a resolution changed the project's files: the corpus is shown afresh. */
    private readonly reloaded: () => Promise<void>,
  ) {}

  /** The open corpus's sync status (null folder: it cannot sync) and its waiting conflicts. */
  async load(): Promise<void> {
    this.status = await this.wb.call(this.wb.client.getSyncStatus({}));
    this.conflicts = this.status && this.status.conflicts > 0 ? ((await this.wb.call(this.wb.client.listConflicts({}))) ?? []) : [];
  }

  async show(): Promise<void> {
    this.open = true;
    this.report = null;
    await this.load();
  }

  /** Main's progress events: only while a sync of ours runs. */
  onProgress(event: SyncProgressEvent): void {
    if (this.running) this.progress = event;
  }

  /** Stores the remote (and a token for HTTPS); answers whether main took it. */
  async setRemote(url: string, token: string): Promise<boolean> {
    const status = await this.wb.call(this.wb.client.setSyncRemote({ url: url.trim(), ...(token !== '' ? { token } : {}) }));
    if (!status) return false;
    this.status = status;
    this.wb.notices.say(`Remote set to ${status.remote ?? url}.`);
    return true;
  }

  /** Commit, fetch, merge and push; the report says what happened, an error says where and why, nothing local is lost. */
  async sync(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.report = null;
    this.progress = null;
    try {
      const report = await this.wb.call(this.wb.client.syncProject({}));
      if (!report) return;
      this.report = report;
      if (report.error) this.wb.notices.showError(`Sync stopped at ${report.error.phase}: ${report.error.message}`);
      else this.wb.notices.say(report.summary);
      await this.reloaded();
      await this.load();
    } finally {
      this.running = false;
      this.progress = null;
    }
  }

  /** Settles one conflict: take mine, take theirs, or keep both. */
  async resolve(conflict: ConflictView, choice: ConflictChoice): Promise<void> {
    const done = await this.wb.call(this.wb.client.resolveConflict({ id: conflict.id, choice }));
    if (!done) return;
    this.wb.notices.say(done.message);
    await this.reloaded();
    await this.load();
  }
}
