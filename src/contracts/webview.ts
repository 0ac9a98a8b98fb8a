/**
 * The one protocol between the extension host and the report webview (DESIGN.md §6: one typed union each way).
 * The same webview bundle also runs standalone (the CLI's --html); there it never sees these messages.
 * It imports only other contracts, which import nothing, so both sides can import it.
 */
import type { Comparison } from './comparison';
import { isPackedReport, type PackedReport } from './packedReport';
import type { Report } from './report';

/** Export formats the webview can ask for. */
export type ExportFormat = 'json' | 'html' | 'trace';

/** Every export format, in the order the buttons show them. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'html', 'trace'];

/**
 * Extension → webview: draw this report; `runId` picks the run shown in the timelines (default: the recommended one).
 * The report travels packed (packedReport.ts): its task and segment arrays as typed-array columns.
 */
export interface ReportMessage {
  type: 'report';
  report: PackedReport;
  runId?: string;
}

/** Extension → webview: show this run in the timelines (e.g. after a history click on an open panel). */
export interface SelectRunToWebviewMessage {
  type: 'selectRun';
  runId: string;
}

/** Extension → webview: a short status line, e.g. "Exported to /tmp/x.json" or a failure to open a file. */
export interface NoticeMessage {
  type: 'notice';
  level: 'info' | 'error';
  text: string;
}

/**
 * Extension → webview: draw this comparison (the comparison panel). The engine's Comparison carries both Reports
 * (`baseline` is the earlier run, `current` the later one), so the page shows nothing it did not receive.
 */
export interface ComparisonMessage {
  type: 'comparison';
  comparison: Comparison;
}

/** Messages the extension posts to the webview. */
export type ToWebviewMessage = ReportMessage | SelectRunToWebviewMessage | NoticeMessage | ComparisonMessage;

/** Webview → extension: the script is listening; send the report (again, after a reload). */
export interface ReadyMessage {
  type: 'ready';
}

/** Webview → extension: the user picked a run in the table. */
export interface SelectRunFromWebviewMessage {
  type: 'selectRun';
  runId: string;
}

/** Webview → extension: copy the recommendation's snippet to the clipboard (vscode.env.clipboard). */
export interface CopySnippetMessage {
  type: 'copySnippet';
  snippet: string;
}

/** Webview → extension: insert the snippet below the profiled function in its file. */
export interface InsertSnippetMessage {
  type: 'insertSnippet';
  snippet: string;
}

/** Webview → extension: open a source location from a traceback; `line` is 1-based. */
export interface OpenLocationMessage {
  type: 'openLocation';
  file: string;
  line: number;
}

/** Webview → extension: save the shown report in this format (the extension asks where). */
export interface ExportMessage {
  type: 'export';
  format: ExportFormat;
}

/**
 * Webview → extension: profile the shown report's function again, with the same arguments and more repeats, because
 * its confidence is not high. The extension takes the target from the report it holds, not from the message.
 */
export interface RerunMoreRepeatsMessage {
  type: 'rerunMoreRepeats';
}

/** The two sides of a comparison: the earlier run (baseline) and the later one (current). */
export type ComparedSide = 'baseline' | 'current';

/** Every side of a comparison, in the order the panel shows them. */
export const COMPARED_SIDES: readonly ComparedSide[] = ['baseline', 'current'];

/** Webview → extension: open one side of the comparison in its report panel. */
export interface OpenComparedReportMessage {
  type: 'openComparedReport';
  side: ComparedSide;
}

/** Messages the webview posts to the extension. */
export type FromWebviewMessage =
  | ReadyMessage
  | SelectRunFromWebviewMessage
  | CopySnippetMessage
  | InsertSnippetMessage
  | OpenLocationMessage
  | ExportMessage
  | RerunMoreRepeatsMessage
  | OpenComparedReportMessage;

/** What the webview keeps with `vscode.setState`, so a panel restored after a window reload draws at once. */
export interface WebviewState {
  version: 1;
  report?: Report;
  runId?: string;
  /** The comparison panel's state: the comparison it shows. */
  comparison?: Comparison;
}

/** Called at the end of a message switch: a compile error here means a message type is not handled. */
export function assertNever(value: never): never {
  throw new Error(`unhandled message: ${JSON.stringify(value)}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isString = (v: unknown): v is string => typeof v === 'string';

/** Checks a message from the webview before the extension acts on it (the webview runs untrusted-ish content). */
export function isFromWebviewMessage(v: unknown): v is FromWebviewMessage {
  if (!isObject(v) || !isString(v.type)) return false;
  const m = v as { type: FromWebviewMessage['type'] } & Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'rerunMoreRepeats':
      return true;
    case 'selectRun':
      return isString(m.runId);
    case 'copySnippet':
    case 'insertSnippet':
      return isString(m.snippet);
    case 'openLocation':
      return isString(m.file) && typeof m.line === 'number' && Number.isInteger(m.line) && m.line >= 1;
    case 'export':
      return (EXPORT_FORMATS as readonly unknown[]).includes(m.format);
    case 'openComparedReport':
      return (COMPARED_SIDES as readonly unknown[]).includes(m.side);
    default:
      return assertNeverSoft(m.type);
  }
}

/**
 * Checks a message posted to the webview; the webview ignores anything else (other extensions' messages, stale
 * formats).
 */
export function isToWebviewMessage(v: unknown): v is ToWebviewMessage {
  if (!isObject(v) || !isString(v.type)) return false;
  const m = v as { type: ToWebviewMessage['type'] } & Record<string, unknown>;
  switch (m.type) {
    case 'report':
      return isPackedReport(m.report) && (m.runId === undefined || isString(m.runId));
    case 'selectRun':
      return isString(m.runId);
    case 'notice':
      return isString(m.text) && (m.level === 'info' || m.level === 'error');
    case 'comparison':
      return isComparisonLike(m.comparison);
    default:
      return assertNeverSoft(m.type);
  }
}

/** True when `v` has the parts of a Comparison the panel reads first: both reports, the best change, the rows. */
export function isComparisonLike(v: unknown): v is Comparison {
  if (!isObject(v)) return false;
  return isObject(v.baseline) && isObject(v.current) && isObject(v.best)
    && Array.isArray(v.configurations) && Array.isArray(v.notes);
}

// Exhaustive at compile time, but an unknown type at run time is just "not ours", not a crash.
function assertNeverSoft(_value: never): false {
  return false;
}
