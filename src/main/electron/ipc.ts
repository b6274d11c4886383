// Registers one IPC handler per contract method; only the main frame of the app's own page may call.
import { METHODS, channelOf, type Handlers, type Method } from '../../shared/contract';
import { fail, type Result } from '../../shared/result';
import { dispatch } from '../core/dispatch';

/** What a handler learns of its caller (Electron's IpcMainInvokeEvent satisfies it). */
export interface IpcCallEvent {
  /** Null once the frame has navigated away or gone. */
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** ipcMain's handle(), injected so this module loads without Electron. */
export interface IpcRegistry {
  handle(channel: string, listener: (event: IpcCallEvent, payload: unknown) => Promise<Result<unknown>>): void;
}

export const UNTRUSTED_SENDER_MESSAGE = 'This call did not come from the Glossator window.';

/**
 * Whether the caller is the top frame of our own page. A subframe (parent set), another origin, or a
 * frame that is gone is refused. Reading a disposed frame throws in Electron, which also means no.
 */
export function isTrustedSender(event: IpcCallEvent, isOwnUrl: (url: string) => boolean): boolean {
  try {
    const frame = event.senderFrame;
    return frame !== null && frame !== undefined && frame.parent === null && isOwnUrl(frame.url);
  } catch {
    return false;
  }
}

/** One method's handler: the sender check first, so an untrusted caller never reaches validation or the core. */
export function guardedCall(handlers: Handlers, method: Method, isOwnUrl: (url: string) => boolean) {
  return async (event: IpcCallEvent, payload: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event, isOwnUrl)) return fail('invalid-argument', UNTRUSTED_SENDER_MESSAGE);
    return dispatch(handlers, method, payload);
  };
}

export function registerIpc(ipc: IpcRegistry, handlers: Handlers, isOwnUrl: (url: string) => boolean): void {
  for (const method of METHODS) ipc.handle(channelOf(method), guardedCall(handlers, method, isOwnUrl));
}
