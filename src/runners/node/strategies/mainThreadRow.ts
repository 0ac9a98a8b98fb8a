/** A task record for a call made on the runner's own main thread (serial and async). */
import { nativeTid } from '../usage';
import type { Row } from './outcome';
import type { CallRecord } from '../worker';

/** The row for task `index` measured on this thread. */
export function mainThreadRow(index: number, r: CallRecord, queueWait: number): Row {
  return {
    index, start: r.start, end: r.end, cpu: r.cpu, pid: process.pid, tid: nativeTid(), queueWait,
    ok: r.ok, value: r.value, error: r.error,
  };
}
