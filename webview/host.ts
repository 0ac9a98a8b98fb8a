/**
 * Where the webview runs: inside a VS Code panel (actions become protocol messages) or as the CLI's
 * standalone HTML file (actions use browser APIs; editor-only actions are hidden).
 */
import type { Report } from '../src/contracts/report';
import type { ExportFormat, FromWebviewMessage, WebviewState } from '../src/contracts/webview';

/** The object VS Code's `acquireVsCodeApi()` returns. */
export interface VsCodeApi {
  postMessage(message: FromWebviewMessage): void;
  getState(): WebviewState | undefined;
  setState(state: WebviewState): void;
}

declare global {
  // Injected by VS Code into webviews; absent in the standalone page.
  function acquireVsCodeApi(): VsCodeApi;
}

/** The actions the UI can take, whichever page it lives in. */
export interface Host {
  readonly mode: 'panel' | 'standalone';
  /** "Insert below function" and clickable file:line links need an editor. */
  readonly canEdit: boolean;
  readonly exportFormats: readonly ExportFormat[];
  /** "Re-run with more repeats" needs the extension to profile again; the standalone file has no one to ask. */
  readonly canRerun: boolean;
  rerunMoreRepeats(): void;
  copySnippet(snippet: string): Promise<void>;
  insertSnippet(snippet: string): void;
  openLocation(file: string, line: number): void;
  exportReport(format: ExportFormat, report: Report): void;
  selectRun(runId: string): void;
  saveState(state: WebviewState): void;
}

/** The host inside a VS Code panel: everything is a message to the extension. */
export function panelHost(api: VsCodeApi): Host {
  return {
    mode: 'panel',
    canEdit: true,
    exportFormats: ['json', 'html', 'trace'],
    canRerun: true,
    rerunMoreRepeats: () => api.postMessage({ type: 'rerunMoreRepeats' }),
    async copySnippet(snippet) {
      api.postMessage({ type: 'copySnippet', snippet });
    },
    insertSnippet: (snippet) => api.postMessage({ type: 'insertSnippet', snippet }),
    openLocation: (file, line) => api.postMessage({ type: 'openLocation', file, line }),
    exportReport: (format) => api.postMessage({ type: 'export', format }),
    selectRun: (runId) => api.postMessage({ type: 'selectRun', runId }),
    saveState: whenIdle((state: WebviewState) => api.setState(state)),
  };
}

/**
 * The host of the standalone file. `pristineHtml` is the page as loaded, captured before rendering, so
 * "export HTML" saves a file that renders afresh. The Chrome trace needs the engine's converter, which
 * the page does not carry: the CLI's --trace writes it.
 */
export function standaloneHost(pristineHtml: string): Host {
  return {
    mode: 'standalone',
    canEdit: false,
    exportFormats: ['json', 'html'],
    canRerun: false,
    rerunMoreRepeats: () => undefined,
    copySnippet: copyText,
    insertSnippet: () => undefined,
    openLocation: () => undefined,
    exportReport(format, report) {
      if (format === 'json') download(`${baseName(report)}.json`, 'application/json', JSON.stringify(report, null, 2));
      else if (format === 'html') download(`${baseName(report)}.html`, 'text/html', pristineHtml);
    },
    selectRun: () => undefined,
    saveState: () => undefined,
  };
}

function baseName(report: Report): string {
  // A file name, not markup: keep it to safe characters so a hostile function name cannot make a strange path.
  const safe = report.target.function.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 60) || 'report';
  return `parallelism-${safe}`;
}

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: revoking synchronously can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // file:// pages without focus or permission: fall back to a selection copy.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('the browser refused to copy');
}

// VS Code serialises the state as JSON on the page's thread (tens of ms for a large report): do it when the page is
// idle after drawing, once for a burst of calls, with the last state.
function whenIdle<T>(save: (value: T) => void): (value: T) => void {
  let pending: { value: T } | null = null;
  return (value) => {
    const scheduled = pending !== null;
    pending = { value };
    if (scheduled) return;
    requestIdleCallback(() => {
      const { value: last } = pending!;
      pending = null;
      save(last);
    }, { timeout: 2000 });
  };
}
