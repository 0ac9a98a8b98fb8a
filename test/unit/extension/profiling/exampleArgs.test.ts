/**
 * The arguments box's runnable example, read from the signature as written: defaults and TypeScript types first, the
 * parameter's name otherwise. Each JavaScript example is evaluated here, so "runnable" means it evaluates to the
 * shape the runner expects (an array of argument arrays).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { scanJsFunctions } from '../../../../src/engine';
import { exampleArgs, jsParams, shapeExample } from '../../../../src/extension/profiling/exampleArgs';

const ROOT = resolve(__dirname, '..', '..', '..', '..');

/** The exported function `name` of `src` with its parameters as the signature writes them. */
function paramsOf(src: string, name: string) {
  const fn = scanJsFunctions(src).exported.find((f) => f.name === name)!;
  assert.ok(fn, `${name} not found`);
  return jsParams(src, fn);
}

/** Evaluates a JavaScript example the way the runner does (an expression), and checks its shape. */
function evaluate(expr: string): unknown[][] {
  const value = new Function(`return (${expr});`)() as unknown;
  assert.ok(Array.isArray(value) && value.every(Array.isArray), `${expr} is not an array of argument arrays`);
  return value as unknown[][];
}

describe('runnable argument examples', () => {
  test('fib(n) in examples/fib.mjs: an array of [30] argument arrays, one per task', () => {
    const params = paramsOf(readFileSync(resolve(ROOT, 'examples/fib.mjs'), 'utf8'), 'fib');
    assert.deepEqual(params, [{ name: 'n' }]);
    const expr = exampleArgs(params, 'javascript', 4);
    assert.equal(expr, '[[30], [30], [30], [30]]');
    assert.deepEqual(evaluate(expr), [[30], [30], [30], [30]]);
    assert.equal(shapeExample(params, 'javascript'), '[[30], [31]]');
  });

  test('a range function starts at 0; a TypeScript type or a default value decides over the name', () => {
    const ts = [
      'export function sumRange(start: number, stop: number): number { return 0; }',
      'export const greet = (name: string, times = 3, loud?: boolean) => name;',
      'export async function total(values: number[], opts: { scale: number }) { return 0; }',
      'export function spread(first, ...rest) { return first; }',
    ].join('\n');
    assert.equal(exampleArgs(paramsOf(ts, 'sumRange'), 'javascript', 2), '[[0, 30], [0, 30]]');
    assert.equal(exampleArgs(paramsOf(ts, 'greet'), 'javascript', 1), "[['text', 3, false]]");
    assert.equal(exampleArgs(paramsOf(ts, 'total'), 'javascript', 1), '[[[30, 31], {}]]');
    assert.equal(exampleArgs(paramsOf(ts, 'spread'), 'javascript', 1), '[[0]]', 'a rest parameter takes no example');
    for (const name of ['sumRange', 'greet', 'total', 'spread']) evaluate(exampleArgs(paramsOf(ts, name), 'javascript', 3));
  });

  test('CommonJS, arrow functions without parentheses and the examples folder all give runnable examples', () => {
    const cjs = 'exports.square = x => x * x;\nmodule.exports.pair = function (a, b = 2) { return a + b; };';
    assert.equal(exampleArgs(paramsOf(cjs, 'square'), 'javascript', 2), '[[30], [30]]');
    assert.equal(exampleArgs(paramsOf(cjs, 'pair'), 'javascript', 1), '[[30, 2]]');
    for (const [file, fn] of [['sum_range.js', 'sum_range'], ['primes.ts', 'countPrimes'], ['io_wait.mjs', 'sleep']]) {
      evaluate(exampleArgs(paramsOf(readFileSync(resolve(ROOT, 'examples', file), 'utf8'), fn), 'javascript', 8));
    }
  });

  test('Python gets a list, of tuples when there are several parameters; no parameters, no example', () => {
    assert.equal(exampleArgs([{ name: 'n' }], 'python', 8), '[30] * 8');
    assert.equal(exampleArgs([{ name: 'start' }, { name: 'stop' }], 'python', 8), '[(0, 30)] * 8');
    assert.equal(shapeExample([{ name: 'start' }, { name: 'stop' }], 'python'), '[(0, 30), (0, 31)]');
    assert.equal(exampleArgs([], 'javascript', 8), '');
  });
});
