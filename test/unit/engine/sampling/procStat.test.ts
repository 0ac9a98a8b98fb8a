import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  parseChildren,
  parseProcStatCores,
  parseSchedstat,
  parseStatProcessor,
  schedstatNs,
  statNumThreads,
  statProcessor,
} from '../../../../src/engine/sampling/procStat';

// Recorded on Linux 6.x: `cat /proc/self/stat` (field 38 exit_signal = 17, field 39 processor = 1).
const CAT_STAT =
  '5488 (cat) R 5468 5468 4357 0 -1 4194304 98 0 0 0 0 0 0 0 20 0 1 0 140981 3133440 388 18446744073709551615 ' +
  '94342450147328 94342450167209 140726683650128 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 94342450183216 94342450184832 ' +
  '94342701002752 140726683654685 140726683654705 140726683654705 140726683656171 0\n';

// The same line for a thread whose comm is "a) (b 7" (prctl allows any 15 bytes): naive splitting breaks on it.
const TRICKY_STAT = CAT_STAT.replace('(cat)', '(a) (b 7)').replace(' 17 1 0 0 0', ' 17 13 0 0 0');

test('schedstat: first field is ns on CPU', () => {
  assert.equal(parseSchedstat('258531672 122371 20\n'), 258531672);
  assert.equal(parseSchedstat('0 0 0\n'), 0);
  assert.equal(parseSchedstat(''), -1);
  // Values past 2^32 (4.3 s of CPU) must not wrap.
  assert.equal(parseSchedstat('123456789012345 1 2\n'), 123456789012345);
});

test('stat: field 39 is the processor last run on', () => {
  assert.equal(parseStatProcessor(CAT_STAT), 1);
});

test('stat: a comm with ") (" and spaces inside is skipped by parsing after the last ")"', () => {
  assert.equal(parseStatProcessor(TRICKY_STAT), 13);
});

test('stat: truncated or garbage text gives -1 instead of a wrong core', () => {
  assert.equal(parseStatProcessor('5488 (cat) R 5468 5468'), -1);
  assert.equal(parseStatProcessor('no parens here'), -1);
});

test('buffer parsers read only the first n bytes (a reused buffer holds stale bytes beyond them)', () => {
  const buf = Buffer.alloc(1024, 0x39); // stale '9's everywhere
  const n = buf.write('42 7 1\n');
  assert.equal(schedstatNs(buf, n), 42);
  const m = buf.write(CAT_STAT);
  assert.equal(statProcessor(buf, m), 1);
});

test('children: pids separated by spaces, trailing space, or empty', () => {
  assert.deepEqual(parseChildren('5566 5570 '), [5566, 5570]);
  assert.deepEqual(parseChildren(''), []);
});

test('/proc/stat: per-core busy and total, aggregate line and later lines ignored', () => {
  const text =
    'cpu  3558 0 2454 290501 200 0 54 8 0 0\n' +
    'cpu0 1709 0 1000 145596 45 0 7 4 0 0\n' +
    'cpu1 1848 10 1453 144905 154 2 47 4 0 0\n' +
    'intr 1 2 3\nctxt 99\n';
  const cores = parseProcStatCores(text);
  assert.equal(cores.length, 2);
  assert.deepEqual(cores[0], { busy: 1709 + 1000 + 7 + 4, total: 1709 + 1000 + 7 + 4 + 145596 + 45 });
  assert.deepEqual(cores[1], {
    busy: 1848 + 10 + 1453 + 2 + 47 + 4,
    total: 1848 + 10 + 1453 + 2 + 47 + 4 + 144905 + 154,
  });
});

test('stat: field 20 is the thread count, also found past a tricky comm', () => {
  const b = Buffer.from(TRICKY_STAT.replace(' 20 0 1 0 140981', ' 20 0 5 0 140981'), 'latin1');
  assert.equal(statNumThreads(b, b.length), 5);
  const c = Buffer.from(CAT_STAT, 'latin1');
  assert.equal(statNumThreads(c, c.length), 1);
});
