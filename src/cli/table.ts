import type { Report, Run } from '../contracts/report';
import { isBaseline, traitsOf } from '../engine';
import { interpretersSection } from './interpreters';

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

/** Seconds in a readable unit: 3.21 s, 45.2 ms, 812 µs. */
export function seconds(s: number): string {
  if (!Number.isFinite(s)) return '–';
  if (s >= 1) return `${s.toFixed(2)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toFixed(1)} ms`;
  return `${(s * 1e6).toFixed(0)} µs`;
}

function row(r: Run): string[] {
  const name = r.nativeThreads !== undefined ? `${r.strategy} (native ×${r.nativeThreads})` : r.strategy;
  if (r.status === 'skipped' || !r.repeats) return [name, isBaseline(r.strategy) ? '1' : '–', '', '', '', '', '', '', '', '', `${r.status === 'ok' ? 'skipped' : r.status}: ${r.reason ?? ''}`];
  const ci = r.repeats > 1 ? ` ±${(((r.wall.ci95[1] - r.wall.ci95[0]) / 2 / r.wall.median) * 100).toFixed(0)}%` : '';
  return [
    name,
    String(r.workers),
    traitsOf(r.strategy).chunked ? String(r.chunksize) : '',
    seconds(r.wall.median) + ci,
    seconds(r.user),
    seconds(r.sys),
    r.speedup ? `${r.speedup.toFixed(2)}×` : '–',
    r.speedup ? `${Math.round(r.efficiency * 100)}%` : '–',
    r.parallelism.toFixed(2),
    seconds(r.overhead.total),
    r.status === 'ok' ? `${r.repeats} repeat${r.repeats === 1 ? '' : 's'}` : `${r.status}: ${r.reason ?? ''}`,
  ];
}

/**
 * The scaling table: strategy × workers with wall, user, sys, speedup, efficiency and achieved parallelism. A report
 * that compares interpreters leads each row with its interpreter and adds the speedup against the reference serial run.
 */
export function scalingTable(report: Report): string {
  const multi = !!report.interpreters?.length;
  const header = ['strategy', 'workers', 'chunk', 'wall (median)', 'user', 'sys', 'speedup', 'effic.', 'cores used', 'overhead', 'repeats / status'];
  let rows = report.runs.map(row);
  if (multi) {
    const reference = report.interpreters!.find((i) => i.reference)?.id ?? 'reference';
    header.unshift('interpreter');
    header.splice(header.indexOf('effic.'), 0, `vs ${reference}`);
    rows = report.runs.map((r, k) => {
      const cells = [r.interpreter ?? '', ...rows[k]];
      const vs = r.speedupVsReference ? `${r.speedupVsReference.toFixed(2)}×` : r.repeats ? '–' : '';
      cells.splice(header.indexOf(`vs ${reference}`), 0, vs);
      return cells;
    });
  }
  const widths = header.map((h, i) =>
    rows.reduce((m, r) => Math.max(m, i === header.length - 1 ? 0 : r[i].length), h.length));
  const first = multi ? 2 : 1;
  const right = new Set(Array.from({ length: header.length - 1 - first }, (_, i) => i + first));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i], right.has(i)))).join('  ').trimEnd();
  return [line(header), line(widths.map((w, i) => (i === header.length - 1 ? '-'.repeat(16) : '-'.repeat(w)))), ...rows.map(line)].join('\n');
}

/** Everything the terminal shows after a profile: table, classification, recommendation, snippet, warnings, errors. */
export function formatReport(report: Report): string {
  const { target, environment: env, classification: c, recommendation: rec } = report;
  const out: string[] = [];
  const compared = report.interpreters ?? [];
  const versions = compared.length ? compared.map((i) => `${i.id}: ${i.label}`).join(', ') : env.version;
  const cores = `${env.logicalCores} logical / ${env.physicalCores} physical cores`;
  out.push(`${target.function} in ${target.file} — ${target.tasks} tasks, ${versions}, ${cores}`);
  out.push('');
  out.push(scalingTable(report));
  out.push('');
  for (const item of interpretersSection(report)) out.push(item);
  const whose = compared.length ? ` (${compared.find((i) => i.reference)?.id ?? 'reference'}, the reference)` : '';
  out.push(`Classification${whose}: ${c.summary}`);
  for (const e of c.evidence) out.push(`  - ${e}`);
  out.push('');
  // The level with its cause (reports from before confidenceReason have the level alone).
  const cause = rec.confidenceReason ? `: ${rec.confidenceReason}` : '';
  out.push(`Recommendation: ${rec.headline} (${rec.confidence} confidence${cause})`);
  for (const r of rec.reasons) out.push(`  - ${r}`);
  if (rec.snippet) {
    out.push('');
    out.push('Snippet:');
    out.push(rec.snippet.split('\n').map((l) => `    ${l}`).join('\n'));
  }
  if (report.warnings.length) {
    out.push('');
    for (const w of report.warnings) out.push(`warning: ${w.message}`);
  }
  if (report.findings?.length) {
    out.push('');
    for (const f of report.findings) out.push(`finding: ${f.message}`);
  }
  if (report.output) out.push('', outputLine(report.output));
  if (report.errors.length) {
    out.push('');
    for (const e of report.errors) {
      const where = e.file ? ` at ${e.file}${e.line ? `:${e.line}` : ''}` : '';
      const task = e.taskIndex !== undefined ? ` (task ${e.taskIndex})` : '';
      out.push(`error in ${e.run ?? 'run'}: ${e.type}: ${e.message}${task}${where}`);
    }
  }
  return out.join('\n');
}

/** One line about what the workload printed: its size, whether the report truncated it, and its last line. */
function outputLine(o: NonNullable<Report['output']>): string {
  const size = o.bytes >= 2 ** 20 ? `${(o.bytes / 2 ** 20).toFixed(1)} MB` : o.bytes >= 1024 ? `${(o.bytes / 1024).toFixed(1)} KB` : `${o.bytes} bytes`;
  const last = o.text.trimEnd().split('\n').pop() ?? '';
  const shown = last.length > 120 ? `${last.slice(0, 117)}...` : last;
  return `output: the workload printed ${size}${o.truncated ? ' (truncated: the report keeps the first and last 64 KB)' : ''}; last line: ${JSON.stringify(shown)}`;
}
