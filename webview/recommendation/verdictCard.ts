/**
 * The details behind the answer: what kind of work this is (with the evidence), the recommendation with
 * its expected speedup, interval and confidence, the reasons, and the snippet (collapsed).
 */
import type { Report } from '../../src/contracts/report';
import { el, userText } from '../dom';
import { fixed, percent, times } from '../format';
import type { Host } from '../host';
import { isPython, runLabel, strategiesOf } from '../language';
import { confidenceCauses } from './confidence';
import { snippetBlock } from './snippetBlock';

/** Builds the card. */
export function verdictCard(report: Report, host: Host): HTMLElement {
  const c = report.classification;
  const r = report.recommendation;
  const causes = confidenceCauses(report);
  const chunk = isPython(report) && r.strategy !== 'serial' ? `, chunksize ${r.chunksize}` : '';
  return el('section', { class: 'card verdict', id: 'verdict', 'aria-labelledby': 'verdict-title' },
    el('h2', { id: 'verdict-title' }, 'Why this answer'),
    el('div', { class: 'verdict-grid' },
      el('div', { class: 'classification' },
        // The kind badges sit in the answer card; here the summary says it once, in words.
        el('p', { class: 'summary', 'data-testid': 'classification' }, userText(c.summary)),
        // The engine's evidence says what CPU ÷ wall means, then quotes it; older reports only quoted "CPU/wall".
        c.evidence.some((e) => e.includes('CPU \u00f7 wall')) ? null : el('p', { class: 'muted' }, cpuSentence(c.cpuRatio)),
        list('evidence', c.evidence),
      ),
      el('div', { class: 'recommendation' },
        el('p', { class: 'headline', 'data-testid': 'headline' }, userText(r.headline)),
        el('p', { class: 'expected' },
          el('span', { class: 'big' }, times(r.expectedSpeedup)),
          ` expected with ${runLabel(r)}${chunk} (95% interval ${times(r.expectedSpeedupCi95[0])}–${times(r.expectedSpeedupCi95[1])}) · `,
          el('span', { class: `confidence confidence-${r.confidence}` }, `${r.confidence} confidence`),
          ...(causes.length ? [': ', userText(causes.join('; '), 'confidence-cause')] : []),
        ),
        list('reasons', reasonsOf(report)),
        // Measured facts beside the verdict (a one-worker pool that beat the loop, cores that slowed when shared).
        report.findings?.length
          ? el('ul', { class: 'findings' }, ...report.findings.map((f) => el('li', { 'data-code': f.code }, userText(f.message))))
          : null,
      ),
    ),
    snippetBlock(report, host),
  );
}

/** The serial run's CPU ÷ wall in words first, the number after. */
function cpuSentence(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'The plain loop\u2019s CPU time was not measured.';
  if (ratio > 1.05) return `The plain loop kept ${fixed(ratio, 1)} cores busy on average: the function runs native threads of its own (CPU \u00f7 wall ${fixed(ratio)}).`;
  const busy = Math.min(1, ratio);
  const waiting = 1 - busy;
  return `The plain loop was on the CPU ${percent(busy)} of its wall time${waiting >= 0.05 ? ` and waited ${percent(waiting)}` : ''} (CPU \u00f7 wall ${fixed(ratio)}).`;
}

// A reason about a strategy the language lacks (a JavaScript report's "interpreters: skipped …") is noise there.
function reasonsOf(report: Report): string[] {
  const own = strategiesOf(report);
  const foreign = [...new Set(report.runs.map((r) => r.strategy))].filter((s) => !own.includes(s));
  return report.recommendation.reasons.filter((text) => !foreign.some((s) => text.toLowerCase().startsWith(`${s}:`)));
}

function list(className: string, items: readonly string[]): HTMLElement {
  return el('ul', { class: className }, ...items.map((s) => el('li', {}, userText(s))));
}
