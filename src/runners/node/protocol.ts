/**
 * The JSON-lines channel: events on fd 1, commands from stdin. User code must never write into the protocol, so
 * process.stdout is pointed at stderr before anything can use it: console.log, worker threads' output (piped through
 * the parent's process.stdout) and children (forked with stdout on fd 2) all land in the log.
 */
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { HarnessEvent } from '../../contracts/runner';

/** Redirect process.stdout to stderr; call first thing, before any module touches process.stdout. */
export function reserveStdout(): void {
  Object.defineProperty(process, 'stdout', { configurable: true, enumerable: true, get: () => process.stderr });
}

/** Write one event as one line, synchronously (a crash right after still leaves the line on the wire). */
export function send(event: HarnessEvent): void {
  const data = Buffer.from(JSON.stringify(event) + '\n', 'utf8');
  let off = 0;
  while (off < data.length) {
    try {
      off += writeSync(1, data, off);
    } catch (e) {
      // A non-blocking pipe that is full: wait for the reader rather than drop protocol bytes.
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

/**
 * Feed command lines to `handle` one at a time, in order. `onEnd` runs as soon as stdin closes, even mid-run: a
 * driver that closed our stdin is gone or done, and no one would read the answer.
 */
export function serveLines(handle: (line: string) => Promise<boolean>, onEnd: () => void): void {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let chain = Promise.resolve(true);
  lines.on('line', (line) => {
    if (!line.trim()) return;
    chain = chain.then((more) => (more ? handle(line) : false));
    void chain.then((more) => { if (!more) lines.close(); });
  });
  lines.on('close', onEnd);
}
