/**
 * FAULTS.md: what the fault suite tried and what came of it (test-results/FAULTS.md, or the tracked one with
 * `npm run faults:report`). Each test file calls record()/figure() as it goes; the
 * results live in a JSON block at the end of FAULTS.md itself, so every test file (a separate process under
 * node --test) merges into the same document and a partial run updates only its own rows.
 * Run directly (node --import tsx test/faults/report.ts) to re-render the page from its stored results.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

// `npm test` writes the page under test-results/ (ignored by git), so a green run leaves the tree clean;
// `npm run faults:report` (PP_FAULTS_REPORT=1) writes the tracked FAULTS.md at the repository root.
const ROOT = path.resolve(__dirname, '..', '..');
const FILE = process.env.PP_FAULTS_REPORT === '1' ? path.join(ROOT, 'FAULTS.md') : path.join(ROOT, 'test-results', 'FAULTS.md');
const BEGIN = '<!-- fault-results';
const END = '-->';

/** One fault tried. */
export interface FaultResult {
  /** Row of issue 5's table this belongs to, e.g. "segfaults". */
  fault: string;
  /** The workload variant, e.g. "ctypes.string_at(0) in a pool worker". */
  variant: string;
  /** Did the profiler report it the way the issue asks (right status, a message the user can act on)? */
  handled: boolean;
  /** The message the user saw. */
  message: string;
  /** Processes the profiler left behind. */
  leftovers: number;
  /** The test that proves it. */
  test: string;
}

/** A measured figure, e.g. cancel-to-quiet latency samples. */
export interface Figure {
  name: string;
  /** Samples, in the unit named. */
  samples: number[];
  unit: string;
  goal: string;
  /** How it was measured. */
  how: string;
}

interface Store {
  faults: Record<string, FaultResult>;
  figures: Record<string, Figure>;
  updated: string;
}

function load(): Store {
  try {
    const text = fs.readFileSync(FILE, 'utf8');
    const i = text.lastIndexOf(BEGIN);
    if (i >= 0) return JSON.parse(text.slice(i + BEGIN.length, text.indexOf(END, i))) as Store;
  } catch {
    /* first run, or an unreadable page: start over */
  }
  return { faults: {}, figures: {}, updated: '' };
}

function save(store: Store): void {
  store.updated = new Date().toISOString();
  fs.mkdirSync(path.dirname(FILE), { recursive: true });
  const tmp = `${FILE}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, render(store));
  fs.renameSync(tmp, FILE); // atomic: a test killed mid-write leaves the previous page
}

/** Record (or replace) one fault's outcome. */
export function record(r: FaultResult): void {
  const s = load();
  s.faults[`${r.fault} / ${r.variant}`] = r;
  save(s);
}

/** Record (or replace) one figure. */
export function figure(f: Figure): void {
  const s = load();
  s.figures[f.name] = f;
  save(s);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : NaN;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function render(s: Store): string {
  const rows = Object.values(s.faults)
    .sort((a, b) => a.fault.localeCompare(b.fault) || a.variant.localeCompare(b.variant));
  const handled = rows.filter((r) => r.handled).length;
  const left = rows.reduce((a, r) => a + r.leftovers, 0);
  const out: string[] = [];
  out.push('# Faults: what hostile workloads do to the profiler, and what it does back');
  out.push('');
  out.push('Written by the fault suite (`node scripts/test.mjs faults`, or one file with `node --import tsx --test test/faults/<file>.test.ts`);');
  out.push('do not edit by hand. Each row is a test in `test/faults/`, through the real CLI (or the engine API where the CLI cannot');
  out.push(`observe it). Issue 5 names the faults and the goals. Last updated ${s.updated}.`);
  out.push('');
  out.push('## Summary');
  out.push('');
  out.push(`| faults tried | handled with a clear message | processes left behind |`);
  out.push('|---|---|---|');
  out.push(`| ${rows.length} | ${handled} | ${left} |`);
  out.push('');
  out.push('## Figures');
  out.push('');
  out.push('| figure | median | min | max | samples | goal | how it is measured |');
  out.push('|---|---|---|---|---|---|---|');
  for (const f of Object.values(s.figures)) {
    const fmt = (x: number) => `${Number.isInteger(x) ? x : x.toFixed(f.unit === 'ms' ? 0 : 2)} ${f.unit}`;
    out.push(`| ${cell(f.name)} | ${fmt(median(f.samples))} | ${fmt(Math.min(...f.samples))} | ${fmt(Math.max(...f.samples))} | ${f.samples.length} | ${cell(f.goal)} | ${cell(f.how)} |`);
  }
  out.push('');
  out.push('## Every fault');
  out.push('');
  out.push('| fault | workload | handled | what the user sees | left behind | test |');
  out.push('|---|---|---|---|---|---|');
  for (const r of rows) {
    const msg = r.message.length > 300 ? `${r.message.slice(0, 297)}...` : r.message;
    out.push(`| ${cell(r.fault)} | ${cell(r.variant)} | ${r.handled ? 'yes' : '**no**'} | ${cell(msg)} | ${r.leftovers} | \`${r.test}\` |`);
  }
  out.push('');
  out.push(`${BEGIN}\n${JSON.stringify(s, null, 1).replace(/-->/g, '--\\u003e')}\n${END}`);
  out.push('');
  return out.join('\n');
}

if (require.main === module) save(load());
