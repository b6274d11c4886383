// The session's policy: Glossator asks the OS for nothing, so every permission is refused and no download starts.

/** The parts of Electron's Session this policy sets; the real Session satisfies it, tests pass a fake. */
export interface PolicySession {
  setPermissionRequestHandler(
    handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null,
  ): void;
  setPermissionCheckHandler(
    handler: ((webContents: unknown, permission: string, origin: string, details: unknown) => boolean) | null,
  ): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
  on(event: 'will-download', listener: (event: { preventDefault(): void }) => void): unknown;
}

/**
 * Camera, microphone, notifications, geolocation, clipboard reads, HID/USB/serial, fullscreen by the
 * page…: none is used, so each is denied both when asked (request) and when probed (check), rather
 * than left to Electron's default of granting. Exports are written by main, so downloads are refused.
 */
export function applySessionPolicy(session: PolicySession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}
