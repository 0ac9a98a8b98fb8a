/**
 * Syntax highlighting of the snippet with highlight.js core and only the three languages a Report can
 * hold (the full build would add ~190 languages to the bundle). highlight.js normally returns an HTML
 * string; here its token stream is fed to an emitter that builds DOM nodes directly, so the snippet, a
 * user-derived string, only ever becomes text nodes, never parsed markup.
 */
import type { Emitter, HLJSOptions } from 'highlight.js';
import hljsCore from 'highlight.js/lib/core';
import javascript from 'highlight.js/lib/languages/javascript';
import python from 'highlight.js/lib/languages/python';
import typescript from 'highlight.js/lib/languages/typescript';
import type { Target } from '../../src/contracts/report';
import { appendVisibleText, el } from '../dom';

/** Builds spans for scopes and text nodes for text, in a fragment; the HTML string it is asked for stays empty. */
class DomEmitter implements Emitter {
  readonly root = document.createDocumentFragment();
  private readonly stack: Node[] = [this.root];

  constructor(_options: unknown) {}

  private get top(): Node {
    return this.stack[this.stack.length - 1];
  }

  addText(text: string): void {
    if (text) appendVisibleText(this.top, text);
  }

  startScope(scope: string): void {
    const span = el('span', { class: scopeClasses(scope) });
    this.top.appendChild(span);
    this.stack.push(span);
  }

  endScope(): void {
    if (this.stack.length > 1) this.stack.pop();
  }

  // The parser still opens and closes a mode's scope with the older names (lib/core.js startNewMode/endOfMode).
  openNode(scope: string): void {
    this.startScope(scope);
  }

  closeNode(): void {
    this.endScope();
  }

  __addSublanguage(emitter: Emitter, name: string): void {
    // JavaScript embeds xml/css/graphql in templates; none is registered, but keep whatever the parser hands over.
    const span = el('span', { class: scopeClasses(`language-${name}`) });
    if (emitter instanceof DomEmitter) span.appendChild(emitter.root);
    this.top.appendChild(span);
  }

  finalize(): void {
    this.stack.length = 1;
  }

  toHTML(): string {
    return '';
  }
}

// A private instance, so configuring the emitter cannot affect anything else on the page that uses highlight.js.
const hljs = hljsCore.newInstance();
hljs.registerLanguage('python', python);
hljs.registerLanguage('javascript', javascript);
hljs.registerLanguage('typescript', typescript);
// __emitter is highlight.js's documented hook for custom output (types/index.d.ts: "a pretty stable API").
hljs.configure({ __emitter: DomEmitter as unknown as HLJSOptions['__emitter'] });

/** Fills `code` with the highlighted `text`; falls back to plain text if the highlighter fails or loses characters. */
export function highlightInto(code: HTMLElement, text: string, language: Target['language']): boolean {
  try {
    const result = hljs.highlight(text, { language, ignoreIllegals: true });
    const emitter = result._emitter;
    // highlight.js catches its own errors (safe mode) and hands back a partial tree: use it only when complete.
    const whole = emitter instanceof DomEmitter && visibleText(emitter.root) === visibleText(plain(text));
    if (!result.errorRaised && whole) {
      code.replaceChildren(emitter.root);
      code.classList.add('highlighted');
      return true;
    }
  } catch {
    // An unexpected grammar error: the plain snippet below is still correct, only uncoloured.
  }
  code.replaceChildren(plain(text));
  return false;
}

/** Shows `text` in `code` uncoloured (bidi controls made visible), as highlightInto falls back to. */
export function plainInto(code: HTMLElement, text: string): void {
  code.replaceChildren(plain(text));
}

function plain(text: string): DocumentFragment {
  const f = document.createDocumentFragment();
  appendVisibleText(f, text);
  return f;
}

function visibleText(node: Node): string {
  return node.textContent ?? '';
}

// "title.function" → "tok tok-title tok-title-function"; scope names come from the grammars, not from the snippet.
function scopeClasses(scope: string): string {
  const parts = scope.toLowerCase().replace(/[^a-z0-9._-]/g, '').split('.').filter(Boolean);
  const classes = ['tok'];
  for (let i = 1; i <= parts.length; i++) classes.push(`tok-${parts.slice(0, i).join('-')}`);
  return classes.join(' ');
}
