// The floor a durable save is measured against: write + fsync + rename of the same bytes and nothing else (for the benchmark).
//
// Not a way to save data: no backup, no folder fsync (the rename may not survive a power cut), no
// check of what is written. It uses the same file-system calls as writeDurably, so
// the difference between the two is what durability and backups cost.
import { realFileOps } from '../src/main/store/file-ops';
import { tempName } from '../src/main/store/damage';

/** Writes `bytes` to a fresh temp file beside `file`, fsyncs and closes it, and renames it over `file`. */
export async function rawWrite(file: string, bytes: Uint8Array): Promise<void> {
  const temp = tempName(file);
  const handle = await realFileOps.create(temp);
  try {
    await handle.write(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await realFileOps.rename(temp, file);
}
