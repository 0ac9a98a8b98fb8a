/**
 * Allocation-free parsers for the /proc files the sampler reads on every tick. They work on a Buffer and a
 * byte count (what fs.readSync returns) so the hot loop never builds strings; string wrappers serve the tests.
 */

const SPACE = 0x20;
const ZERO = 0x30;
const NINE = 0x39;
const RPAREN = 0x29;

/** Nanoseconds on CPU: the first field of /proc/<pid>/task/<tid>/schedstat; -1 when unparseable. */
export function schedstatNs(buf: Uint8Array, n: number): number {
  let v = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = buf[i];
    if (c < ZERO || c > NINE) break;
    // Plain doubles are exact up to 2^53 ns (104 days of CPU), far beyond a profile.
    v = v * 10 + (c - ZERO);
  }
  return i === 0 ? -1 : v;
}

/**
 * Numeric field `field` (1-based, as proc(5) numbers them; 3 or more) of a /proc stat line; -1 when unparseable.
 * comm (field 2) may hold spaces and parentheses, so counting starts after the LAST ')'.
 */
export function statField(buf: Uint8Array, n: number, field: number): number {
  let p = n - 1;
  while (p >= 0 && buf[p] !== RPAREN) p--;
  if (p < 0) return -1;
  // After ")" comes " <field3> <field4> ...": field k starts after the (k-2)th space.
  const want = field - 2;
  let spaces = 0;
  let i = p + 1;
  for (; i < n && spaces < want; i++) if (buf[i] === SPACE) spaces++;
  if (spaces < want) return -1;
  let v = 0;
  const start = i;
  for (; i < n; i++) {
    const c = buf[i];
    if (c < ZERO || c > NINE) break;
    v = v * 10 + (c - ZERO);
  }
  return i === start ? -1 : v;
}

/** The processor a task last ran on: field 39 of /proc/<pid>/task/<tid>/stat; -1 when unparseable. */
export function statProcessor(buf: Uint8Array, n: number): number {
  return statField(buf, n, 39);
}

/** A process's thread count: field 20 of /proc/<pid>/stat; -1 when unparseable. */
export function statNumThreads(buf: Uint8Array, n: number): number {
  return statField(buf, n, 20);
}

/** String form of schedstatNs, for tests and one-off reads. */
export function parseSchedstat(text: string): number {
  const b = Buffer.from(text, 'latin1');
  return schedstatNs(b, b.length);
}

/** String form of statProcessor, for tests and one-off reads. */
export function parseStatProcessor(text: string): number {
  const b = Buffer.from(text, 'latin1');
  return statProcessor(b, b.length);
}

/** Child pids from /proc/<pid>/task/<tid>/children ("123 456 "). */
export function parseChildren(text: string): number[] {
  const out: number[] = [];
  for (const tok of text.split(/\s+/)) {
    if (!tok) continue;
    const v = Number(tok);
    if (Number.isInteger(v) && v > 0) out.push(v);
  }
  return out;
}

/** Cumulative busy and total jiffies of one core. */
export interface CoreTimes {
  busy: number;
  total: number;
}

/**
 * Per-core times from the "cpuN ..." lines of /proc/stat, indexed by N.
 * busy = user + nice + system + irq + softirq + steal (guest time is already inside user); idle = idle + iowait.
 */
export function parseProcStatCores(text: string): CoreTimes[] {
  const out: CoreTimes[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    let end = text.indexOf('\n', lineStart);
    if (end < 0) end = text.length;
    const line = text.slice(lineStart, end);
    lineStart = end + 1;
    if (!line.startsWith('cpu')) {
      // The cpu lines come first; everything after them (intr, ctxt, ...) is of no interest.
      if (out.length > 0) break;
      continue;
    }
    const f = line.split(/\s+/);
    const m = /^cpu(\d+)$/.exec(f[0]);
    if (!m) continue; // the aggregate "cpu" line
    const v = (k: number): number => Number(f[k]) || 0;
    const busy = v(1) + v(2) + v(3) + v(6) + v(7) + v(8);
    const idle = v(4) + v(5);
    out[Number(m[1])] = { busy, total: busy + idle };
  }
  return out;
}
