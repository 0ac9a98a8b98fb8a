/**
 * A history writer for history.test.ts: appends entries as fast as it can and prints each entry's id once add()
 * has resolved, so the test knows exactly which entries were promised before it killed the writer.
 * Usage: node --import tsx historyWriter.ts <dir> <report.json>
 */
import { readFileSync } from 'node:fs';
import { HistoryStore } from '../../src/extension/history/historyStore';
import type { Report } from '../../src/contracts/report';

const [dir, reportFile] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportFile!, 'utf8')) as Report;
const store = new HistoryStore(dir!);

// Not top-level await: the package is CommonJS.
void (async () => {
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) {
    const entry = await store.add({ ...report, createdAt: new Date(Date.now() + i).toISOString() });
    process.stdout.write(`added ${entry.id}\n`);
  }
})();
