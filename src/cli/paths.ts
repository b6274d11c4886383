// Where the CLI finds its package (version, bundled corpus) and the desktop app's data dir, from source or compiled.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Glossator's package.json: found by walking up from this module, because it
 * runs from src/cli/ (tsx) and from the build's out/main/ or out/main/chunks/ (compiled).
 */
function packageRoot(): { dir: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'glossator') return { dir, version: pkg.version ?? '0.0.0' };
    } catch {
      // No package.json here (or not ours): keep going up.
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`Glossator's package.json was not found above ${fileURLToPath(import.meta.url)}.`);
    dir = up;
  }
}

const root = packageRoot();

export const BUNDLED_CORPUS = join(root.dir, 'corpus');

/** The app's version (package.json), named in every export the CLI writes. */
export const APP_VERSION = root.version;

/** The same folder Electron's app.getPath('userData') gives the desktop app (productName "Glossator"). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env['GLOSSATOR_DATA_DIR']) return env['GLOSSATOR_DATA_DIR'];
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Glossator');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Glossator');
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'Glossator');
}
