/**
 * Warnings and errors: the report's warnings, every error (the report's and each run's) with its
 * traceback, where file:line references become links that open the source in the editor.
 */
import type { Report, RunError } from '../../src/contracts/report';
import { el, userText } from '../dom';
import type { Host } from '../host';
import { runLabel, shownRuns } from '../language';

// Python: File "/path/x.py", line 12 · JS/TS: at fn (/path/x.js:12:5) or at /path/x.js:12:5
const LOCATION = /File "(.+?)", line (\d+)|\(((?:[A-Za-z]:)?[^()\s]+?):(\d+):\d+\)|at ((?:[A-Za-z]:)?[/\\][^()\s]+?):(\d+):\d+/g;

/** Builds the section, or null when there is nothing to say. */
export function problemsSection(report: Report, host: Host): HTMLElement | null {
  const errors: { where: string; error: RunError }[] = [
    // Report.errors repeats each run's error (tagged with its run id) for readers of the JSON; show each once.
    ...report.errors.filter((error) => !error.run).map((error) => ({ where: 'profile', error })),
    ...report.runs.flatMap((r) => (r.error ? [{ where: r.id, error: r.error }] : [])),
  ];
  // Skipped runs say why in their table row; here only runs that were started and did not finish (stopped, timed out).
  const notRun = shownRuns(report).filter((r) => r.status !== 'ok' && r.status !== 'skipped' && !r.error);
  const output = report.output;
  const nothing = report.warnings.length === 0 && errors.length === 0 && notRun.length === 0;
  if (nothing && !report.cancelled && !output?.text) return null;
  const section = el('section', { class: 'card problems', id: 'problems', 'aria-labelledby': 'problems-title' }, el('h2', { id: 'problems-title' }, 'Warnings and errors'));
  if (report.cancelled) section.append(el('p', { class: 'warning' }, 'The profile was cancelled: the report holds what finished.'));
  if (report.warnings.length) {
    section.append(el('ul', { class: 'warnings' }, ...report.warnings.map((w) => el('li', { class: 'warning', 'data-code': w.code }, userText(w.message)))));
  }
  if (notRun.length) {
    section.append(el('ul', { class: 'not-run' }, ...notRun.map((r) =>
      el('li', {}, el('strong', {}, userText(runLabel(r))), ` ${r.status}`, r.reason ? ': ' : '', r.reason ? userText(r.reason) : ''))));
  }
  for (const { where, error } of errors) section.append(errorBlock(where, error, host));
  if (output?.text) {
    // What the workload printed (its stdout and stderr), as captured; the profiler caps it, and says so.
    const note = output.truncated ? ` (${Math.round(output.bytes / 1024)} KB printed; the start and the end are kept)` : '';
    section.append(el('details', { class: 'output' }, el('summary', {}, `Workload output${note}`), el('pre', { class: 'traceback' }, userText(output.text))));
  }
  return section;
}

function errorBlock(where: string, e: RunError, host: Host): HTMLElement {
  const details = [
    e.taskIndex !== undefined ? `task ${e.taskIndex}` : '',
    e.signal ? `signal ${e.signal}` : '',
    e.exitCode !== undefined ? `exit code ${e.exitCode}` : '',
  ].filter(Boolean).join(' · ');
  const block = el('div', { class: 'error', 'data-run': where },
    el('p', { class: 'error-title' }, el('strong', {}, userText(e.type)), ': ', userText(e.message)),
    el('p', { class: 'muted' }, userText(where === 'profile' ? 'whole profile' : `run ${where}`), details ? ` · ${details}` : ''),
  );
  if (e.file) block.append(el('p', {}, 'at ', locationLink(e.file, e.line ?? 1, `${e.file}:${e.line ?? 1}`, host)));
  if (e.traceback) block.append(el('pre', { class: 'traceback' }, ...linkify(e.traceback, host)));
  return block;
}

/** Splits a traceback into text and file:line links (links only where the host has an editor). */
function linkify(text: string, host: Host): Node[] {
  const out: Node[] = [];
  let last = 0;
  for (const m of text.matchAll(LOCATION)) {
    const file = m[1] ?? m[3] ?? m[5];
    const line = Number(m[2] ?? m[4] ?? m[6]);
    out.push(userText(text.slice(last, m.index)));
    out.push(locationLink(file, line, m[0], host));
    last = m.index! + m[0].length;
  }
  out.push(userText(text.slice(last)));
  return out;
}

function locationLink(file: string, line: number, label: string, host: Host): HTMLElement {
  if (!host.canEdit) return userText(label, 'location');
  const a = el('a', { href: '#', class: 'location', 'data-file': file, 'data-line': line, title: `Open ${file}:${line}` }, userText(label));
  a.addEventListener('click', (ev) => {
    ev.preventDefault();
    host.openLocation(file, line);
  });
  return a;
}
