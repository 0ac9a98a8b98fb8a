/**
 * What every panel of this extension shares (the report panel and the comparison panel): the webview options (scripts
 * on, resources only from the built webview and media) and the locked-down page (strict CSP, fresh nonce) that loads
 * the one webview bundle. Data never goes into the page; each panel posts it once the page says it is ready.
 */
import * as vscode from 'vscode';
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
