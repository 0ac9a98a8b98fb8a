/**
 * DOM helpers. Every string goes in as a text node: nothing here (or anywhere in the webview) touches
 * innerHTML, so a hostile function name or exception message can never become markup.
 */

type Child = Node | string | null | undefined | false;

/** Creates an element with attributes (values set with setAttribute, never parsed) and text/node children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, ...children);
  return node;
}

/** Creates a custom element (e.g. vscode-button) the same way as `el`. */
export function custom(
  tag: string, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]
): HTMLElement {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, ...children);
  return node;
}

/** Creates an SVG element; SVG text also goes in through textContent only. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | undefined> = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttrs(node, attrs);
  append(node, ...children);
  return node;
}

function setAttrs(node: Element, attrs: Record<string, string | number | boolean | undefined>): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    // Event-handler attributes would be script; refuse them even from our own code.
    if (/^on/i.test(k)) throw new Error(`refusing event attribute ${k}`);
    node.setAttribute(k, v === true ? '' : String(v));
  }
}

/** Appends children, turning strings into text nodes. */
export function append(node: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

// Bidi overrides and isolates can make text read differently from what it is (Trojan Source); show them instead.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * A span holding a user-supplied string as text, isolated from the surrounding bidi context, with any
 * bidi control characters made visible as ⟨U+XXXX⟩ so they cannot reorder what the user reads.
 */
export function userText(value: string, className = ''): HTMLSpanElement {
  const span = el('span', { class: `user-text ${className}`.trim(), dir: 'auto' });
  appendVisibleText(span, value);
  return span;
}

/** Appends `value` as text nodes, with bidi control characters made visible as ⟨U+XXXX⟩ (as `userText` does). */
export function appendVisibleText(node: Node, value: string): void {
  let last = 0;
  for (const m of value.matchAll(BIDI)) {
    node.appendChild(document.createTextNode(value.slice(last, m.index)));
    const code = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    node.appendChild(el('span', { class: 'bidi-control', title: 'bidi control character' }, `⟨U+${code}⟩`));
    last = m.index! + m[0].length;
  }
  node.appendChild(document.createTextNode(value.slice(last)));
}

/** Removes every child of a node. */
export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}
