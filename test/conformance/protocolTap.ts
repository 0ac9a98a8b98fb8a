/**
 * Reads a runner's stdout beside the driver, line by line, so the conformance cases can check the wire itself: that
 * every line is a protocol event (user output never leaks into it), and what the driver does not pass on (error kinds,
 * the order of `workers` and `done`).
 */
import type { ChildProcess } from 'node:child_process';
import type { HarnessEvent } from '../../src/contracts/runner';
import type { RunnerProcess } from '../../src/engine/runners/driver';

/** Every stdout line of one runner after hello: parsed events, and lines that were not JSON. */
export class ProtocolTap {
  /** Protocol events in arrival order. */
  readonly events: HarnessEvent[] = [];
  /** stdout lines that are not JSON objects (there must be none). */
  readonly stray: string[] = [];
  private partial = '';

  constructor(runner: RunnerProcess) {
    // The driver keeps its child private; a second 'data' listener sees the same chunks as its line reader.
    const { child } = runner as unknown as { child: ChildProcess };
    child.stdout!.on('data', (chunk: Buffer) => this.push(chunk.toString('utf8')));
  }

  private push(text: string): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        const event = JSON.parse(line) as HarnessEvent;
        if (event && typeof event === 'object' && typeof event.type === 'string') this.events.push(event);
        else this.stray.push(line);
      } catch {
        this.stray.push(line);
      }
    }
  }

  /** The last event of a type, if any. */
  last<T extends HarnessEvent['type']>(type: T): Extract<HarnessEvent, { type: T }> | undefined {
    for (let i = this.events.length - 1; i >= 0; i--) {
      const e = this.events[i];
      if (e.type === type) return e as Extract<HarnessEvent, { type: T }>;
    }
    return undefined;
  }
}
