/**
 * Benchmark history on disk, free of `vscode` so it unit-tests without VS Code.
 *
 * Layout under the directory passed in (the extension passes `context.globalStorageUri`):
 *   history.jsonl        append-only; one JSON object a line: a run entry, or a tombstone that deletes one
 *   reports/<id>.json    the full Report, written atomically (tmp + fsync + rename), mode 0600
 *
 * Why this shape: a crash can at worst leave one partial last line (skipped with a warning) or a stray tmp file;
 * it never loses an earlier entry, because nothing already written is ever rewritten in place.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Recommendation, Report } from '../../contracts/report';
import { writeFileAtomic } from '../../engine';

/** The few numbers a lens, a tree item or a comparison needs, without loading the whole report. */
export interface EntrySummary
  extends Pick<Recommendation, 'strategy' | 'workers' | 'chunksize' | 'expectedSpeedup' | 'expectedSpeedupCi95' | 'confidence' | 'headline'> {
  classification: string;
  /** Wall median of the serial run (seconds), when there was one. */
  serialWall?: number;
  cancelled: boolean;
  interpreter: string;
  /** The interpreter the verdict names, in reports that compare interpreters ("pypy3"); absent otherwise. */
  recommendedInterpreter?: string;
  /** The machine it ran on, e.g. "linux x64, 2 cores, Intel Xeon @ 2.20GHz, host devbox" (older entries lack it). */
  machine?: string;
}

/** One profiled run of one function, as listed in the history. */
export interface HistoryEntry {
  kind: 'run';
  id: string;
  /** ISO time the profile began. */
  createdAt: string;
  file: string;
  function: string;
  line?: number;
  /** Task-argument expression used, so the next profile of this function can start from it. */
  args: string | null;
  commit?: string;
  /** sha256 of the function's source when profiled ('' when unknown); compared with the current one to flag edits. */
  sourceHash: string;
  summary: EntrySummary;
  /** Path of the full report, relative to the store directory. */
  reportPath: string;
}

/** A deletion: the entry with this id no longer lists. */
interface Tombstone {
  kind: 'delete';
  id: string;
  deletedAt: string;
}

type Line = HistoryEntry | Tombstone;

/** Extra facts the caller knows and the report does not. */
export interface AddOptions {
  commit?: string;
  /** Overrides report.target.sourceHash (the extension hashes the source the same way it will when comparing). */
  sourceHash?: string;
}

const HISTORY_FILE = 'history.jsonl';
const REPORTS_DIR = 'reports';

/** Builds the summary stored with an entry. */
export function summarise(report: Report): EntrySummary {
  const rec = report.recommendation;
  // In a comparison the reference interpreter's serial run comes first: the baseline every speedup is against.
  const serial = report.runs.find((r) => r.strategy === 'serial' && r.status === 'ok');
  const compared = report.interpreters?.length ? report.interpreters : undefined;
  return {
    strategy: rec.strategy,
    workers: rec.workers,
    chunksize: rec.chunksize,
    expectedSpeedup: rec.expectedSpeedup,
    expectedSpeedupCi95: rec.expectedSpeedupCi95,
    confidence: rec.confidence,
    headline: rec.headline,
    classification: report.classification.summary || report.classification.kind,
    serialWall: serial?.wall.median,
    cancelled: report.cancelled === true,
    interpreter: compared
      ? compared.map((i) => `${i.id}: ${i.label}${i.status === 'ok' ? '' : ` (${i.status})`}`).join(', ')
      : `${report.environment.version} (${report.environment.interpreter})`,
    ...(compared && rec.interpreter ? { recommendedInterpreter: rec.interpreter } : {}),
    machine: machineText(report.environment),
  };
}

/** The machine in one line, for the history tooltip: what a speedup depends on. */
export function machineText(env: Report['environment']): string {
  const cores = `${env.logicalCores} core${env.logicalCores === 1 ? '' : 's'}` +
    (env.physicalCores && env.physicalCores !== env.logicalCores ? ` (${env.physicalCores} physical)` : '');
  return [`${env.platform} ${env.arch}`, cores, env.cpuModel, env.hostname ? `host ${env.hostname}` : '']
    .filter(Boolean).join(', ');
}

