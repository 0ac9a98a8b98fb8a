// The JS/TS function scan behind code lenses and the runner's NotExported errors: tokens only, nothing executed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scanJsFunctions } from '../../../../../src/engine/languages/javascript/functions';
import { JsSyntaxError } from '../../../../../src/engine/languages/javascript/tokens';

const SOURCE = `#!/usr/bin/env node
// export function inComment() {}
import { x } from './y';
/* export function inBlock() {} */
export function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
export async function fetchIt(url, { timeout = 5 } = {}) {
  const re = /}{/g; const s = \`\${ {a: 1}.a } } export function inTemplate() {}\`;
  return s;
}
export const add = (a: number, b: number): number => a + b;
export const typed: (x: number) => number = (x) => x * 2;
export const gen = async <T,>(x: T): Promise<T> => {
  return x;
};
function helper(a, ...rest) { return a; }
const local = () => 1;
export { helper, local as renamed };
export function over(a: string): string;
export function over(a: any): any {
  return a;
}
export default function dflt() {}
export class K { method() {} }
exports.cjs1 = function (a) { return a; };
module.exports.cjs2 = (b) => b
`;

describe('scanJsFunctions', () => {
  const { exported, declared } = scanJsFunctions(SOURCE);
  const byName = new Map(exported.map((f) => [f.name, f]));

  it('finds exported functions in every ESM and CommonJS form, with lines, params and async', () => {
    assert.deepEqual([...byName.keys()].sort(), ['add', 'cjs1', 'cjs2', 'fetchIt', 'fib', 'gen', 'helper', 'over', 'renamed', 'typed']);
    assert.deepEqual(byName.get('fib'), { name: 'fib', line: 5, endLine: 7, params: ['n'], isAsync: false });
    assert.deepEqual(byName.get('fetchIt')?.params, ['url', '{ timeout = 5 }']);
    assert.equal(byName.get('fetchIt')?.isAsync, true);
    assert.equal(byName.get('gen')?.isAsync, true);
    assert.deepEqual([byName.get('gen')?.line, byName.get('gen')?.endLine], [14, 16]);
    assert.deepEqual(byName.get('typed')?.params, ['x']);
    assert.equal(byName.get('renamed')?.line, 18, 'an export list points at the declaration');
  });

  it('keeps TypeScript overloads as one function spanning to the implementation', () => {
    assert.deepEqual([byName.get('over')?.line, byName.get('over')?.endLine], [20, 23]);
  });

  it('ignores comments, strings, templates, default exports and class methods; lists non-exported functions as declared', () => {
    for (const name of ['inComment', 'inBlock', 'inTemplate', 'dflt', 'method']) assert.ok(!byName.has(name), name);
    assert.ok(declared.some((f) => f.name === 'local'));
    assert.ok(!declared.some((f) => f.name === 'dflt'));
  });

  it('module.exports = { … } exports shorthand, renamed and inline functions', () => {
    const { exported: e } = scanJsFunctions('function a() {}\nconst b = () => 2;\nmodule.exports = { a, c: b, d(x) { return x; } };\n');
    assert.deepEqual(e.map((f) => [f.name, f.line]), [['a', 1], ['c', 2], ['d', 3]]);
  });

  it('reports unbalanced brackets with the line where they open', () => {
    assert.throws(() => scanJsFunctions('export function f() {\n  if (x) {\n}\n'), (e: unknown) => e instanceof JsSyntaxError && e.line === 1);
  });
});
