// Messages between the reader pool (main process) and its worker: one request, one reply, matched by id.
import type { ErrorCode } from '../../../shared/result';
import type { ReadResult } from './types';

export interface ReadRequest {
  id: number;
  fileName: string;
  bytes: Uint8Array;
}

/** Computed in the worker beside the read, so the main process does not walk a large text again. */
export interface TextStats {
  contentHash: string;
  wordCount: number;
}

/** Besides replies, the worker sends 'ready' once, when its readers are loaded. */
export type ReadReply =
  | { id: number; ok: true; read: ReadResult; stats: TextStats }
  | { id: number; ok: false; error: { code: ErrorCode; message: string } };
