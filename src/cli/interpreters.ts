/** The terminal's lines about the interpreters of a comparison: one block each, then nothing for single reports. */
import type { InterpreterProfile, Report } from '../contracts/report';
import { seconds } from './table';

/** "12.3×" style ratio with two significant decimals. */
function ratio(x: number): string {
  return Number.isFinite(x) ? `${x >= 10 ? x.toFixed(1) : x.toFixed(2)}×` : '–';
}

/** One interpreter's block: environment, import status, baseline, warm-up, results. */
function block(i: InterpreterProfile): string[] {
  const env = i.environment;
  const head = `${i.id}${i.reference ? ' (reference)' : ''}: ${i.label}`;
  const out = [head];
  if (env) {
    const gil = env.gilEnabled ? 'GIL on' : 'GIL off (free-threaded)';
    const vars = Object.entries(i.variables ?? {}).map(([k, v]) => `${k}=${v}`).join(' ');
    out.push(`  ${env.interpreter} · ${gil} · start method ${env.startMethod ?? '?'}${vars ? ` · ${vars}` : ''}`);
  }
  if (i.status !== 'ok') out.push(`  ${i.status}: ${i.reason ?? ''}`);
  else out.push('  module imports: yes');
  if (i.baseline) {
    const vs = ratio(i.baseline.speedupVsReference);
    out.push(`  serial baseline ${seconds(i.baseline.wall.median)}: ${vs} against the reference serial run`);
  }
  const w = i.warmUp;
  if (w) {
    const runs = w.firstRun !== undefined && w.steadyRun !== undefined
      ? `; first serial run ${seconds(w.firstRun)}, later ones ${seconds(w.steadyRun)}` : '';
    const first = `first task ${seconds(w.firstTask)}, same task once warm ${seconds(w.steadyTask)}`;
    out.push(`  warm-up: ${first} (${ratio(w.ratio)})${runs}`);
    if (w.workers) {
      const p = w.workers;
      const tasks = `first task ${seconds(p.firstTask)}, later tasks ${seconds(p.laterTask)}`;
      out.push(`  pool workers (${p.run}): ${tasks} (${ratio(p.ratio)})`);
    }
  }
  if (i.results) {
    const opaque = i.results.comparable ? '' : ' (not comparable: memory addresses)';
    out.push(`  results: ${i.results.tasks} hashed, first ${i.results.preview}${opaque}`);
  }
  if (i.recommendation) out.push(`  own verdict: ${i.recommendation.headline}`);
  return out;
}

/** The interpreters section, or nothing when the report covers one interpreter. */
export function interpretersSection(report: Report): string[] {
  if (!report.interpreters?.length) return [];
  return ['Interpreters:', ...report.interpreters.flatMap(block), ''];
}
