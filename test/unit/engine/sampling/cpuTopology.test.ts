import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { countPhysicalCores, detectCpu, parseCpuinfo, readSysTopology, reconcile } from '../../../../src/engine/sampling/cpuTopology';

// Two logical CPUs per core (hyper-threading), one package: abbreviated from an Intel /proc/cpuinfo.
const HT_CPUINFO = [0, 1, 2, 3]
  .map(
    (i) =>
      `processor\t: ${i}\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz\n` +
      `physical id\t: 0\nsiblings\t: 4\ncore id\t\t: ${i % 2}\ncpu cores\t: 2\n`,
  )
  .join('\n');

// ARM: no "core id", no "model name"; physical count is unknown from cpuinfo.
const ARM_CPUINFO = 'processor\t: 0\nBogoMIPS\t: 48.00\nCPU part\t: 0xd0c\n\nprocessor\t: 1\nBogoMIPS\t: 48.00\n\nHardware\t: BCM2835\n';

test('cpuinfo with hyper-threading: 4 logical, 2 physical', () => {
  const p = parseCpuinfo(HT_CPUINFO);
  assert.equal(p.logical, 4);
  assert.ok(p.places);
  assert.equal(countPhysicalCores(p.places), 2);
  assert.equal(p.model, 'Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz');
});

test('cpuinfo without core ids gives no places (caller falls back to logical)', () => {
  const p = parseCpuinfo(ARM_CPUINFO);
  assert.equal(p.logical, 2);
  assert.equal(p.places, null);
  assert.deepEqual(reconcile(2, null, p.model), { logicalCores: 2, physicalCores: 2, cpuModel: 'unknown' });
});

test('same core id on two packages is two physical cores', () => {
  assert.equal(
    countPhysicalCores([
      { packageId: '0', coreId: '0' },
      { packageId: '1', coreId: '0' },
      { packageId: '0\n', coreId: '0\n' }, // sysfs values carry a newline
    ]),
    2,
  );
});

test('reconcile: physical never exceeds logical and is at least 1', () => {
  assert.equal(reconcile(4, 8, 'x').physicalCores, 4);
  assert.equal(reconcile(4, 0, 'x').physicalCores, 4);
  assert.equal(reconcile(0, null, '').logicalCores, 1);
});

test('readSysTopology reads a recorded /sys tree, skipping offline CPUs', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-sys-'));
  try {
    const cpus: [string, string, string | null][] = [
      ['cpu0', '0', '0'],
      ['cpu1', '0', '0'], // hyper-thread sibling of cpu0
      ['cpu2', '0', '1'],
      ['cpu3', '0', null], // offline: no topology directory
    ];
    for (const [name, pkg, core] of cpus) {
      fs.mkdirSync(path.join(root, name), { recursive: true });
      if (core === null) continue;
      fs.mkdirSync(path.join(root, name, 'topology'));
      fs.writeFileSync(path.join(root, name, 'topology', 'physical_package_id'), `${pkg}\n`);
      fs.writeFileSync(path.join(root, name, 'topology', 'core_id'), `${core}\n`);
    }
    fs.mkdirSync(path.join(root, 'cpufreq')); // not a cpuN directory
    const places = readSysTopology(root);
    assert.ok(places);
    assert.equal(places.length, 3);
    assert.equal(countPhysicalCores(places), 2);
    assert.equal(readSysTopology(path.join(root, 'missing')), null);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('detectCpu on this machine is consistent with os.cpus()', () => {
  const info = detectCpu();
  assert.equal(info.logicalCores, Math.max(1, os.cpus().length));
  assert.ok(info.physicalCores >= 1 && info.physicalCores <= info.logicalCores);
  assert.equal(typeof info.cpuModel, 'string');
  assert.ok(info.cpuModel.length > 0);
  if (process.platform !== 'linux') assert.equal(info.physicalCores, info.logicalCores);
});
