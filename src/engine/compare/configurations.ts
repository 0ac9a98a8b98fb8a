/**
 * Pairing two reports' configurations (strategy × workers) and saying which moved beyond the noise.
 * A change counts as real only when the two 95% intervals of the wall time do not overlap; one sample gives a
 * zero-width "interval" that says nothing about the noise, so it makes no claim either way.
 */
import type { ConfigChange } from '../../contracts/comparison';
import type { Run } from '../../contracts/report';

export type { ConfigChange, ConfigVerdict } from '../../contracts/comparison';

/** What a pairing key is made of. */
type Keyed = Pick<Run, 'strategy' | 'workers'>
  & Pick<Partial<Run>, 'variantOf' | 'chunksize' | 'nativeThreads' | 'interpreter'>;

/**
 * The pairing key of a run: strategy and worker count (the chunk size follows from them within one sweep). A variant
 * the sweep added (another chunk size, a native-thread limit) is keyed apart, so it never pairs with a plain run. In a
 * report that compares interpreters the interpreter leads ("pypy3 serial ×1").
 */
export const configKey = (r: Keyed): string => {
  const base = `${r.interpreter ? `${r.interpreter} ` : ''}${r.strategy} ×${r.workers}`;
  if (!r.variantOf) return base;
  const n = r.nativeThreads;
  const native = n !== undefined ? `, ${n} native thread${n === 1 ? '' : 's'}` : '';
  return `${base}${r.chunksize !== undefined ? `, chunksize ${r.chunksize}` : ''}${native}`;
};

/** True when the run has a wall time to compare: it ran to completion at least once. */
// The guard narrows to status 'ok' (not plain Run) so the false branch still holds a failed or skipped Run.
export const isMeasured = (r: Run | undefined): r is Run & { status: 'ok' } =>
  !!r && r.status === 'ok' && r.repeats !== 0 && typeof r.wall.median === 'number' && Number.isFinite(r.wall.median) && r.wall.median > 0;

/** How many wall samples back the run's interval (older reports without samples: its repeat count). */
export const sampleCount = (r: Run): number => (Array.isArray(r.wall.samples) ? r.wall.samples.length : r.repeats);

/** True when both runs have at least two samples, so their intervals say something about the noise. */
export const intervalsKnown = (a: Run, b: Run): boolean => sampleCount(a) >= 2 && sampleCount(b) >= 2;

/** Which way `after` moved from `before` beyond both 95% intervals, or 'within noise' when they overlap. */
export function noiseVerdict(before: Run, after: Run): 'slower' | 'faster' | 'within noise' {
  if (after.wall.ci95[0] > before.wall.ci95[1]) return 'slower';
  if (after.wall.ci95[1] < before.wall.ci95[0]) return 'faster';
  return 'within noise';
}

/** Pairs the runs of two reports by strategy and worker count, in the order they first appear, and judges each pair. */
export function compareConfigurations(before: readonly Run[], after: readonly Run[]): ConfigChange[] {
  const keys = [...new Set([...before.map(configKey), ...after.map(configKey)])];
  return keys.map((config) => {
    const b = before.find((r) => configKey(r) === config);
    const a = after.find((r) => configKey(r) === config);
    if (isMeasured(b) && isMeasured(a)) {
      const change = a.wall.median / b.wall.median - 1;
      if (!intervalsKnown(a, b)) return { config, before: b, after: a, change, verdict: 'too few repeats' };
      return { config, before: b, after: a, change, verdict: noiseVerdict(b, a) };
    }
    if (isMeasured(b) && !a) return { config, before: b, verdict: 'only before' };
    if (isMeasured(a) && !b) return { config, after: a, verdict: 'only after' };
    return { config, before: b, after: a, verdict: 'not measured' };
  });
}
