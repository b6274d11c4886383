// Lock-race racer: takes the data folder's lock when told, so the parent can start several at the same instant.
//
// Protocol (one line each): prints "ready" once loaded; on "try <dataDir>" calls acquireDataLock and prints
// "won" or "locked <holder pid>" (or "error <message>"); on "release" lets go of a lock it won and prints
// "released".
import { createInterface } from 'node:readline';
import { acquireDataLock, DataFolderLockedError, type DataFolderLock } from '../../../src/main/store/lock';

let held: DataFolderLock | null = null;
const say = (line: string) => process.stdout.write(`${line}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  const space = line.indexOf(' ');
  const command = space < 0 ? line : line.slice(0, space);
  const dir = line.slice(space + 1);
  if (line === 'release') {
    void (held?.release() ?? Promise.resolve()).then(() => {
      held = null;
      say('released');
    });
  } else if (command === 'try') {
    acquireDataLock(dir, 'cli').then(
      (lock) => {
        held = lock;
        say('won');
      },
      (err: unknown) => say(err instanceof DataFolderLockedError ? `locked ${err.holder.pid}` : `error ${(err as Error).message}`),
    );
  }
});
process.stdin.on('end', () => process.exit(0));
say('ready');
