/**
 * The answer at the top of the page, in one line: what to use and how much faster it was than the loop,
 * then what the other strategies reached at best, e.g. "Use ProcessPoolExecutor(max_workers=2): 1.90×
 * faster than the loop; threads: at best 0.99× (1 worker)". Under it: the kind of work, the confidence
 * with its cause (and, in the panel, when it is not high, "Re-run with more repeats"), and a pointer to the warnings.
 * Built from the recommendation and the runs, as written.
 */
import type { Report, Run, StrategyName } from '../../src/contracts/report';
import { custom, el, userText } from '../dom';
import type { Host } from '../host';
import { times } from '../format';
import { constructFor, isPython, shownRuns, strategiesOf } from '../language';
import { confidenceCauses } from './confidence';
import { KIND_LABEL } from './kind';
import { interpreterAnswer } from '../interpreters/answer';

/** Builds the answer card; `host` says whether the page can ask for a re-run. */
export function answerCard(report: Report, host: Host): HTMLElement {
  const r = report.recommendation;
  // A comparison of interpreters names the interpreter first and quotes its runs only.
  const compared = interpreterAnswer(report, shownRuns(report));
  const runs = compared?.runs ?? shownRuns(report);
  const measured = runs.filter((x) => x.status === 'ok');
  const loop = compared?.baseline ?? 'the loop';
  const line = el('p', { class: 'answer-line', 'data-testid': 'answer' });
  if (measured.length === 0) {
    line.append('No configuration completed: the errors below say why.');
  } else {
    const what = constructFor(report.target.language, r.strategy, r.workers, r.chunksize);
    const name = what.code ? el('code', { class: 'construct' }, what.code) : null;
    line.append(el('span', { class: `swatch series-${r.strategy}`, 'aria-hidden': 'true' }));
    if (compared) line.append(userText(compared.lead), r.strategy === 'serial' ? ' and keep' : ' and use', ' ');
    const gain = r.expectedSpeedup >= 1
      ? `${times(r.expectedSpeedup)} faster than ${loop}`
      : `${times(r.expectedSpeedup)} ${loop}'s speed`;
    if (r.strategy === 'serial' && compared?.switches) {
      line.append(`the plain loop: ${gain}, no parallelism needed`);
    } else if (r.strategy === 'serial') {
      line.append(`${compared ? 'the' : 'Keep the'} plain loop: nothing beat it beyond noise`);
    } else {
      line.append(compared ? '' : 'Use ', name ?? '', what.after, `: ${gain}`);
    }
    for (const [strategy, best] of bestOfOthers(report, measured, r.strategy)) {
      line.append(`; ${strategy}: at best ${times(best.speedup)} (${best.workers} worker${best.workers === 1 ? '' : 's'})`);
    }
  }

  const c = report.classification;
  const causes = confidenceCauses(report);
  const sub = el('p', { class: 'answer-sub' },
    el('span', { class: `kind-badge kind-${c.kind}` }, KIND_LABEL[c.kind] ?? c.kind),
    isPython(report) && c.gilBound ? el('span', { class: 'kind-badge gil' }, 'GIL-bound') : null,
    el('span', { class: `confidence confidence-${r.confidence}`, 'data-testid': 'confidence' }, `${r.confidence} confidence`),
    causes.length ? ': ' : '',
    ...causes.flatMap((cause, i) => [i ? '; ' : '', userText(cause, 'confidence-cause')]),
    r.strategy !== 'serial' && measured.length ? ` · 95% interval ${times(r.expectedSpeedupCi95[0])}–${times(r.expectedSpeedupCi95[1])}` : '',
  );
  const problems = problemCount(report);
  if (problems) sub.append(' · ', el('a', { href: '#problems', class: 'problems-link' }, problems));
  // More repeats narrow the intervals a medium or low confidence rests on; the standalone file has no editor to ask.
  if (host.canRerun && r.confidence !== 'high' && measured.length) {
    const rerun = custom('vscode-button', { secondary: true, 'data-action': 'rerun-more-repeats', class: 'rerun' }, 'Re-run with more repeats');
    rerun.addEventListener('click', () => {
      // One re-run per report: a second click must not queue a second profile behind the first.
      if (rerun.hasAttribute('disabled')) return;
      rerun.setAttribute('disabled', '');
      host.rerunMoreRepeats();
    });
    sub.append(' ', rerun);
  }
  return el('section', { class: 'card answer', id: 'answer', 'aria-label': 'Answer' }, line, sub);
}

/** For each other strategy of the language that completed a run, its fastest run (what "at best" quotes). */
function bestOfOthers(report: Report, measured: Run[], chosen: StrategyName): [StrategyName, Run][] {
  const out: [StrategyName, Run][] = [];
  for (const s of strategiesOf(report)) {
    if (s === 'serial' || s === chosen) continue;
    const best = measured
      .filter((x) => x.strategy === s && Number.isFinite(x.speedup))
      .sort((a, b) => b.speedup - a.speedup || a.workers - b.workers)[0];
    if (best) out.push([s, best]);
  }
  return out;
}

function problemCount(report: Report): string {
  const errors = report.errors.filter((e) => !e.run).length + report.runs.filter((x) => x.error).length;
  const parts = [
    report.warnings.length ? `${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'}` : '',
    errors ? `${errors} error${errors === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return parts.length ? `${parts.join(', ')} below` : '';
}
