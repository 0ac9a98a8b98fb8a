import * as os from 'node:os';

/** The default per-process memory ceiling: 2 GB, or half the machine's RAM where that is less. */
export function defaultMemoryLimitMb(totalBytes = os.totalmem()): number {
  return Math.max(64, Math.min(2048, Math.floor(totalBytes / 2 / 2 ** 20)));
}
