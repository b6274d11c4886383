// Packaging (`npm run dist`): AppImage and deb, dmg, and an NSIS installer, with the corpus beside the app and Electron's fuses set.
import type { Configuration } from 'electron-builder';

/**
 * Needed by the deb target (fpm refuses to build without them). Placeholders on the reserved
 * .invalid domain until the project has a real home page and contact address.
 */
const HOMEPAGE = 'https://glossator.invalid/';
const MAINTAINER = 'Glossator maintainers <maintainers@glossator.invalid>';

const config: Configuration = {
  appId: 'app.glossator.desktop',
  productName: 'Glossator',
  directories: { output: 'dist', buildResources: 'build' },
  // app.asar holds the electron-vite build and package.json; electron-builder adds the production
  // dependencies itself. tsx (and the esbuild binary it brings) only serves the command line.
  files: ['out/**/*', 'package.json', '!**/*.map', '!**/node_modules/{tsx,esbuild,@esbuild}/**'],
  asar: true,
  // The bundled corpus stays a folder of its own, outside app.asar: main reads it from
  // process.resourcesPath/corpus when packaged, and nothing is ever written into it.
  extraResources: [{ from: 'corpus', to: 'corpus', filter: ['**/*'] }],
  // Nothing native to rebuild; skipping it also keeps packaging from fetching Node headers.
  npmRebuild: false,
  extraMetadata: { homepage: HOMEPAGE },
  /**
   * Flipped in the packaged binary, before signing. The app never runs as plain Node, never takes
   * NODE_OPTIONS or --inspect from whoever launches it, loads its code only from an app.asar whose
   * integrity is checked, and has no use for file:// privileges (it is served from app://).
   */
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  linux: { target: ['AppImage', 'deb'], category: 'Office', maintainer: MAINTAINER, synopsis: 'Annotation workbench for analysts' },
  mac: { target: ['dmg'], category: 'public.app-category.productivity', hardenedRuntime: true },
  win: { target: ['nsis'] },
  // A per-user installer that asks where to install, rather than a silent one-click install.
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};

export default config;
