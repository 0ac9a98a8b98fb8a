// Durable history: SIGKILL a writer mid-write N times and count the entries that add() had confirmed but the store
// no longer lists. Goal 0: a crash may cost at most the entry being written, never an earlier one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HistoryStore } from '../../src/extension/history/historyStore';
import { figure, record } from './report';

const FIXTURE = resolve(__dirname, '..', 'fixtures', 'reports', 'sum_range.json');
const WRITER = resolve(__dirname, 'historyWriter.ts');
const ROUNDS = 15;

test(`history: ${ROUNDS} writers killed mid-write lose no confirmed entry`, { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-faults-history-'));
  const confirmed = new Set<string>();
  let corruptLines = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, FIXTURE], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buffered = '';
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith('added ')) confirmed.add(line.slice(6));
      }
    });
    await new Promise<void>((res, rej) => {
      const onData = (d: Buffer) => { if (d.toString().includes('ready')) { child.stdout.off('data', onData); res(); } };
      child.stdout.on('data', onData);
      child.once('exit', (code) => rej(new Error(`writer exited early with ${code}`)));
    });
    // An arbitrary moment: somewhere inside a report write, an fsync, a rename or a line append.
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 300));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
  const warnings: string[] = [];
  const listed = new Set((await new HistoryStore(dir, (w) => warnings.push(w)).list()).map((e) => e.id));
  corruptLines = warnings.length;
  const lost = [...confirmed].filter((id) => !listed.has(id));
  rmSync(dir, { recursive: true, force: true });
  figure({ name: `history: confirmed entries lost in ${ROUNDS} interrupted writes`, samples: [lost.length], unit: 'entries', goal: '0',
    how: `a writer appending as fast as it can is SIGKILLed at a random 100-400 ms, ${ROUNDS} times; ${confirmed.size} entries confirmed by add(), ${listed.size} listed after, ${corruptLines} partial line(s) skipped` });
  record({ fault: 'history durability', variant: `${ROUNDS} writers SIGKILLed mid-write`, handled: lost.length === 0 && confirmed.size > ROUNDS,
    message: `${lost.length} of ${confirmed.size} confirmed entries lost; ${corruptLines} partly written line(s) skipped with a warning`, leftovers: 0,
    test: 'history.test.ts' });
  assert.ok(confirmed.size > ROUNDS, `the writers wrote too little to test anything (${confirmed.size})`);
  assert.deepEqual(lost, [], 'entries confirmed before a crash survive it');
  assert.ok(corruptLines <= ROUNDS, 'at most one partial line per crash');
});
