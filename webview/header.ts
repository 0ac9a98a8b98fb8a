/** The page header: what was profiled, where, on what machine, and the export buttons. */
import type { Report } from '../src/contracts/report';
import type { ExportFormat } from '../src/contracts/webview';
import { custom, el, userText } from './dom';
import { localDateTime, seconds } from './format';
import type { Host } from './host';

const EXPORT_LABEL: Record<ExportFormat, string> = { json: 'Export JSON', html: 'Export HTML', trace: 'Export Chrome trace' };

/** Builds the header. */
export function header(report: Report, host: Host): HTMLElement {
  const t = report.target;
  const env = report.environment;
  const where = `${t.file}${t.line ? `:${t.line}` : ''}`;
  const location = host.canEdit
    ? el('a', { href: '#', class: 'location', 'data-file': t.file, 'data-line': t.line ?? 1 }, userText(where))
    : userText(where, 'location');
  location.addEventListener('click', (e) => {
    e.preventDefault();
    host.openLocation(t.file, t.line ?? 1);
  });
  const exports = el('div', { class: 'exports' }, ...host.exportFormats.map((f) => {
    const b = custom('vscode-button', { secondary: true, 'data-export': f }, EXPORT_LABEL[f]);
    b.addEventListener('click', () => host.exportReport(f, report));
    return b;
  }));
  // The GIL is CPython's; a Node report has none to mention (its worker threads have an isolate each).
  const gil = t.language !== 'python' ? '' : env.gilEnabled ? ' · GIL enabled' : ' · GIL disabled (free-threaded)';
  return el('header', { class: 'page-header' },
    el('div', { class: 'title' },
      el('h1', {}, 'Parallelism of ', userText(t.function, 'function-name')),
      el('p', { class: 'muted' }, location, t.args !== null ? ' · args ' : ` · ${t.tasks} calls`, t.args !== null ? userText(t.args, 'args') : ''),
      el('p', { class: 'muted env' },
        userText(env.version), `${gil} · ${env.logicalCores} logical / ${env.physicalCores} physical cores · `, userText(env.cpuModel),
        ` · ${env.platform}/${env.arch} · ${t.tasks} tasks · profiled ${localDateTime(new Date(report.createdAt))} in ${seconds(report.duration)}`,
        report.commit ? ` · commit ${report.commit.slice(0, 10)}` : ''),
    ),
    exports,
  );
}
