// Where the CLI finds the corpus and data by default: the bundled corpus and the desktop app's data dir.
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUNDLED_CORPUS = join(dirname(fileURLToPath(import.meta.url)), '../../corpus');

/** The same folder Electron's app.getPath('userData') gives the desktop app (productName "Glossator"). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env['GLOSSATOR_DATA_DIR']) return env['GLOSSATOR_DATA_DIR'];
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Glossator');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Glossator');
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'Glossator');
}
