/**
 * The strategy catalogue: every strategy plug-in, in report order. Adding a strategy is one module beside this file
 * and one line in STRATEGY_MODULES (plus its runner modules: see ARCHITECTURE.md, "Add a strategy").
 */
import type { StrategyName } from '../../contracts/report';
import { asyncStrategy } from './async';
import { dask } from './dask';
import { interpreters } from './interpreters';
import { processes } from './processes';
import { serial } from './serial';
import type { ApplicabilityFacts, Runtime, Strategy, StrategyTraits } from './strategy';
import { threads } from './threads';

/** Registration: one line per strategy; the order is the order of the report's rows and of the sweep. */
const STRATEGY_MODULES: readonly Strategy[] = [
  serial,
  threads,
  processes,
  asyncStrategy,
  interpreters,
  dask,
];

const BY_NAME = new Map<StrategyName, Strategy>(STRATEGY_MODULES.map((s) => [s.name, s]));

/** Every registered strategy, in report order. */
export function allStrategies(): readonly Strategy[] {
  return STRATEGY_MODULES;
}

/** Every registered strategy name, in report order. */
export function strategyNames(): StrategyName[] {
  return STRATEGY_MODULES.map((s) => s.name);
}

/** The plug-in for a name; throws for a name no module registered (a bug, not user input). */
export function strategy(name: StrategyName): Strategy {
  const s = BY_NAME.get(name);
  if (!s) throw new Error(`no strategy module registered for "${name}"`);
  return s;
}

/** True for a registered strategy name (user input is checked with this). */
export function isStrategyName(name: string): name is StrategyName {
  return BY_NAME.has(name as StrategyName);
}

/** A strategy's traits. */
export function traitsOf(name: StrategyName): StrategyTraits {
  return strategy(name).traits;
}

/** The baseline strategy's name: what every speedup is measured against. */
export const BASELINE: StrategyName = STRATEGY_MODULES.find((s) => s.traits.baseline)!.name;

/** True for the baseline strategy. */
export function isBaseline(name: StrategyName): boolean {
  return name === BASELINE;
}

/** Position in report order, for sorting runs. */
export function reportOrder(name: StrategyName): number {
  return STRATEGY_MODULES.findIndex((s) => s.name === name);
}

/** The strategies a profile tries when the request names none. */
export function defaultStrategies(): StrategyName[] {
  return STRATEGY_MODULES.filter((s) => s.inDefaults).map((s) => s.name);
}

/** The strategies that exist on a runtime, in report order. */
export function strategiesFor(runtime: Runtime): StrategyName[] {
  return STRATEGY_MODULES.filter((s) => s.runtimes.includes(runtime)).map((s) => s.name);
}

/** Why a strategy cannot run this function here, or null: the one place applicability is decided. */
export function whyNot(name: StrategyName, facts: ApplicabilityFacts): string | null {
  const s = strategy(name);
  if (!s.runtimes.includes(facts.runtime)) return s.unavailable(facts) ?? `not available for ${facts.runtime}`;
  return s.unavailable(facts);
}
