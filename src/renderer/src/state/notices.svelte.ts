// What the analyst is told: the latest error in plain words and a polite status line.
import type { GlossError } from '../../../shared/result';

export interface SayOptions {
  /** The message reports a change the analyst can undo: the status line offers Undo beside it. */
  undoable?: boolean;
}

export class Notices {
  error = $state<string | null>(null);
  status = $state('');
  /** Whether the status reports an undoable change (it then carries an Undo button). */
  undoable = $state(false);

  showError(error: GlossError | string): void {
    this.error = typeof error === 'string' ? error : error.message;
  }

  say(message: string, options: SayOptions = {}): void {
    this.status = message;
    this.undoable = options.undoable ?? false;
  }

  /** Forgets the status, e.g. when another document is opened and it no longer applies. */
  clearStatus(): void {
    this.say('');
  }

  dismiss(): void {
    this.error = null;
  }
}
