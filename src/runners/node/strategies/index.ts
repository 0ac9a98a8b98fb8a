/**
 * The Node runner's strategy registry (twin of python/parprof_harness/strategies/__init__.py): one module per
 * strategy, one line each below. To add one: write strategies/<name>.ts exporting a StrategyModule, add it here.
 * A name the engine sends that is not registered here gets "not available for JavaScript" (e.g. interpreters).
 */
import type { StrategyModule } from './outcome';
import { asyncStrategy } from './async';
import { processes } from './processes';
import { serial } from './serial';
import { threads } from './threads';

/** Registered strategies by name. */
export const STRATEGIES: ReadonlyMap<string, StrategyModule> = new Map([
  serial,
  threads,
  processes,
  asyncStrategy,
].map((s) => [s.name, s]));
