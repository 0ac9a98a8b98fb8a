/**
 * The comparison's answer, first on the page: how the best speedup moved, with its change and both 95% intervals,
 * e.g. "processes ×2: 1.90× → 1.60× (−16%, beyond noise: intervals 1.89–1.91× vs 1.59–1.60×)". When the serial loop
 * is fastest in both runs its speedup is 1 by definition, so the line gives its wall time instead. Under it: the
 * wall-time verdict the CI gate gives, and whether the recommendation changed. All from the engine's Comparison.
 */
import type { Comparison, SpeedupChange, SpeedupEstimate, SpeedupVerdict } from '../../src/contracts/comparison';
import type { Recommendation } from '../../src/contracts/report';
import { el, userText } from '../dom';
import { seconds, times } from '../format';
import { signedPercent, SPEEDUP_NOISE, speedupRange, WALL_TONE, wallRange } from './compareFormat';

/** Builds the summary card. */
export function summaryCard(c: Comparison): HTMLElement {
  const s = c.best.speedup;
  const line = s.baseline.serial && s.current.serial ? serialLine(c)
    : summaryLine(s.verdict, speedups(s), signedPercent(s.change), noiseText(s.baseline, s.current, s.verdict));
  line.prepend(el('span', { class: `swatch series-${c.best.current.strategy}`, 'aria-hidden': 'true' }));
  const r = c.recommendation;
  const change = r.strategyChanged ? 'the strategy changed' : r.workersChanged ? 'the worker count changed'
    : 'unchanged';
  return el('section', { class: 'card compare-answer', id: 'compare-answer', 'aria-label': 'Comparison summary' },
    line,
    el('p', { class: 'answer-sub', 'data-testid': 'compare-wall' },
      'Fastest wall time: ', userText(c.best.sentence), '.'),
    el('p', { class: 'answer-sub', 'data-testid': 'compare-recommendation' },
      `Recommendation: ${recommended(r.baseline)} → ${recommended(r.current)} (${change}).`),
  );
}

/** The line: what moved, then "(change, noise)"; `tone` colours the change (red only for less speedup beyond noise). */
function summaryLine(tone: SpeedupVerdict, what: string, change: string, noise: string): HTMLElement {
  return el('p', { class: `compare-summary verdict-${tone.replace(/ /g, '-')}`, 'data-testid': 'compare-summary' },
    what, ' ',
    el('span', { class: 'detail' },
      '(', el('span', { class: 'change' }, change), ', ', el('span', { class: 'noise' }, noise), ')'));
}

/** "serial ×1 is fastest in both runs: 397 ms → 381 ms (−4.2%, within noise: intervals 232–475 ms vs 252–405 ms)". */
function serialLine({ best }: Comparison): HTMLElement {
  const [b, c] = [best.baseline.wall, best.current.wall];
  const noise = !best.noiseKnown ? SPEEDUP_NOISE['too few repeats']
    : `${SPEEDUP_NOISE[WALL_TONE[best.verdict]]}: intervals ${wallRange(b.ci95)} vs ${wallRange(c.ci95)}`;
  const what = `${best.speedup.current.config} is fastest in both runs: ${seconds(b.median)} → ${seconds(c.median)}`;
  return summaryLine(WALL_TONE[best.verdict], what, signedPercent(best.change), noise);
}

/** "processes ×2: 1.90× → 1.60×"; when the fastest configuration changed, "Best: processes ×2 1.90× → …". */
function speedups({ baseline: b, current: c }: SpeedupChange): string {
  if (b.config === c.config) return `${c.config}: ${times(b.median)} → ${times(c.median)}`;
  return `Best: ${b.config} ${times(b.median)} → ${c.config} ${times(c.median)}`;
}

/** "beyond noise: intervals 1.89–1.91× vs 1.59–1.60×", or why the noise cannot be weighed. */
function noiseText(b: SpeedupEstimate, c: SpeedupEstimate, verdict: SpeedupVerdict): string {
  const missing = !b.ci95 && !c.ci95 ? 'either run' : !b.ci95 ? 'the earlier run' : !c.ci95 ? 'the later run' : '';
  if (missing || !b.ci95 || !c.ci95) return `no serial run in ${missing} to weigh the noise`;
  // A single sample's interval has no width: quoting it would look like certainty.
  if (verdict === 'too few repeats') return SPEEDUP_NOISE[verdict];
  return `${SPEEDUP_NOISE[verdict]}: intervals ${speedupRange(b.ci95)} vs ${speedupRange(c.ci95)}`;
}

const recommended = (r: Recommendation): string =>
  `${r.strategy} ×${r.workers} (expected ${times(r.expectedSpeedup)})`;
