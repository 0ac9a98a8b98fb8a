/**
 * A child process that appends history entries as fast as it can, so historyStore.test.ts can kill it mid-write
 * with SIGKILL, the way a crashing extension host would. Usage: node --import tsx historyWriter.ts <dir> <report.json>
 */
import { readFileSync } from 'node:fs';
import { HistoryStore } from '../../../../../src/extension/history/historyStore';
import type { Report } from '../../../../../src/contracts/report';

const [dir, reportFile] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportFile!, 'utf8')) as Report;
const store = new HistoryStore(dir!);

// Not top-level await: the package is CommonJS.
void (async () => {
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) await store.add({ ...report, createdAt: new Date(Date.now() + i).toISOString() });
})();
