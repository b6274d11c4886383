// Jumps into the reading text (a passage, a search hit): one-shot requests from state to the reader's DOM.
//
// Replaces a counter the reader watched with an effect: a remounted reader saw the old request as new and
// replayed it, possibly in another document. Here a jump is handed over once and then forgotten.
import type { TextPosition } from '../../../shared/types';

export interface Jump {
  docId: string;
  range: TextPosition;
}

/** What the mounted reader offers: show a jump now, if its text for that document is in the DOM. */
export interface ReaderView {
  show(jump: Jump): boolean;
}

export class ReaderController {
  private view: ReaderView | null = null;
  private pending: Jump | null = null;

  /** The reader registers while mounted; answers the function that unregisters it. */
  attach(view: ReaderView): () => void {
    this.view = view;
    return () => {
      if (this.view === view) this.view = null;
    };
  }

  /** Shows the jump now if the reader can, else keeps it for when that document's text is in. */
  jump(jump: Jump): void {
    this.pending = this.view?.show(jump) ? null : jump;
  }

  /** The reader's text for `docId` is in: answers the jump waiting for it, once. Any other jump is dropped. */
  take(docId: string): Jump | null {
    const jump = this.pending;
    this.pending = null;
    return jump?.docId === docId ? jump : null;
  }

  /** Forgets a jump not yet shown (another document was opened meanwhile). */
  cancel(): void {
    this.pending = null;
  }
}
