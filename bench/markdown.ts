/**
 * The shape every benchmark returns, and the writer that turns them into BENCHMARKS.md. Kept apart from the runner
 * so the format is in one place and each benchmark only returns data.
 */

/** One reported figure, with everything needed to judge and reproduce it. */
export interface Figure {
  /** What is measured, e.g. "processes ×2, sum_range". */
  label: string;
  /** The figure as shown, e.g. "1.012×" (ratios where the comparison allows one). */
  value: string;
  /** The goal as text, e.g. "≤ 1.03×", or "n/a (reported)". */
  goal: string;
  /** Whether the goal was met; null when there is no goal. */
  pass: boolean | null;
  /** The medians and sample counts behind the figure. */
  detail: string;
  /** The exact command(s) that produced the numbers, pasteable from the repository root. */
  commands: string[];
}

/** What one benchmark returns. */
export interface Section {
  title: string;
  /** The goal of the benchmark in one sentence, with where it comes from. */
  goal: string;
  /** How it was measured (paragraphs or bullet lines). */
  method: string[];
  figures: Figure[];
  /** A table of the measurements behind the figures (e.g. tasks × seconds × MB), rendered after them. */
  table?: { title: string; header: string[]; rows: string[][] };
  /** Findings and caveats worth reading next to the figures. */
  notes: string[];
}

/** A benchmark's result as the runner saw it: its section, or the error that stopped it. */
export interface Outcome {
  id: string;
  title: string;
  seconds: number;
  section?: Section;
  error?: string;
}

/** The machine and software the figures were taken on. */
export interface Machine {
  date: string;
  cpuModel: string;
  logicalCores: number;
  physicalCores: number;
  python: string;
  node: string;
  os: string;
  commit: string;
  loadBefore: string;
  loadAfter: string;
}

const mark = (pass: boolean | null): string => (pass === null ? 'n/a' : pass ? '**pass**' : '**FAIL**');
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Render BENCHMARKS.md from the runner's outcomes. */
export function renderMarkdown(
  machine: Machine, outcomes: readonly Outcome[], command: string, totalSeconds: number,
): string {
  const out: string[] = [];
  out.push('# Benchmarks', '');
  out.push(`Written by \`${command}\` (bench/run.ts). Do not edit by hand: re-run it.`, '');
  out.push('Figures are ratios of runs taken side by side in one run, interleaved (A B A B …), with medians over repeats,');
  out.push('unless a goal is an absolute budget (bundle size, activation, paint), which is then stated as such.', '');
  out.push('## Machine', '');
  out.push('| | |', '|---|---|');
  out.push(`| date | ${machine.date} |`);
  out.push(`| CPU | ${cell(machine.cpuModel)}, ${machine.logicalCores} logical / ${machine.physicalCores} physical cores |`);
  out.push(`| Python | ${cell(machine.python)} |`);
  out.push(`| Node | ${machine.node} |`);
  out.push(`| OS | ${cell(machine.os)} |`);
  out.push(`| commit | ${cell(machine.commit)} |`);
  out.push(`| load average (1/5/15 min) | before ${machine.loadBefore}; after ${machine.loadAfter} |`);
  out.push(`| total bench time | ${totalSeconds.toFixed(0)} s |`, '');
  if (Number(machine.loadBefore.split(' ')[0]) > machine.logicalCores * 0.5) {
    out.push(
      `> **The machine was busy** (load ${machine.loadBefore.split(' ')[0]} on ${machine.logicalCores} cores when the run began): ` +
        'ratios taken side by side still compare like with like, but their noise is wide. Re-run on a quiet machine before quoting them.',
      '',
    );
  }

  out.push('## Summary', '');
  out.push('| benchmark | figure | value | goal | result |', '|---|---|---|---|---|');
  for (const o of outcomes) {
    if (o.error || !o.section) {
      out.push(`| ${cell(o.title)} | — | **not measured** | — | **ERROR** (see below) |`);
      continue;
    }
    for (const f of o.section.figures) out.push(`| ${cell(o.title)} | ${cell(f.label)} | ${cell(f.value)} | ${cell(f.goal)} | ${mark(f.pass)} |`);
  }
  out.push('');

  for (const o of outcomes) {
    out.push(`## ${o.title}`, '');
    if (o.error || !o.section) {
      out.push(`**ERROR: this benchmark did not produce figures** (after ${o.seconds.toFixed(1)} s):`, '');
      out.push('```', o.error ?? 'no result', '```', '');
      continue;
    }
    const s = o.section;
    out.push(`**Goal:** ${s.goal}`, '');
    out.push('**Method:**', '');
    for (const m of s.method) out.push(`- ${m}`);
    out.push('');
    out.push('| figure | value | goal | result | detail |', '|---|---|---|---|---|');
    for (const f of s.figures) out.push(`| ${cell(f.label)} | ${cell(f.value)} | ${cell(f.goal)} | ${mark(f.pass)} | ${cell(f.detail)} |`);
    out.push('');
    if (s.table) {
      out.push(`**${s.table.title}:**`, '');
      out.push(`| ${s.table.header.map(cell).join(' | ')} |`, `|${s.table.header.map(() => '---').join('|')}|`);
      for (const row of s.table.rows) out.push(`| ${row.map(cell).join(' | ')} |`);
      out.push('');
    }
    out.push('**Commands** (from the repository root; all of them run by `' + command + '`):', '');
    for (const f of s.figures) {
      out.push(`- ${f.label}:`);
      for (const c of f.commands) out.push(`  - \`${c.replace(/`/g, "'")}\``);
    }
    out.push('');
    if (s.notes.length) {
      out.push('**Findings:**', '');
      for (const n of s.notes) out.push(`- ${n}`);
      out.push('');
    }
    out.push(`_Took ${o.seconds.toFixed(1)} s._`, '');
  }
  return out.join('\n');
}
