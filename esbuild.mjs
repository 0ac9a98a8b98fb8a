// Builds every bundle: the CLI, the extension host code, the Node runner with its piscina task and child entries, and
// the webview. piscina stays external: bundled, it cannot find its own worker file (DESIGN.md §7); the .vsix ships
// node_modules/piscina.
// Run it to build; the benchmarks import bundleOptions() to measure exactly what the .vsix ships.
import * as esbuild from 'esbuild';
import { pathToFileURL } from 'node:url';

// The extension loads the measuring engine on the first profile (src/extension/profiling/profilingEngine.ts): its
// require of src/engine/profiling becomes a require of dist/profiling.js, a bundle of its own, so activation does not
// compile it.
const lazyProfiling = {
  name: 'lazy-profiling',
  setup(build) {
    build.onResolve({ filter: /[\\/]engine[\\/]profiling$/ }, () => ({ path: './profiling.js', external: true }));
  },
};

/** Every bundle's esbuild options; `production` is what `vscode:prepublish` builds (minified, no source maps). */
export function bundleOptions({ production = false } = {}) {
  const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'info' };
  return [
    { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20',
      external: ['piscina'], banner: { js: '#!/usr/bin/env node' } },
    { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs',
      target: 'node20', external: ['vscode', 'piscina'], plugins: [lazyProfiling] },
    { ...common, entryPoints: ['src/engine/profiling.ts'], outfile: 'dist/profiling.js', platform: 'node', format: 'cjs',
      target: 'node20', external: ['piscina'] },
    { ...common, entryPoints: ['webview/main.ts'], outfile: 'dist/webview/main.js', platform: 'browser', format: 'iife',
      target: 'es2022' },
    { ...common, entryPoints: ['src/runners/node/threadTask.ts'], outfile: 'dist/nodeTask.js', platform: 'node', format: 'cjs',
      target: 'node20', external: ['esbuild'] },
    // The Node runner (JS/TS twin of python/harness.py) and the child entry of its `processes` strategy. esbuild stays
    // external: it transpiles .ts at run time through its own native binary, which a bundle cannot carry.
    { ...common, entryPoints: ['src/runners/node/main.ts'], outfile: 'dist/nodeRunner.js', platform: 'node', format: 'cjs',
      target: 'node20', external: ['piscina', 'esbuild'] },
    { ...common, entryPoints: ['src/runners/node/child.ts'], outfile: 'dist/nodeChild.js', platform: 'node', format: 'cjs',
      target: 'node20', external: ['esbuild'] },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const builds = bundleOptions({ production: process.argv.includes('--production') });
  if (process.argv.includes('--watch')) {
    for (const b of builds) await (await esbuild.context(b)).watch();
  } else {
    await Promise.all(builds.map((b) => esbuild.build(b)));
  }
}
