/**
 * Logical vs physical cores. CPU-bound process pools scale with physical cores, not hyper-threads, so the
 * recommendation needs both counts. Parsing is kept apart from file reading so tests feed recorded text.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The machine's core counts and CPU model name. */
export interface CpuInfo {
  logicalCores: number;
  physicalCores: number;
  cpuModel: string;
}

/** One logical CPU's place in the topology, as /sys or /proc/cpuinfo give it. */
export interface CpuPlace {
  packageId: string;
  coreId: string;
}

/** Count distinct (package, core) pairs: each is one physical core, however many hyper-threads it carries. */
export function countPhysicalCores(places: readonly CpuPlace[]): number {
  const seen = new Set<string>();
  for (const p of places) seen.add(`${p.packageId.trim()}:${p.coreId.trim()}`);
  return seen.size;
}

/**
 * Parse /proc/cpuinfo text: one block per logical CPU, with "physical id", "core id" and "model name" where the arch
 * has them.
 */
export function parseCpuinfo(text: string): { logical: number; places: CpuPlace[] | null; model: string | null } {
  const blocks = text.split(/\n\s*\n/).filter((b) => /^processor\s*:/m.test(b));
  const places: CpuPlace[] = [];
  let complete = blocks.length > 0;
  let model: string | null = null;
  for (const block of blocks) {
    const field = (name: string): string | undefined => {
      const m = new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(block);
      return m ? m[1].trim() : undefined;
    };
    const coreId = field('core id');
    // ARM kernels omit "physical id"; one package is the only sensible reading then.
    const packageId = field('physical id') ?? '0';
    if (coreId === undefined) complete = false;
    else places.push({ packageId, coreId });
    model ??= field('model name') ?? field('Model') ?? field('Hardware') ?? null;
  }
  return { logical: blocks.length, places: complete ? places : null, model };
}

/** Combine the counts with sane floors: physical is at least 1 and never more than logical. */
export function reconcile(logical: number, physical: number | null, model: string | null | undefined): CpuInfo {
  const logicalCores = Math.max(1, logical);
  const physicalCores = physical && physical > 0 ? Math.min(physical, logicalCores) : logicalCores;
  const cpuModel = model && model.trim() && model.trim() !== 'unknown' ? model.trim().replace(/\s+/g, ' ') : 'unknown';
  return { logicalCores, physicalCores, cpuModel };
}

/** Read (physical_package_id, core_id) of every online CPU from /sys; null when the files are not there. */
export function readSysTopology(root = '/sys/devices/system/cpu'): CpuPlace[] | null {
  let names: string[];
  try {
    names = fs.readdirSync(root).filter((n) => /^cpu\d+$/.test(n));
  } catch {
    return null;
  }
  const places: CpuPlace[] = [];
  for (const name of names) {
    const dir = path.join(root, name, 'topology');
    try {
      places.push({
        packageId: fs.readFileSync(path.join(dir, 'physical_package_id'), 'utf8'),
        coreId: fs.readFileSync(path.join(dir, 'core_id'), 'utf8'),
      });
    } catch {
      // Offline CPUs have no topology directory; they are not usable cores, so they are skipped, not fatal.
    }
  }
  return places.length > 0 ? places : null;
}

/**
 * Detect logical and physical cores and the CPU model. Linux reads /sys (then /proc/cpuinfo); other OSes report
 * os.cpus() for both.
 */
export function detectCpu(): CpuInfo {
  const cpus = os.cpus();
  const logical = cpus.length;
  const osModel = cpus[0]?.model;
  if (process.platform !== 'linux') return reconcile(logical, logical, osModel);

  let cpuinfo: ReturnType<typeof parseCpuinfo> | null = null;
  try {
    cpuinfo = parseCpuinfo(fs.readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    cpuinfo = null;
  }
  const model = osModel && osModel !== 'unknown' ? osModel : cpuinfo?.model;
  const sys = readSysTopology();
  if (sys) return reconcile(logical, countPhysicalCores(sys), model);
  if (cpuinfo?.places) return reconcile(logical, countPhysicalCores(cpuinfo.places), model);
  return reconcile(logical, logical, model);
}
