// Layer and cycle rules: renderer → shared ← main; Electron glue → core; nothing imports the CLI; no cycles.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make start-up order and tests fragile: extract what both sides need instead.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'renderer-only-shared',
      severity: 'error',
      comment: 'The renderer talks to main only through the contract in src/shared and the preload bridge.',
      from: { path: '^src/renderer/' },
      to: { path: '^src/(main|cli|preload)/' },
    },
    {
      name: 'shared-is-a-leaf',
      severity: 'error',
      comment: 'src/shared is imported by both sides; it imports neither, nor Electron, nor Node built-ins.',
      from: { path: '^src/shared/' },
      to: { path: ['^src/(main|renderer|cli|preload)/', '^(electron$|node_modules/electron/)'] },
    },
    {
      name: 'shared-no-node',
      severity: 'error',
      comment: 'src/shared runs in the sandboxed renderer too, so it cannot use Node built-ins.',
      from: { path: '^src/shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'main-not-renderer',
      severity: 'error',
      comment: 'Main reaches the renderer only through IPC, never by import.',
      from: { path: '^src/main/' },
      to: { path: '^src/(renderer|preload)/' },
    },
    {
      name: 'preload-only-shared',
      severity: 'error',
      comment: 'The sandboxed preload bundles one file: Electron and the shared contract only.',
      from: { path: '^src/preload/' },
      to: { path: '^src/(main|renderer|cli)/' },
    },
    {
      name: 'electron-only-in-glue',
      severity: 'error',
      comment: 'Only the Electron glue and the preload import electron; the core runs under plain Node (CLI, tests).',
      from: { pathNot: '^src/(main/electron|preload)/' },
      to: { path: '^(electron$|node_modules/electron/)' },
    },
    {
      name: 'glue-is-the-top',
      severity: 'error',
      comment: 'Nothing below the Electron glue imports it: glue → core, never core → glue.',
      from: { pathNot: '^src/main/electron/' },
      to: { path: '^src/main/electron/' },
    },
    {
      name: 'nothing-imports-the-cli',
      severity: 'error',
      comment: 'The CLI is a front end like the Electron glue: what both need belongs in main (e.g. the store).',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'interop-not-core',
      severity: 'error',
      comment: 'interop/ holds format readers and writers only; placing and merging imported passages is core.',
      from: { path: '^src/main/interop/' },
      to: { path: '^src/main/core/' },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A module nothing imports is dead code (entry points and type declarations aside).',
      from: {
        orphan: true,
        pathNot: [
          '\\.d\\.ts$',
          '^src/main/electron/main\\.ts$',
          '^src/preload/index\\.ts$',
          '^src/renderer/src/main\\.ts$',
          '^src/cli/bin\\.ts$',
        ],
      },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves to a file or an installed package.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment: 'Shipped code (src/) uses runtime dependencies only; devDependencies are for tests and tools.',
      from: { path: '^src/', pathNot: '\\.d\\.ts$' },
      to: {
        dependencyTypes: ['npm-dev'],
        dependencyTypesNot: ['type-only'],
        pathNot: '^node_modules/(svelte|electron)/',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    preserveSymlinks: true,
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.svelte', '.json'],
    },
    exclude: { path: '^(out|dist)/' },
  },
};
