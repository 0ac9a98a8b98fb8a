/**
 * The snippet as one code block, highlighted in the theme's colours, collapsed by default (a 25-line
 * program must not push the measurements down), with Copy and "Insert below function" always in reach.
 */
import type { Report } from '../../src/contracts/report';
import { custom, el } from '../dom';
import type { Host } from '../host';
import { highlightInto, plainInto } from './highlight';

const LANGUAGE_NAME: Record<Report['target']['language'], string> = { python: 'Python', javascript: 'JavaScript', typescript: 'TypeScript' };

/** Builds the snippet block for `report`'s recommendation. */
export function snippetBlock(report: Report, host: Host): HTMLElement {
  const r = report.recommendation;
  const lines = r.snippet.replace(/\n$/, '').split('\n').length;
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

  const code = el('code', { 'data-testid': 'snippet', class: `language-${report.target.language}` });
  // Coloured when first opened: the block starts collapsed, and highlighting costs ~25 ms of a cold page's first paint.
  plainInto(code, r.snippet);
  let highlighted = false;
  // Code reads left to right whatever the page's direction; bidi controls inside it are shown, not obeyed.
  const pre = el('pre', { class: 'code-block', id: 'snippet-code', dir: 'ltr', hidden: true }, code);
  const toggle = el('button', { type: 'button', class: 'disclosure', 'aria-expanded': 'false', 'aria-controls': 'snippet-code', 'data-action': 'toggle-snippet' },
    `Snippet: ${LANGUAGE_NAME[report.target.language] ?? report.target.language}, ${lines} line${lines === 1 ? '' : 's'}`);
  toggle.addEventListener('click', () => {
    const open = pre.hidden;
    if (open && !highlighted) {
      highlightInto(code, r.snippet, report.target.language);
      highlighted = true;
    }
    pre.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  });
  return el('div', { class: 'snippet' },
    el('div', { class: 'snippet-bar' }, toggle, el('span', { class: 'spacer' }), status, copy, insert),
    pre,
  );
}
