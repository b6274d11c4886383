// Sync failures as values the app and the CLI can show: a code to act on and a message in plain words, never a token.
export type SyncErrorCode =
  | 'offline' // the remote could not be reached
  | 'auth' // the remote refused the credentials
  | 'remote-missing' // no repository at that address
  | 'remote-locked' // another push holds the shared repository's lock
  | 'push-rejected' // the remote moved on and a retry did not settle it
  | 'history-rewritten' // the remote's history no longer contains what we synced before
  | 'merge-in-progress' // command-line git is in the middle of a merge here
  | 'busy' // another sync is running on this folder
  | 'changed-during-sync' // a file was edited while the merge wrote it
  | 'bad-remote' // the remote address is not usable (or carries a password)
  | 'failed'; // anything else

export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
  ) {
    super(message);
  }
}