/** A new entry id: sortable by time, unique across windows writing the same file. */
export function newEntryId(now = Date.now()): string {
  return `${now.toString(36).padStart(9, '0')}-${randomBytes(4).toString('hex')}`;
}

function isEntry(v: unknown): v is HistoryEntry {
  const e = v as HistoryEntry;
  return (
    typeof v === 'object' && v !== null && e.kind === 'run' && typeof e.id === 'string' && typeof e.file === 'string' &&
    typeof e.function === 'string' && typeof e.createdAt === 'string' && typeof e.reportPath === 'string' &&
    typeof e.summary === 'object' && e.summary !== null
  );
}

function isTombstone(v: unknown): v is Tombstone {
  const t = v as Tombstone;
  return typeof v === 'object' && v !== null && t.kind === 'delete' && typeof t.id === 'string';
}

/** The history of every profiled function, oldest first on disk, newest first when listed. */
export class HistoryStore {
  private readonly historyFile: string;
  private readonly reportsDir: string;
  private cache: { mtimeMs: number; size: number; entries: HistoryEntry[] } | undefined;
  private readonly listeners = new Set<() => void>();
  // Appends from this window are serialised so two of them never interleave their newline repair.
  private queue: Promise<unknown> = Promise.resolve();
  private swept: Promise<void> | undefined;

  /** `dir` is created on first write; `warn` receives one line per skipped corrupt line. */
  constructor(readonly dir: string, private readonly warn: (message: string) => void = () => undefined) {
    this.historyFile = path.join(dir, HISTORY_FILE);
    this.reportsDir = path.join(dir, REPORTS_DIR);
  }

  /** Registers a listener called after every add or delete from this store; returns the unsubscribe function. */
  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Saves the report (atomically) and appends its entry; returns the entry. */
  async add(report: Report, options: AddOptions = {}): Promise<HistoryEntry> {
    const id = newEntryId(Date.parse(report.createdAt) || Date.now());
    const reportPath = `${REPORTS_DIR}/${id}.json`;
    await fsp.mkdir(this.reportsDir, { recursive: true, mode: 0o700 });
    this.swept ??= this.sweepTempFiles();
    const stored: Report = options.commit && !report.commit ? { ...report, commit: options.commit } : report;
    // Report first, then the line: a crash in between leaves an unreferenced file, never an entry without its report.
    await writeFileAtomic(path.join(this.dir, reportPath), JSON.stringify(stored));
    const entry: HistoryEntry = {
      kind: 'run',
      id,
      createdAt: report.createdAt,
      file: report.target.file,
      function: report.target.function,
      line: report.target.line,
      args: report.target.args,
      commit: options.commit ?? report.commit,
      sourceHash: options.sourceHash ?? report.target.sourceHash ?? '',
      summary: summarise(report),
      reportPath,
    };
    await this.append(entry);
    return entry;
  }

