// What the analyst is told: the latest error in plain words and a polite status line.
import type { GlossError } from '../../../shared/result';

export class Notices {
  error = $state<string | null>(null);
  status = $state('');

  showError(error: GlossError | string): void {
    this.error = typeof error === 'string' ? error : error.message;
  }

  say(message: string): void {
    this.status = message;
  }

  dismiss(): void {
    this.error = null;
  }
}
