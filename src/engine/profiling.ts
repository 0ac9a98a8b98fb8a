/**
 * The measuring part of the engine (the sweep, the runners, the sampler, the analysis) and the errors it throws. The
 * extension loads it on the first profile, as a bundle of its own (esbuild.mjs), so activation does not compile it.
 */
export { profile } from './profile/profile';
export { moreRepeats } from './profile/rerun';
export { CancelledError } from './runners/driver';
export { InputError } from './request';
export { LockWaitCancelled } from './platform/lock';
