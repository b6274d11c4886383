// Locks a renderer to the app's page: no navigation away, no new window, no <webview>; a web link opens only if the analyst agrees.

/** The navigation events' object (Electron's Event with its details). */
export interface NavigationEvent {
  url: string;
  isMainFrame: boolean;
  preventDefault(): void;
}

/** The parts of WebContents the lock uses; the real WebContents satisfies it, tests pass a fake. */
export interface LockableContents {
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** What the confirmation dialog says: it names the exact address that would open, and defaults to Cancel. */
export interface ExternalLinkPrompt {
  message: string;
  detail: string;
  buttons: [open: string, cancel: string];
  defaultId: 1;
  cancelId: 1;
}

export interface LockDeps {
  isOwnUrl(url: string): boolean;
  /** Shows the prompt; answers whether the analyst chose to open the link. */
  confirm(prompt: ExternalLinkPrompt): Promise<boolean>;
  /** shell.openExternal. */
  openExternal(url: string): Promise<void>;
}

/** The index of the prompt's "Open in Browser" button: the only answer that opens the link. */
export const OPEN_BUTTON = 0;

export type ExternalOutcome = 'opened' | 'declined' | 'refused' | 'busy' | 'failed';

const MAX_LINK_LENGTH = 2048;

/**
 * The normalised address of a link that may be handed to the system browser, or null. Only http(s):
 * javascript:, file:, data:, smb:, custom app schemes and the like could run code or reach the disk
 * or the network share. Links with user info (https://bank.example@evil.example) are refused, since
 * they are a phishing tell. The normalised form is what is shown and opened (the host in punycode).
 */
export function externalLinkOf(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_LINK_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
}

export function externalLinkPrompt(url: string): ExternalLinkPrompt {
  return {
    message: 'Open this link in your web browser?',
    detail: url,
    buttons: ['Open in Browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
  };
}

/**
 * Offers links to the browser, one prompt at a time: while a prompt is open, further links are
 * dropped, so a page cannot bury the analyst in dialogs.
 */
export function externalOpener(deps: Pick<LockDeps, 'confirm' | 'openExternal'>): (raw: unknown) => Promise<ExternalOutcome> {
  let prompting = false;
  return async (raw) => {
    const url = externalLinkOf(raw);
    if (url === null) return 'refused';
    if (prompting) return 'busy';
    prompting = true;
    try {
      if (!(await deps.confirm(externalLinkPrompt(url)))) return 'declined';
      await deps.openExternal(url);
      return 'opened';
    } catch {
      return 'failed';
    } finally {
      prompting = false;
    }
  };
}

/**
 * Installs the lock on one renderer (main installs it on every one, from web-contents-created).
 * Answers the opener, so tests can follow what a link led to.
 */
export function lockDown(contents: LockableContents, deps: LockDeps): (raw: unknown) => Promise<ExternalOutcome> {
  const offer = externalOpener(deps);
  // A clicked link or a script setting location: the app page stays; a web link is offered to the browser.
  contents.on('will-navigate', (event) => {
    if (deps.isOwnUrl(event.url)) return;
    event.preventDefault();
    void offer(event.url);
  });
  // The app has no frames (the CSP forbids them too): no subframe may navigate anywhere.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!deps.isOwnUrl(event.url)) event.preventDefault();
  });
  // webviewTag is off; this also stops one created some other way.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // window.open and target=_blank: never a new Electron window; a web link is offered to the browser.
  contents.setWindowOpenHandler(({ url }) => {
    void offer(url);
    return { action: 'deny' };
  });
  return offer;
}