  /** Every live entry, newest first. Corrupt lines are skipped with a warning. */
  async list(): Promise<HistoryEntry[]> {
    let stat;
    try {
      stat = await fsp.stat(this.historyFile);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    if (this.cache && this.cache.mtimeMs === stat.mtimeMs && this.cache.size === stat.size) return this.cache.entries;
    const text = await fsp.readFile(this.historyFile, 'utf8');
    const entries = this.parse(text);
    this.cache = { mtimeMs: stat.mtimeMs, size: stat.size, entries };
    return entries;
  }

  /** The entry with this id, if it is live. */
  async get(id: string): Promise<HistoryEntry | undefined> {
    return (await this.list()).find((e) => e.id === id);
  }

  /** Live entries of one function, newest first. */
  async forFunction(file: string, fn: string): Promise<HistoryEntry[]> {
    return (await this.list()).filter((e) => e.file === file && e.function === fn);
  }

  /** The newest entry of each function of one file, keyed by function name. */
  async latestByFunction(file: string): Promise<Map<string, HistoryEntry>> {
    const latest = new Map<string, HistoryEntry>();
    for (const e of await this.list()) if (e.file === file && !latest.has(e.function)) latest.set(e.function, e);
    return latest;
  }

  /** The run of the same function just before this one, if any. */
  async previous(entry: HistoryEntry): Promise<HistoryEntry | undefined> {
    const runs = await this.forFunction(entry.file, entry.function);
    const i = runs.findIndex((e) => e.id === entry.id);
    return i >= 0 ? runs[i + 1] : undefined;
  }

  /** Reads an entry's full report. */
  async loadReport(entry: HistoryEntry): Promise<Report> {
    const file = path.resolve(this.dir, entry.reportPath);
    // The path comes from our own file, but a hand-edited line must not make us read outside the store.
    if (!file.startsWith(path.resolve(this.dir) + path.sep)) throw new Error(`report path outside the history: ${entry.reportPath}`);
    return JSON.parse(await fsp.readFile(file, 'utf8')) as Report;
  }

  /** Deletes an entry: appends a tombstone, then removes its report file. */
  async delete(id: string): Promise<void> {
    const entry = await this.get(id);
    await this.append({ kind: 'delete', id, deletedAt: new Date().toISOString() });
    if (entry) await fsp.rm(path.resolve(this.dir, entry.reportPath), { force: true }).catch(() => undefined);
  }

  // A crash during writeFileAtomic leaves its tmp file behind; remove old ones once per session (never a live one:
  // another window may be writing right now, hence the age limit).
  private async sweepTempFiles(maxAgeMs = 3_600_000): Promise<void> {
    const names = await fsp.readdir(this.reportsDir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.includes('.tmp-'))) {
      const file = path.join(this.reportsDir, name);
      const stat = await fsp.stat(file).catch(() => undefined);
      if (stat && Date.now() - stat.mtimeMs > maxAgeMs) await fsp.rm(file, { force: true }).catch(() => undefined);
    }
  }

  private parse(text: string): HistoryEntry[] {
    const byId = new Map<string, HistoryEntry>();
    const deleted = new Set<string>();
    const lines = text.split('\n');
    lines.forEach((raw, i) => {
      const line = raw.trim();
      if (!line) return;
      let value: unknown;
      try {
        value = JSON.parse(line) as Line;
      } catch {
        // A partial line from a crash mid-append, or a hand edit: skip it, keep everything else.
        this.warn(`history: skipped unreadable line ${i + 1} of ${this.historyFile}`);
        return;
      }
      if (isEntry(value)) byId.set(value.id, value);
      else if (isTombstone(value)) deleted.add(value.id);
      else this.warn(`history: skipped line ${i + 1} of ${this.historyFile}: not a history entry`);
    });
    const live = [...byId.values()].filter((e) => !deleted.has(e.id));
    // Newest first; ties (same millisecond) keep file order reversed, i.e. the later append first.
    return live
      .map((e, order) => ({ e, order, t: Date.parse(e.createdAt) || 0 }))
      .sort((a, b) => b.t - a.t || b.order - a.order)
      .map((x) => x.e);
  }

  private append(line: Line): Promise<void> {
    const run = async (): Promise<void> => {
      await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
      const handle = await fsp.open(this.historyFile, 'a+', 0o600);
      try {
        // If a crash left a partial last line, start on a fresh line so the new entry is not glued onto it.
        const { size } = await handle.stat();
        let prefix = '';
        if (size > 0) {
          const last = Buffer.alloc(1);
          await handle.read(last, 0, 1, size - 1);
          if (last[0] !== 0x0a) prefix = '\n';
        }
        // One write call per line: O_APPEND makes it land whole after whatever other windows wrote.
        await handle.write(`${prefix}${JSON.stringify(line)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      this.cache = undefined;
      for (const listener of this.listeners) listener();
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
