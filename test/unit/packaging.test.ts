// The installer config cannot run here (no Electron download), so this keeps it from rotting: targets, fuses, corpus, asar, script.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../electron-builder.config';

const root = process.cwd();
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as { main: string; scripts: Record<string, string>; devDependencies: Record<string, string> };
const targetsOf = (platform: { target?: unknown } | null | undefined): unknown => platform?.target;

describe('electron-builder config', () => {
  it('builds AppImage and deb, dmg, and nsis', () => {
    expect(targetsOf(config.linux)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(targetsOf(config.mac)).toEqual(expect.arrayContaining(['dmg']));
    expect(targetsOf(config.win)).toEqual(expect.arrayContaining(['nsis']));
    // fpm will not build a deb without a maintainer and a home page.
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/);
    expect((config.extraMetadata as { homepage?: string }).homepage).toMatch(/^https:\/\//);
  });

  it('sets the fuses: no RunAsNode, NODE_OPTIONS or --inspect; cookie encryption, asar integrity, asar only', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packs the app in asar and ships corpus/ as an extra resource where main looks for it', () => {
    // true, not an options object: so asar.disableIntegrity cannot be set and the integrity fuse has a hash to check.
    expect(config.asar).toBe(true);
    expect(config.extraResources).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'corpus', to: 'corpus' })]));
    // main.ts reads the bundled corpus from process.resourcesPath/corpus when packaged.
    expect(read('src/main/electron/main.ts')).toMatch(/app\.isPackaged \? join\(process\.resourcesPath, 'corpus'\)/);
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', 'package.json']));
  });

  it('electron-builder itself loads this file and finds it valid against its schema', async () => {
    const require = createRequire(join(root, 'package.json'));
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      getConfig(dir: string, path: string, options: null): Promise<Record<string, unknown>>;
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const loaded = await getConfig(root, 'electron-builder.config.ts', null);
    expect(loaded['electronFuses']).toEqual(config.electronFuses);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    // The check is real: a misspelt fuse is refused.
    await expect(validateConfiguration({ electronFuses: { runAsNod: false } }, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });
});

describe('scripts and build layout', () => {
  it('`npm run dist` builds then packages with this config; electron-builder is a dev dependency', () => {
    expect(pkg.scripts['dist']).toBe('electron-vite build && electron-builder --config electron-builder.config.ts');
    expect(pkg.devDependencies['electron-builder']).toBeDefined();
  });

  it('the build puts main, preload and renderer where main.ts and package.json expect them', () => {
    const vite = read('electron.vite.config.ts');
    const main = read('src/main/electron/main.ts');
    expect(pkg.main).toBe('./out/main/index.js');
    expect(vite).toMatch(/outDir: 'out\/main'/);
    expect(vite).toMatch(/outDir: 'out\/renderer'/);
    // The sandboxed preload must be one CommonJS file, out/preload/index.cjs.
    expect(vite).toMatch(/outDir: 'out\/preload'[\s\S]*format: 'cjs', entryFileNames: '\[name\]\.cjs'/);
    expect(main).toContain("join(import.meta.dirname, '../preload/index.cjs')");
    expect(main).toContain("rootDir: join(import.meta.dirname, '../renderer')");
  });
});
