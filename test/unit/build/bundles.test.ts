// The extension's bundle leaves the measuring engine to a bundle of its own, loaded on the first profile, so
// activation compiles less than half the code. Built here, into a temporary folder, with esbuild.mjs's own options
// (dist/ may hold either build: packaging the .vsix rebuilds it minified).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { ROOT } from '../../support/cli';

let dir = '';
const out = (name: string) => path.join(dir, 'dist', name);

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-bundles-'));
  const { bundleOptions } = await import(pathToFileURL(path.join(ROOT, 'esbuild.mjs')).href) as
    { bundleOptions(o: { production: boolean }): esbuild.BuildOptions[] };
  for (const name of ['extension.js', 'profiling.js']) {
    const options = bundleOptions({ production: false }).find((b) => b.outfile === `dist/${name}`);
    assert.ok(options, `esbuild.mjs builds dist/${name}`);
    await esbuild.build({ ...options, absWorkingDir: ROOT, outfile: out(name), sourcemap: false, logLevel: 'silent' });
  }
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('dist/extension.js requires the measuring engine as ./profiling.js instead of carrying it', () => {
  const extension = fs.readFileSync(out('extension.js'), 'utf8');
  assert.match(extension, /require\("\.\/profiling\.js"\)/);
  // The sweep's and the sampler's code live only in the second bundle.
  for (const marker of ['function repeatBasis(', 'function machineBusyCores(']) {
    assert.ok(!extension.includes(marker), `dist/extension.js does not carry ${marker}`);
    assert.ok(fs.readFileSync(out('profiling.js'), 'utf8').includes(marker), `dist/profiling.js carries ${marker}`);
  }
});

test('dist/profiling.js exports what the extension calls, and its error classes', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const engine = require(out('profiling.js')) as Record<string, unknown>;
  for (const name of ['profile', 'moreRepeats', 'CancelledError', 'InputError', 'LockWaitCancelled']) {
    assert.equal(typeof engine[name], 'function', `profiling.js exports ${name}`);
  }
});
