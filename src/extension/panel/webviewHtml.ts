/**
 * The report panel's HTML (DESIGN.md §6): a strict CSP, one nonce'd script, no data in the page (the
 * report arrives by postMessage). Pure: no `vscode` import, so it is unit-testable and shared with tests.
 */

/** What the panel page needs: webview URIs as strings (webview.asWebviewUri(...).toString()) and webview.cspSource. */
export interface PanelHtmlOptions {
  scriptUri: string;
  styleUri: string;
  cspSource: string;
  /** A fresh random nonce per page (see `makeNonce`). */
  nonce: string;
}

/** Builds the panel HTML. */
export function panelHtml({ scriptUri, styleUri, cspSource, nonce }: PanelHtmlOptions): string {
  // Lit (vscode-elements) styles its shadow roots with constructable stylesheets (adoptedStyleSheets), which
  // style-src does not govern, so no 'unsafe-inline' is needed; element.style writes from script are CSSOM, also
  // allowed.
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(styleUri)}" nonce="${attr(nonce)}">
<title>Parallelism report</title>
</head>
<body>
<main id="app" aria-live="polite"><p>Waiting for the report…</p></main>
<script nonce="${attr(nonce)}" src="${attr(scriptUri)}"></script>
</body>
</html>
`;
}

/** A 32-character random nonce (base64url of 24 random bytes) from the Web Crypto API, present in Node 20. */
export function makeNonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64url');
}

/** Escapes a value for a double-quoted HTML attribute. */
function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
