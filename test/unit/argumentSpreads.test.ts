/**
 * No argument spread over data-sized arrays: `Math.max(...xs)`, `list.push(...more)` and their kind put every element
 * on the call stack and throw RangeError past ~10^5 elements (a profile of 200,000 tiny tasks died that way). The
 * check reads every TypeScript file of src/, webview/ and bench/ with the compiler's own parser, so it cannot be
 * fooled by formatting, and names each offending call. Spreads into the user's own function (`fn(...args)`) or into
 * a DOM helper's children are not data-sized and stay allowed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');
const FOLDERS = ['src', 'webview', 'bench'];
/** Callees whose arguments are data when spread: aggregates and array builders. */
const DATA_CALLEES = new Set(['Math.max', 'Math.min', 'String.fromCharCode', 'String.fromCodePoint', 'Array.of']);
const DATA_METHODS = new Set(['push', 'unshift', 'concat', 'splice', 'apply']);

function files(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** "file:line: call" for every spread into a data callee in the source text. */
export function dataSpreads(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const callee = n.expression.getText(sf);
      const method = ts.isPropertyAccessExpression(n.expression) ? n.expression.name.text : '';
      const spread = n.arguments.some(ts.isSpreadElement);
      // .apply(this, array) spreads its second argument whether or not it is written with dots.
      const applies = method === 'apply' && n.arguments.length === 2;
      if ((spread && (DATA_CALLEES.has(callee) || DATA_METHODS.has(method))) || applies) {
        const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
        found.push(`${path.relative(ROOT, file)}:${line}: ${n.getText(sf).replace(/\s+/g, ' ').slice(0, 80)}`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe('argument spreads over data', () => {
  it('src/, webview/ and bench/ spread no array into Math.max/min, push, unshift, concat, splice or apply', () => {
    const found = FOLDERS.flatMap((f) => files(path.join(ROOT, f))).flatMap((f) => dataSpreads(f, fs.readFileSync(f, 'utf8')));
    assert.deepEqual(found, [], `use a loop or reduce instead:\n${found.join('\n')}`);
  });

  it('the check finds each form it forbids and passes the allowed ones', () => {
    const sample = [
      'const a = Math.max(...xs);',
      'out.push(...more);',
      'Math.min.apply(null, xs);',
      'fn(...args);',
      'el("ul", {}, ...items);',
      'const b = [...xs].sort();',
    ].join('\n');
    const lines = dataSpreads(path.join(ROOT, 'sample.ts'), sample).map((l) => l.split(':')[1]);
    assert.deepEqual(lines, ['1', '2', '3']);
  });

  it('a spread of a million elements really overflows, so the rule guards a real failure', () => {
    const xs = new Array<number>(1_000_000).fill(1);
    assert.throws(() => Math.max(...xs), RangeError);
  });
});
