import type * as Profiling from '../../engine/profiling';

let loaded: typeof Profiling | undefined;

/** The measuring engine, loaded on first use: activation and the lenses never pay for compiling it. */
export function profilingEngine(): typeof Profiling {
  // A require at the call, not an import (which would load it with this file): esbuild.mjs maps this path to
  // dist/profiling.js, a bundle of its own. Its error classes come from here too, so instanceof matches what it throws.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('../../engine/profiling') as typeof Profiling;
  return loaded;
}
