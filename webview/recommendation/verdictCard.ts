/**
 * The verdict card: what kind of work this is (with the evidence), the recommendation with its expected
 * speedup and interval, the reasons, and the snippet with Copy and "Insert below function".
 */
import type { Report } from '../../src/contracts/report';
import { custom, el, userText } from '../dom';
import { times } from '../format';
import type { Host } from '../host';

const KIND_LABEL: Record<Report['classification']['kind'], string> = {
  'cpu-bound': 'CPU-bound',
  'io-bound': 'I/O-bound',
  mixed: 'mixed CPU and waiting',
  'overhead-bound': 'overhead-bound',
};

/** Builds the card. */
export function verdictCard(report: Report, host: Host): HTMLElement {
  const c = report.classification;
  const r = report.recommendation;
  const status = el('span', { class: 'action-status', role: 'status', 'aria-live': 'polite' });
  const copy = custom('vscode-button', { 'data-action': 'copy' }, 'Copy');
  copy.addEventListener('click', () => {
    host.copySnippet(r.snippet).then(
      () => (status.textContent = host.mode === 'panel' ? '' : 'Copied'),
      (e: unknown) => (status.textContent = `Copy failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  });
  const insert = host.canEdit ? custom('vscode-button', { secondary: true, 'data-action': 'insert' }, 'Insert below function') : null;
  insert?.addEventListener('click', () => host.insertSnippet(r.snippetInModule ?? r.snippet));

  return el('section', { class: 'card verdict', id: 'verdict', 'aria-labelledby': 'verdict-title' },
    el('h2', { id: 'verdict-title' }, 'Verdict'),
    el('div', { class: 'verdict-grid' },
      el('div', { class: 'classification' },
        el('p', { class: 'kind' }, el('span', { class: `kind-badge kind-${c.kind}` }, KIND_LABEL[c.kind] ?? c.kind), c.gilBound ? el('span', { class: 'kind-badge gil' }, 'GIL-bound') : null),
        el('p', { class: 'summary', 'data-testid': 'classification' }, userText(c.summary)),
        el('p', { class: 'muted' }, `CPU/wall of the serial run: ${c.cpuRatio.toFixed(2)}`),
        list('evidence', c.evidence),
      ),
      el('div', { class: 'recommendation' },
        el('p', { class: 'headline', 'data-testid': 'headline' }, userText(r.headline)),
        el('p', { class: 'expected' },
          el('span', { class: 'big' }, times(r.expectedSpeedup)),
          ` expected with ${r.interpreter ? `${r.interpreter} ` : ''}${r.strategy} ×${r.workers}, chunksize ${r.chunksize} (95% interval ${times(r.expectedSpeedupCi95[0])}–${times(r.expectedSpeedupCi95[1])}) · `,
          el('span', { class: `confidence confidence-${r.confidence}` }, `${r.confidence} confidence`),
        ),
        list('reasons', r.reasons),
      ),
    ),
    el('div', { class: 'snippet' },
      el('div', { class: 'snippet-bar' }, el('span', { class: 'muted' }, `Snippet (${report.target.language})`), el('span', { class: 'spacer' }), status, copy, insert),
      el('pre', {}, el('code', { 'data-testid': 'snippet' }, userText(r.snippet))),
    ),
  );
}

function list(className: string, items: readonly string[]): HTMLElement {
  return el('ul', { class: className }, ...items.map((s) => el('li', {}, userText(s))));
}
