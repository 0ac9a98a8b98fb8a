/** The hello event: what this runtime is and what it can do. */
import * as os from 'node:os';
import type { HelloEvent } from '../../contracts/runner';
import { nowNs } from './usage';

/** Node has no GIL and no interpreter pool; children are forked (a fresh Node process each, not a copy). */
export function helloEvent(): HelloEvent {
  return {
    type: 'hello',
    pid: process.pid,
    executable: process.execPath,
    implementation: 'Node.js',
    version: process.versions.node,
    gilEnabled: false,
    hasInterpreterPool: false,
    startMethod: 'fork',
    cpuCount: typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
    now: nowNs(),
  };
}
