/**
 * The comparison page ("Compare with previous run"): the summary line first, then the two runs side by side, every
 * configuration, and the engine's notes (other machine, interpreter or arguments). It draws the engine's Comparison,
 * which carries both Reports, and computes nothing beyond layout.
 */
import './compare.css';
import type { Comparison } from '../../src/contracts/comparison';
import { clear, el, userText } from '../dom';
import type { CompareHost } from './compareHost';
import { configTable } from './configTable';
import { sideBySide } from './sideBySide';
import { summaryCard } from './summaryLine';

/** Replaces what `root` shows with `comparison`, and keeps it as the page's state for a reload. */
export function showComparison(root: HTMLElement, comparison: Comparison, host: CompareHost): void {
  const t = comparison.current.target;
  clear(root);
  root.append(
    el('header', { class: 'page-header' },
      el('div', { class: 'title' },
        el('h1', {}, 'Compare ', userText(t.function, 'function-name')),
        el('p', { class: 'muted' },
          userText(t.file, 'location'), ': the earlier run (before) against the later one (after)'))),
    summaryCard(comparison),
    notesCard(comparison),
    sideBySide(comparison, host),
    configTable(comparison),
  );
  root.dataset.view = 'comparison';
  root.dataset.state = 'ready';
  host.saveState(comparison);
}

/** The engine's caveats, above the details they qualify; nothing when there are none. */
function notesCard(c: Comparison): HTMLElement | string {
  if (!c.notes.length) return '';
  return el('section', { class: 'card compare-notes', id: 'compare-notes', 'aria-labelledby': 'compare-notes-title' },
    el('h2', { id: 'compare-notes-title' }, 'Before you read the numbers'),
    el('ul', {}, ...c.notes.map((n) => el('li', { 'data-testid': 'compare-note' }, userText(n)))));
}
