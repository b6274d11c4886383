// Finds Electron's binary without triggering its lazy download, or says in plain words why it is missing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function electronBinary(): { path: string } | { missing: string } {
  // Requiring 'electron' would try to download the binary; read its path file instead.
  const pkg = join(process.cwd(), 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pkg)) return { missing: 'the electron package is not installed' };
  if (!existsSync(pathFile)) {
    return { missing: 'the Electron binary is not downloaded (Electron 45 fetches it at first launch; this machine has no network)' };
  }
  const path = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { missing: `the Electron binary is missing at ${path}` };
}
