/** The Node runner: dist/nodeRunner.js, the JavaScript/TypeScript twin of python/harness.py (the same protocol). */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { installRoot } from '../platform/installRoot';
import { InputError } from '../request';
import { NATIVE_SIGNAL_HINTS } from './python';
import type { RunnerSpec } from './runnerSpec';

/** Where the built Node runner lives: dist/nodeRunner.js. */
export function nodeRunnerPath(): string {
  const p = path.join(installRoot(), 'dist', 'nodeRunner.js');
  if (!existsSync(p)) throw new Error(`${p} not found; run \`npm run build\` first`);
  return p;
}

/** The spec that starts the Node runner under this process's own Node. */
export function nodeRunner(): RunnerSpec {
  return {
    tag: 'node',
    processName: 'Node runner',
    executable: process.execPath,
    // Inside VS Code process.execPath is Electron; ELECTRON_RUN_AS_NODE makes it a plain Node.
    command: () => ({ file: process.execPath, args: [nodeRunnerPath()], env: { ELECTRON_RUN_AS_NODE: '1' } }),
    async startError(f) {
      if (f.kind === 'spawn') return new InputError(`cannot start the Node runner (${process.execPath}): ${f.error.message}`);
      return new InputError(`the Node runner did not start` + (f.said ? `: it said "${f.said.trim().slice(0, 200)}"` : ' (no answer)'));
    },
    checkHello: () => undefined,
    signalHint: (signal) => NATIVE_SIGNAL_HINTS[signal] ?? '',
  };
}
