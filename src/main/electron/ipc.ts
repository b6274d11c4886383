// Registers one IPC handler per contract method; only the app's own top frame may call.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { METHODS, channelOf, type Handlers } from '../../shared/contract';
import { fail } from '../../shared/result';
import { dispatch } from '../core/dispatch';

export function registerIpc(handlers: Handlers, isTrustedUrl: (url: string) => boolean): void {
  for (const method of METHODS) {
    ipcMain.handle(channelOf(method), (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isTrustedUrl(frame.url)) {
        return fail('invalid-argument', 'This call did not come from the Glossator window.');
      }
      return dispatch(handlers, method, payload);
    });
  }
}
