// The `glossator` process: runs main() on argv and sets the exit code; a reader that closes the pipe early is not an error.
import { main } from './main';

/**
 * `glossator list | head` closes stdout before the CLI is done writing. That is the reader's choice,
 * not a failure (cat, ls and git say nothing either): later writes are dropped, never a stack trace.
 * The command still finishes, so an import releases its lock and its exit code still says what happened.
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

quietOnClosedPipe(process.stdout);
process.exitCode = await main(process.argv.slice(2));
