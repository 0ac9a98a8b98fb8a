/**
 * Webview entry. In a VS Code panel (`acquireVsCodeApi` exists) the report arrives by postMessage and
 * the state survives reloads; in the CLI's standalone file it is read from <script id="report-data">.
 */
// Only the components used, to keep the bundle small.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import './styles.css';
import './interpreters/interpreters.css';
import type { Report } from '../src/contracts/report';
import { assertNever, isToWebviewMessage } from '../src/contracts/webview';
import { App } from './app';
import { compareHost } from './compare/compareHost';
import { showComparison } from './compare/compareView';
import { panelHost, standaloneHost } from './host';
import { receiveReport } from './records';

const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('main'));

if (typeof acquireVsCodeApi === 'function') startPanel();
else startStandalone();

function startPanel(): void {
  const api = acquireVsCodeApi();
  const app = new App(root, panelHost(api));
  const restored = api.getState();
  try {
    if (restored?.comparison) showComparison(root, restored.comparison, compareHost(api));
    else if (restored?.report) showTimed(app, restored.report, restored.runId);
  } catch (e) {
    // State saved by another build may not draw; the extension sends the data again on "ready", so go on to say it.
    console.error('the saved state could not be drawn', e);
  }
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    // Timed from here: reading event.data deserialises the report, which is part of getting it on screen.
    const t0 = performance.now();
    const msg = event.data;
    // Anything else (another extension's or a stale format) is not ours to act on.
    if (!isToWebviewMessage(msg)) return;
    switch (msg.type) {
      case 'report':
        showTimed(app, receiveReport(msg.report), msg.runId, t0);
        break;
      case 'selectRun':
        app.selectRun(msg.runId, false);
        break;
      case 'notice':
        app.showNotice(msg.level, msg.text);
        break;
      case 'comparison':
        showComparison(root, msg.comparison, compareHost(api));
        break;
      default:
        assertNever(msg);
    }
  });
  // VS Code switches themes by changing body classes and the inline --vscode-* variables on <html>.
  const observer = new MutationObserver(() => app.themeChanged());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  api.postMessage({ type: 'ready' });
}

function startStandalone(): void {
  // Captured before rendering, so "Export HTML" writes the page as it came, which renders afresh.
  const pristine = `<!DOCTYPE html>\n${document.documentElement.outerHTML}`;
  const app = new App(root, standaloneHost(pristine));
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => app.themeChanged());
  const data = document.getElementById('report-data');
  if (!data?.textContent) {
    root.textContent = 'No report data in this page.';
    return;
  }
  const t0 = performance.now();
  try {
    showTimed(app, JSON.parse(data.textContent) as Report, undefined, t0);
  } catch (e) {
    root.textContent = `This report could not be read: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Renders and records, on <body data-first-paint-ms>, the time from data in hand (`t0`) to the frame painted. */
function showTimed(app: App, report: Report, runId?: string, t0 = performance.now()): void {
  app.show(report, runId);
  requestAnimationFrame(() => {
    // A message posted from the frame callback runs after that frame has been painted.
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      document.body.dataset.firstPaintMs = (performance.now() - t0).toFixed(1);
    };
    ch.port2.postMessage(null);
  });
}
