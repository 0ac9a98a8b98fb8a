/**
 * The Report as the extension posts it to the panel: its per-task and per-segment arrays become columns of typed
 * arrays. A webview receives a message by structured clone, which rebuilds every object key by key: 100,000 tasks
 * and their core segments cost ~200 ms before anything is drawn, while a Float64Array column is one copy. VS Code
 * (engines ≥ 1.57) transfers typed arrays in webview messages and recreates them on the other side.
 * Lossless: unpackReport(packReport(r)) deep-equals r.
 */
import type { CoreTimeline, Report, Run } from './report';

/**
 * One column of a packed table: numbers (32-bit integers where every value is one: half the bytes to copy and
 * clone), strings (coded against their distinct values), or anything else.
 */
export type PackedColumn =
  | { kind: 'number'; values: Float64Array | Int32Array }
  | { kind: 'string'; dict: string[]; codes: Uint32Array }
  // A key some rows lack, or values of mixed or other types: `values` holds the present ones in row order.
  // Undefined counts as absent, as it does in JSON (VS Code serialises the rest of a message as JSON).
  | { kind: 'any'; present: Uint8Array; values: unknown[] };

/** Rows of one shape stored by column; `T` only records what the rows were. */
export interface PackedTable<T> {
  length: number;
  /** Columns in the order their keys were first seen. */
  columns: [string, PackedColumn][];
  /** Never set: ties the table to its row type. */
  rowType?: T;
}

/** A Run whose task records and task stretches are packed. */
export type PackedRun = Omit<Run, 'tasks' | 'taskSegments'> & {
  tasks: PackedTable<Run['tasks'][number]>;
  taskSegments?: PackedTable<NonNullable<Run['taskSegments']>[number]>;
};

/** A core timeline whose segments and utilisation samples are packed. */
export type PackedCore = Omit<CoreTimeline, 'segments' | 'utilisation'> & {
  segments: PackedTable<CoreTimeline['segments'][number]>;
  utilisation: PackedTable<CoreTimeline['utilisation'][number]>;
};

/** The Report with its data-sized arrays packed (`packed: 1` tells it from a plain Report). */
export type PackedReport = Omit<Report, 'runs' | 'cores'> & { packed: 1; runs: PackedRun[]; cores: PackedCore[] };

/** Packs the data-sized arrays of `report` into typed-array columns; everything else is shared, not copied. */
export function packReport(report: Report): PackedReport {
  return {
    ...report,
    packed: 1,
    runs: report.runs.map(({ tasks, taskSegments, ...run }) => ({
      ...run,
      tasks: packRows(tasks),
      ...(taskSegments ? { taskSegments: packRows(taskSegments) } : {}),
    })),
    cores: report.cores.map(({ segments, utilisation, ...core }) => ({
      ...core, segments: packRows(segments), utilisation: packRows(utilisation),
    })),
  };
}

/** The Report `packReport` was given (equal, not the same objects). */
export function unpackReport(packed: PackedReport): Report {
  const { packed: _marker, runs, cores, ...rest } = packed;
  return {
    ...rest,
    runs: runs.map(({ tasks, taskSegments, ...run }) => ({
      ...run,
      tasks: unpackRows(tasks),
      ...(taskSegments ? { taskSegments: unpackRows(taskSegments) } : {}),
    })),
    cores: cores.map(({ segments, utilisation, ...core }) => ({
      ...core, segments: unpackRows(segments), utilisation: unpackRows(utilisation),
    })),
  };
}

/** True when `v` is a packed Report rather than a plain one. */
export function isPackedReport(v: unknown): v is PackedReport {
  return typeof v === 'object' && v !== null && (v as { packed?: unknown }).packed === 1;
}

