/**
 * The arguments box for JavaScript/TypeScript: prefilled with a runnable example and saying the expected shape; Enter
 * on an empty or broken box gives a suggestion (filled in, or the shape with an example), never only a red error.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { acceptArgs, argsPrompt, quickCheckArgs } from '../../../../src/extension/profiling/argsInput';

const fib = { name: 'fib', params: ['n'] };
const example = { value: '[[30], [30], [30], [30]]', shape: '[[30], [31]]' };

describe('JavaScript arguments box', () => {
  test('prefills the runnable example when there is no last run and the file documents none', () => {
    const p = argsPrompt(fib, undefined, 4, undefined, 'javascript', example);
    assert.equal(p.value, '[[30], [30], [30], [30]]');
    assert.match(p.prompt, /an array with one argument array per task, e\.g\. \[\[30\], \[31\]\]/);
    assert.equal(argsPrompt(fib, undefined, 4, '[[25]]', 'typescript', example).value, '[[25]]', 'the documented one wins');
    assert.equal(argsPrompt(fib, '[[9]]', 4, '[[25]]', 'javascript', example).value, '[[9]]', 'the last run wins');
  });

  test('Enter on an empty box fills in the example and says how to go on', () => {
    const r = acceptArgs('  ', fib, 'javascript', example);
    assert.equal(r.kind, 'suggest');
    assert.equal(r.value, example.value);
    assert.match(r.kind === 'suggest' ? r.message : '', /fib\(n\) needs arguments: an array with one argument array per task.*press Enter to run it/);
    assert.deepEqual(acceptArgs('', { name: 'idle', params: [] }, 'javascript'), { kind: 'run', value: '' });
  });

  test('Enter with closing brackets missing adds them; another mistake keeps the text and shows the shape', () => {
    assert.deepEqual(acceptArgs('[[30], [31]', fib, 'javascript', example), {
      kind: 'suggest', value: '[[30], [31]]', message: 'Missing closing bracket for "[". Added "]": press Enter to run it, or edit it.',
    });
    const broken = acceptArgs('[[30)]', fib, 'javascript', example);
    assert.equal(broken.value, '[[30)]');
    assert.match(broken.kind === 'suggest' ? broken.message : '', /^Unbalanced "\)"\. Expected an array with one argument array per task, e\.g\. \[\[30\], \[31\]\]\.$/);
    assert.deepEqual(acceptArgs('Array.from({length: 4}, () => [30])', fib, 'javascript', example),
      { kind: 'run', value: 'Array.from({length: 4}, () => [30])' });
  });

  test('JavaScript rules for strings and comments: template literals count, # is no comment', () => {
    assert.equal(quickCheckArgs('[[`(`]]', fib, 'javascript'), undefined);
    assert.equal(quickCheckArgs('[[1]] // one task (', fib, 'javascript'), undefined);
    assert.match(quickCheckArgs('[[#x(]]', fib, 'javascript')!, /Unbalanced/);
    assert.equal(quickCheckArgs('[(1,)]  # (', { name: 'f', params: ['x'] }), undefined, 'Python keeps # comments');
  });

  test('Python gets the same help on Enter, in its own shape', () => {
    const r = acceptArgs('', { name: 'sum_range', params: ['start', 'stop'] }, 'python', { value: '[(0, 30)] * 8', shape: '[(0, 30), (0, 31)]' });
    assert.equal(r.value, '[(0, 30)] * 8');
    assert.match(r.kind === 'suggest' ? r.message : '', /a list with one \(start, stop\) tuple per task/);
  });
});
