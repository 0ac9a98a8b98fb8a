/**
 * Renders a report in each export format: JSON as is, the engine's Chrome trace, the CLI's standalone HTML.
 * No `vscode` here; reportActions.ts asks where to save.
 */
import type { Report } from '../../contracts/report';
import { toChromeTrace } from '../../exporters/trace';
import { readWebviewAssets, standaloneHtml } from '../../exporters/standaloneHtml';
import type { ExportFormat } from '../../contracts/webview';

/** File extension and save-dialog filter for each format. */
export const EXPORT_FILE_TYPES: Record<ExportFormat, { extension: string; label: string }> = {
  json: { extension: 'json', label: 'Report JSON' },
  trace: { extension: 'trace.json', label: 'Chrome trace (chrome://tracing, Perfetto)' },
  html: { extension: 'html', label: 'Standalone HTML report' },
};

/** A file name for the export, from the function name and the profile time, with only safe characters. */
export function exportFileName(report: Report, format: ExportFormat): string {
  const fn = report.target.function.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 60) || 'report';
  const when = report.createdAt.replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
  return `${fn}.parallelism-${when}.${EXPORT_FILE_TYPES[format].extension}`;
}

/**
 * The text to write for `format`. `distDir` is the extension's dist/, whose webview bundle the standalone page inlines.
 */
export function renderExport(report: Report, format: ExportFormat, distDir: string): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2);
    case 'trace':
      return JSON.stringify(toChromeTrace(report));
    case 'html':
      return standaloneHtml(report, readWebviewAssets(distDir));
    default: {
      const never: never = format;
      throw new Error(`unknown export format ${String(never)}`);
    }
  }
}