/** Stores `rows` column by column. */
export function packRows<T extends object>(rows: readonly T[]): PackedTable<T> {
  const all = rows as readonly Record<string, unknown>[];
  const keys: string[] = [];
  const seen = new Set<string>();
  let shape: string[] | null = null;
  for (const row of all) {
    const own = Object.keys(row);
    // Rows of one shape (the usual case) need one look at their keys.
    if (shape && own.length === shape.length && own.every((k, i) => k === shape![i])) continue;
    shape = own;
    for (const key of own) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  return { length: rows.length, columns: keys.map((key) => [key, packColumn(all, key)]) };
}

/** The rows `packRows` was given. */
export function unpackRows<T>(table: PackedTable<T>): T[] {
  const n = table.length;
  // Every row starts as a copy of one template holding the keys all rows have, so all rows share one shape and
  // the stores below overwrite properties instead of adding them (adding them one by one is several times slower).
  // The template's values have the columns' representations (small integer or double), so V8 never has to widen
  // a field, and with it the shape of every row made so far, halfway through.
  const template: Record<string, unknown> = {};
  for (const [key, column] of table.columns) {
    if (column.kind === 'number') template[key] = column.values instanceof Int32Array ? 0 : 0.5;
    else if (column.kind === 'string') template[key] = '';
  }
  const rows: Record<string, unknown>[] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = { ...template };
  for (const [key, column] of table.columns) {
    if (column.kind === 'number') {
      const values = column.values;
      for (let i = 0; i < n; i++) rows[i][key] = values[i];
    } else if (column.kind === 'string') {
      const { dict, codes } = column;
      for (let i = 0; i < n; i++) rows[i][key] = dict[codes[i]];
    } else {
      const { present, values } = column;
      let next = 0;
      for (let i = 0; i < n; i++) if (present[i]) rows[i][key] = values[next++];
    }
  }
  return rows as T[];
}

/** Reads single rows of `table`, each as `unpackRows(table)[i]` would give it, without building the others. */
export function rowReader<T>(table: PackedTable<T>): (i: number) => T {
  // A sparse column stores its present values in row order: a row's is at the count of present rows before it.
  const ranks = table.columns.map(([, column]) => {
    if (column.kind !== 'any') return null;
    const rank = new Int32Array(table.length);
    let next = 0;
    for (let i = 0; i < table.length; i++) rank[i] = column.present[i] ? next++ : -1;
    return rank;
  });
  return (i) => {
    const row: Record<string, unknown> = {};
    table.columns.forEach(([key, column], c) => {
      if (column.kind === 'number') row[key] = column.values[i];
      else if (column.kind === 'string') row[key] = column.dict[column.codes[i]];
      else if (ranks[c]![i] >= 0) row[key] = column.values[ranks[c]![i]];
    });
    return row as T;
  };
}

function packColumn(rows: readonly Record<string, unknown>[], key: string): PackedColumn {
  const n = rows.length;
  let numbers = true;
  let strings = true;
  for (let i = 0; i < n && (numbers || strings); i++) {
    const v = rows[i][key];
    if (typeof v !== 'number') numbers = false;
    if (typeof v !== 'string') strings = false;
  }
  if (numbers) {
    let ints = true;
    for (let i = 0; i < n && ints; i++) {
      const v = rows[i][key] as number;
      ints = (v | 0) === v && !Object.is(v, -0);
    }
    const values = ints ? new Int32Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = rows[i][key] as number;
    return { kind: 'number', values };
  }
  if (strings) {
    const dict: string[] = [];
    const codeOf = new Map<string, number>();
    const codes = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const v = rows[i][key] as string;
      let code = codeOf.get(v);
      if (code === undefined) {
        code = dict.push(v) - 1;
        codeOf.set(v, code);
      }
      codes[i] = code;
    }
    return { kind: 'string', dict, codes };
  }
  const present = new Uint8Array(n);
  const values: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const v = rows[i][key];
    if (v !== undefined) {
      present[i] = 1;
      values.push(v);
    }
  }
  return { kind: 'any', present, values };
}
