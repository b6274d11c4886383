// Runs once: says which hosts will run, and why electron is skipped when it is.
import { existsSync } from 'node:fs';
import { electronBinary } from './electron-binary';

export default function globalSetup(): void {
  if (!existsSync('out/renderer/index.html')) {
    throw new Error('out/renderer is missing: run `npm run build` before the e2e specs.');
  }
  const electron = electronBinary();
  if ('missing' in electron) {
    console.log(`[e2e] electron host skipped: ${electron.missing}. Every spec runs on the chromium host.`);
  } else {
    console.log(`[e2e] electron host: ${electron.path}`);
  }
}
