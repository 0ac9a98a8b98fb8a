/**
 * The CLI's standalone HTML report: one self-contained file that opens from disk with no server. The
 * webview bundle is inlined (script and style, allowed by hash and nonce in a meta CSP) and the Report is
 * embedded as inert JSON in <script type="application/json" id="report-data">, escaped so no string in
 * it can close the tag or start markup.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../contracts/report';

/** The built webview bundle's text. */
export interface WebviewAssets {
  js: string;
  css: string;
}

/** Reads dist/webview/main.js and main.css (built by esbuild.mjs) from `distDir` (the `dist` folder). */
export function readWebviewAssets(distDir: string): WebviewAssets {
  const read = (name: string) => {
    try {
      return readFileSync(join(distDir, 'webview', name), 'utf8');
    } catch (e) {
      throw new Error(`webview bundle missing (${join(distDir, 'webview', name)}); run \`npm run build\` first: ${(e as Error).message}`);
    }
  };
  return { js: read('main.js'), css: read('main.css') };
}

/** Serialises a Report for a JSON <script> block: valid JSON, but with no `<`, `>`, `&` or line separators left raw. */
export function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Builds the standalone report page. */
export function standaloneHtml(report: Report, assets: WebviewAssets): string {
  const nonce = randomBytes(18).toString('base64url');
  const js = scriptSafe(assets.js.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n'));
  const css = assets.css.replace(/<\/style/gi, '<\\/style').replace(/\n?\/\*# sourceMappingURL=\S+\s*\*\/\s*$/, '\n');
  // Hashes as well as the nonce: a nonce in a static file is fixed anyway, and the browser hides nonce
  // attributes from the DOM, so a copy of the page saved by "Export HTML" keeps working only by hash.
  const csp = [
    "default-src 'none'",
    'img-src data: blob:',
    `style-src 'nonce-${nonce}' '${sha256(css)}'`,
    `script-src 'nonce-${nonce}' '${sha256(js)}'`,
  ].join('; ');
  const title = `Parallelism report: ${report.target.function}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="generator" content="parallelism-profiler ${attr(report.tool?.version ?? '')}">
<title>${text(title)}</title>
<style nonce="${nonce}">${css}</style>
</head>
<body>
<main id="app"><p>Loading the report…</p></main>
<script type="application/json" id="report-data">${embedJson(report)}</script>
<script nonce="${nonce}">${js}</script>
</body>
</html>
`;
}

// "</script" would end the element early and "<!--" can switch the parser into escaped mode. esbuild already
// avoids both in its output; this is the belt to its braces. "<\/" and "\x3C" read the same in JS strings and regexes.
function scriptSafe(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '\\x3C!--');
}

function sha256(s: string): string {
  return `sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}`;
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
