/**
 * Column access to a Report's data-sized arrays (a run's tasks and segments, a core's segments).
 *
 * A packed Report arrives as typed-array columns. Turning 100,000 tasks and their core segments back into objects
 * costs more than drawing them (each double field of each object is a heap allocation), so `receiveReport` leaves
 * those arrays packed: each becomes a property that unpacks itself on first read, and the timelines read the
 * columns through `recordsOf` without ever building the objects. Anything else that reads the arrays (a table,
 * saving the panel's state) gets plain objects, as from any Report.
 */
import { rowReader, unpackRows, type PackedReport, type PackedTable } from '../src/contracts/packedReport';
import type { Report } from '../src/contracts/report';

/** Read-only columns of a list of records, and any one record on demand. */
export interface Records<T> {
  readonly length: number;
  /** Whether any record has `key`. */
  has(key: keyof T & string): boolean;
  /** The values of `key` as numbers (true is 1, false 0); NaN where a record has none or a non-number. */
  numbers(key: keyof T & string): Float64Array | Int32Array;
  /** The values of `key` coded against their distinct values; a record without one gets the code of ''. */
  strings(key: keyof T & string): { dict: readonly string[]; codes: Uint32Array };
  /** Record `i`, as the array holds it. */
  at(i: number): T;
}

// The packed table behind each lazily unpacked array, by the object that owns the array and the array's key.
const packedTables = new WeakMap<object, Map<string, PackedTable<unknown>>>();

/** The Report `packed` stands for; its data-sized arrays stay packed until something reads them as arrays. */
export function receiveReport(packed: PackedReport): Report {
  const { packed: _marker, runs, cores, ...rest } = packed;
  return {
    ...rest,
    runs: runs.map(({ tasks, taskSegments, ...run }) =>
      lazily(lazily(run, 'tasks', tasks), 'taskSegments', taskSegments)) as unknown as Report['runs'],
    cores: cores.map(({ segments, utilisation, ...core }) =>
      lazily(lazily(core, 'segments', segments), 'utilisation', utilisation)) as unknown as Report['cores'],
  };
}

/** The records of `owner[key]`: read from its packed columns where it still has them, else from its objects. */
export function recordsOf<O extends object, K extends keyof O & string>(
  owner: O, key: K,
): Records<O[K] extends readonly (infer T)[] | undefined ? T : never> {
  type T = O[K] extends readonly (infer T)[] | undefined ? T : never;
  // One view per array: the timelines, legend and caption all ask, and a view of objects builds its columns once.
  const cached = views.get(owner)?.get(key);
  if (cached) return cached as Records<T>;
  const table = packedTables.get(owner)?.get(key) as PackedTable<T> | undefined;
  const view = table ? packedRecords(table) : objectRecords((owner[key] as readonly T[] | undefined) ?? []);
  const mine = views.get(owner) ?? new Map<string, Records<unknown>>();
  mine.set(key, view);
  views.set(owner, mine);
  return view;
}

// The view recordsOf made of each array, by owner and key (a Report is never changed in the panel).
const views = new WeakMap<object, Map<string, Records<unknown>>>();

// Defines owner[key] as an enumerable getter that unpacks `table` once and then holds the rows as a plain value.
function lazily<O extends object>(owner: O, key: string, table: PackedTable<unknown> | undefined): O {
  if (!table) return owner;
  const tables = packedTables.get(owner) ?? new Map<string, PackedTable<unknown>>();
  tables.set(key, table);
  packedTables.set(owner, tables);
  Object.defineProperty(owner, key, {
    enumerable: true,
    configurable: true,
    get() {
      const rows = unpackRows(table);
      Object.defineProperty(owner, key, { value: rows, enumerable: true, configurable: true, writable: true });
      return rows;
    },
  });
  return owner;
}

function packedRecords<T>(table: PackedTable<T>): Records<T> {
  let read: ((i: number) => T) | null = null;
  const column = (key: string) => table.columns.find(([k]) => k === key)?.[1];
  const sparse = new Map<string, Float64Array>();
  return {
    length: table.length,
    has: (key) => column(key) !== undefined,
    numbers(key) {
      const c = column(key);
      if (c?.kind === 'number') return c.values;
      let out = sparse.get(key);
      if (out) return out;
      out = new Float64Array(table.length).fill(NaN);
      if (c?.kind === 'any') {
        let next = 0;
        for (let i = 0; i < table.length; i++) if (c.present[i]) out[i] = asNumber(c.values[next++]);
      }
      sparse.set(key, out);
      return out;
    },
    strings(key) {
      const c = column(key);
      if (c?.kind === 'string') return { dict: c.dict, codes: c.codes };
      if (c?.kind !== 'any') return codeStrings(table.length, () => undefined);
      // codeStrings asks for the rows in order, so the present values can be walked alongside.
      let next = 0;
      return codeStrings(table.length, (i) => (c.present[i] ? c.values[next++] : undefined));
    },
    at: (i) => (read ??= rowReader(table))(i),
  };
}

function objectRecords<T>(rows: readonly T[]): Records<T> {
  const columns = new Map<string, Float64Array>();
  return {
    length: rows.length,
    has: (key) => rows.some((r) => r[key] !== undefined),
    numbers(key) {
      let out = columns.get(key);
      if (out) return out;
      out = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = asNumber(rows[i][key]);
      columns.set(key, out);
      return out;
    },
    strings: (key) => codeStrings(rows.length, (i) => rows[i][key]),
    at: (i) => rows[i],
  };
}

function asNumber(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : NaN;
}

function codeStrings(n: number, value: (i: number) => unknown): { dict: string[]; codes: Uint32Array } {
  const dict: string[] = [];
  const codeOf = new Map<string, number>();
  const codes = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const v = value(i);
    const s = typeof v === 'string' ? v : '';
    let code = codeOf.get(s);
    if (code === undefined) {
      code = dict.push(s) - 1;
      codeOf.set(s, code);
    }
    codes[i] = code;
  }
  return { dict, codes };
}
