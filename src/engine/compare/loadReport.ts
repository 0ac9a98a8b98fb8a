/**
 * Reading a Report back from disk for a comparison. A baseline lives for months in a CI cache, so it may be missing,
 * truncated, some other JSON, or written by a newer profiler: each gets a message that names the file and the fix.
 * Only the fields a comparison reads are checked; the rest of the Report is passed through untouched.
 */
import { readFile } from 'node:fs/promises';
import { SCHEMA_VERSION, type Report } from '../../contracts/report';
import { CompareInputError } from './errors';

/** Reads and checks a Report JSON file; `role` ("baseline", "current") names it in the CompareInputError. */
export async function readReportFile(file: string, role = 'report'): Promise<Report> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new CompareInputError('missing', `${role} report not found: ${file}`);
    const why = err.code === 'EISDIR' ? 'it is a directory' : err.message;
    throw new CompareInputError('unreadable', `cannot read the ${role} report ${file}: ${why}`);
  }
  return parseReport(text, `the ${role} report ${file}`);
}

/** Parses and checks a Report's JSON text; `what` ("the baseline report x.json") starts each error message. */
export function parseReport(text: string, what: string): Report {
  if (!text.trim()) throw new CompareInputError('corrupt', `${what} is empty`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new CompareInputError('corrupt', `${what} is not valid JSON (${(e as Error).message}); was it cut short?`);
  }
  const notReport = (detail: string) =>
    new CompareInputError('not-a-report', `${what} is not a parallelism-profiler report (${detail}); expected the JSON report a profile writes`);
  if (!isObject(value)) throw notReport('not a JSON object');
  const version = value.schemaVersion;
  if (version === undefined) throw notReport('no schemaVersion');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw notReport(`schemaVersion ${JSON.stringify(version)}`);
  // Checked before the shape: a newer schema may have moved the very fields checked below.
  if (version > SCHEMA_VERSION) {
    throw new CompareInputError(
      'newer-schema',
      `${what} has schema version ${version}, newer than this parallelism-profiler reads (${SCHEMA_VERSION}); upgrade the profiler, or record the report again with this one`,
    );
  }
  const problem = shapeProblem(value);
  if (problem) throw notReport(problem);
  return value as unknown as Report;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
// JSON has no NaN: a configuration that was never measured has a median of null on disk.
const isNumberOrNull = (v: unknown): boolean => v === null || typeof v === 'number';

/** The first missing or mistyped field that a comparison reads, as a path ("runs[2].wall.ci95"), or undefined. */
function shapeProblem(r: Json): string | undefined {
  const target = r.target;
  if (!isObject(target)) return 'no target';
  for (const k of ['function', 'file', 'language']) if (typeof target[k] !== 'string') return `target.${k} is missing`;
  if (!isObject(r.environment)) return 'no environment';
  if (!Array.isArray(r.runs)) return 'runs is not a list';
  for (const [i, run] of r.runs.entries()) {
    const where = `runs[${i}]`;
    if (!isObject(run)) return `${where} is not an object`;
    if (typeof run.strategy !== 'string' || typeof run.status !== 'string') return `${where} has no strategy or status`;
    if (typeof run.workers !== 'number') return `${where}.workers is not a number`;
    const wall = run.wall;
    if (!isObject(wall) || !isNumberOrNull(wall.median)) return `${where}.wall.median is missing`;
    if (!Array.isArray(wall.ci95) || wall.ci95.length !== 2 || !wall.ci95.every(isNumberOrNull)) return `${where}.wall.ci95 is not a [low, high] pair`;
    if (wall.samples !== undefined && !Array.isArray(wall.samples)) return `${where}.wall.samples is not a list`;
  }
  const rec = r.recommendation;
  if (!isObject(rec) || typeof rec.strategy !== 'string' || typeof rec.workers !== 'number') return 'no recommendation';
  return undefined;
}
