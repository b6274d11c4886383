// Errors as values: every main↔renderer call answers with a Result, never throws across IPC.

export type ErrorCode =
  | 'invalid-argument' // payload has the wrong shape or types
  | 'not-found' // unknown document, annotation or tag
  | 'out-of-range' // offsets outside the text, reversed, empty or splitting a character
  | 'quote-mismatch' // the quoted text is not what the document holds at those offsets
  | 'too-large' // a note or payload over its stated limit
  | 'store-unreadable' // an annotation file exists but cannot be parsed; it is left untouched
  | 'io-error' // the disk refused a read or write; nothing was changed
  | 'cancelled' // the analyst cancelled (e.g. closed a save dialog)
  | 'unsupported' // this host cannot do it (e.g. PDF without a print engine)
  | 'internal'; // a bug: the message says what failed

export interface GlossError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: GlossError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** An error thrown inside the main-process core that carries its code to the boundary. */
export class GlossatorError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GlossatorError';
  }
}
