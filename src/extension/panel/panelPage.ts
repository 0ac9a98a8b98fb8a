/**
 * What every panel of this extension shares (the report panel and the comparison panel): the webview options (scripts
 * on, resources only from the built webview and media) and the locked-down page (strict CSP, fresh nonce) that loads
 * the one webview bundle. Data never goes into the page; each panel posts it once the page says it is ready.
 */
import * as vscode from 'vscode';
import { isFromWebviewMessage } from '../../contracts/webview';
import { LoadWatch, RELOADS } from './loadWatch';
import { makeNonce, panelHtml } from './webviewHtml';

/** Webview options: scripts on, resources only from the built webview and media (DESIGN.md §6). */
export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

/** The page that loads the webview bundle into `webview`, with a fresh nonce. */
export function panelPage(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const dir = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  return panelHtml({
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dir, 'main.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dir, 'main.css')).toString(),
    cspSource: webview.cspSource,
    nonce: makeNonce(),
  });
}

/**
 * Assigns a panel its page and keeps it loaded: a page that never says it is ready (VS Code failed to load its
 * script) is assigned again, and the user is told, with a way out, when every try is spent (loadWatch.ts).
 */
export class PageLoader implements vscode.Disposable {
  private readonly watch: LoadWatch;
  private readonly subscriptions: vscode.Disposable[];
  private visible: boolean;

  /** Assigns the page now; `label` names the panel in the log and in the message ("report panel"). */
  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    log: vscode.LogOutputChannel,
    label: string,
  ) {
    this.watch = new LoadWatch({
      reload: (attempt, waited) => {
        log.warn(`${label}: the page did not load within ${waited / 1000} s; loading it again (${attempt} of ${RELOADS})`);
        this.assign();
      },
      giveUp: (waited) => {
        log.error(`${label}: the page did not load after ${RELOADS + 1} tries (the last waited ${waited / 1000} s)`);
        const text = `The ${label} did not finish loading after ${RELOADS + 1} tries: VS Code may have failed to load its page. ` +
          'Nothing is lost: the runs are kept in Benchmark History. Reload Window usually fixes this.';
        void vscode.window.showErrorMessage(text, RELOAD).then((pick) => {
          if (pick === RELOAD) void vscode.commands.executeCommand('workbench.action.reloadWindow');
        });
      },
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    });
    this.visible = panel.visible;
    // A hidden panel's page is dropped and loaded again when it is shown: each showing is a load to watch.
    this.subscriptions = [
      panel.onDidChangeViewState(() => {
        const visible = this.panel.visible;
        if (visible && !this.visible) this.watch.expect();
        if (!visible) this.watch.hidden();
        this.visible = visible;
      }),
      // The panel answers the page's messages; this only notes that the page said it is ready.
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (isFromWebviewMessage(m) && m.type === 'ready') this.watch.ready();
      }),
    ];
    this.assign();
    if (this.visible) this.watch.expect();
  }

  /** Stops watching. */
  dispose(): void {
    this.watch.dispose();
    for (const d of this.subscriptions) d.dispose();
  }

  private assign(): void {
    // A fresh nonce each time, so the page differs from the last and VS Code loads it again.
    this.panel.webview.html = panelPage(this.panel.webview, this.extensionUri);
  }
}

const RELOAD = 'Reload Window';
