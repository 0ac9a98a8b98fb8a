// Builds every bundle: the CLI, the extension host code, the Node runner with its piscina task and child entries, and
// the webview. piscina stays external: bundled, it cannot find its own worker file (DESIGN.md §7); the .vsix ships
// node_modules/piscina.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'info' };

const builds = [
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20',
    external: ['piscina'], banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs',
    target: 'node20', external: ['vscode', 'piscina'] },
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

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
