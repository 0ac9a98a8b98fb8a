import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Run } from '../../../../src/contracts/report';
import { slowerCores, slowerCoresFindings } from '../../../../src/engine/analysis/findings';
import { sumRange } from '../../../fixtures/runs/articles';

/** The sum_range recording with processes ×2's task CPU (and its tree's user time) multiplied by `factor`. */
function withProcessCpu(factor: number, over: Partial<Run> = {}): Run[] {
  return sumRange().runs.map((r) => (r.id !== 'processes-2' ? r : {
    ...r, ...over, user: r.user * factor, tasks: r.tasks.map((t) => ({ ...t, cpu: t.cpu * factor })),
  }));
}

describe('slowerCores: a pool whose tasks needed more CPU each than one at a time', () => {
  it('is silent where the pool\'s tasks cost what the serial loop\'s did (the recording as measured)', () => {
    assert.deepEqual(slowerCores(sumRange().runs), []);
    assert.deepEqual(slowerCoresFindings(sumRange().runs), []);
  });

  it('names the pool, the factor and the cap it puts on the speedup when its tasks needed 1.7× the CPU', () => {
    const [found] = slowerCores(withProcessCpu(1.7));
    assert.equal(found.run.id, 'processes-2');
    assert.equal(found.reference.id, 'serial-1');
    assert.ok(Math.abs(found.factor - 1.7 * 7.384 / 7.229) < 1e-9);
    const [finding] = slowerCoresFindings(withProcessCpu(1.7));
    assert.equal(finding.code, 'slower-cores');
    assert.match(finding.message, /^Under processes ×2 the same tasks needed 1\.74× the CPU time they needed one at a time/);
    assert.match(finding.message, /caps the speedup near 1\.9 ÷ 1\.74 = 1\.1/);
  });

  it('does not count a small difference, a pool on one core, or threads that contend for one interpreter\'s lock', () => {
    assert.deepEqual(slowerCores(withProcessCpu(1.15)), []);
    assert.deepEqual(slowerCores(withProcessCpu(1.7, { parallelism: 1.1 })), []);
    // The recording's threads ×2 needed twice serial's task CPU: GIL contention, not slower cores.
    const cpu = (id: string) => sumRange().runs.find((r) => r.id === id)!.tasks.reduce((a, t) => a + t.cpu, 0);
    assert.ok(cpu('threads-2') > 1.9 * cpu('serial-1'));
    assert.ok(!slowerCores(withProcessCpu(1.7)).some((x) => x.run.strategy === 'threads'));
  });

  it('measures against the cheapest one-at-a-time run: a slow serial sample does not hide it', () => {
    const runs = withProcessCpu(1.7);
    const serial = runs.find((r) => r.id === 'serial-1')!;
    const slowSerial = { ...serial, tasks: serial.tasks.map((t) => ({ ...t, cpu: t.cpu * 1.8 })) };
    const one: Run = { ...serial, id: 'threads-1', strategy: 'threads', workers: 1, mechanism: 'concurrent.futures.ThreadPoolExecutor' };
    const [found] = slowerCores([slowSerial, one, ...runs.filter((r) => r.id !== 'serial-1')]);
    assert.equal(found.reference.id, 'threads-1');
    assert.equal(found.run.id, 'processes-2');
  });

  it('is silent for work that mostly waits: its task CPU is not the work', () => {
    const runs = withProcessCpu(1.7).map((r) => (r.id !== 'serial-1' ? r : {
      ...r, tasks: r.tasks.map((t) => ({ ...t, end: t.start + (t.end - t.start) * 5 })),
    }));
    assert.deepEqual(slowerCores(runs), []);
  });
});
