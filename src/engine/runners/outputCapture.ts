/** Bytes kept from each end of the workload's output: enough to read what went wrong, bounded whatever it prints. */
export const OUTPUT_KEEP_BYTES = 64 * 1024;

/** The workload's captured output as the Report carries it. */
export interface CapturedOutput {
  /** First and last OUTPUT_KEEP_BYTES, joined by a marker line when the middle was dropped. */
  text: string;
  /** True when the middle was dropped. */
  truncated: boolean;
  /** Bytes the workload wrote in all. */
  bytes: number;
}

/**
 * Keeps the head and tail of a stream that may be gigabytes long (user prints land on the harness's stderr), in
 * constant memory: a workload that prints without bound must not grow the extension host or the CLI.
 */
export class OutputCapture {
  private head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  /** Bytes seen so far. */
  total = 0;

  constructor(private readonly keep = OUTPUT_KEEP_BYTES) {}

  /** Add a chunk; returns the part of it that fell inside the head (what is still worth logging line by line). */
  push(chunk: Buffer): Buffer {
    this.total += chunk.length;
    let kept: Buffer = Buffer.alloc(0);
    if (this.headBytes < this.keep) {
      kept = chunk.subarray(0, this.keep - this.headBytes);
      this.head.push(kept);
      this.headBytes += kept.length;
      chunk = chunk.subarray(kept.length);
    }
    if (chunk.length) {
      this.tail.push(chunk);
      this.tailBytes += chunk.length;
      // Drop whole chunks from the front while the rest still covers the tail window.
      while (this.tail.length > 1 && this.tailBytes - this.tail[0].length >= this.keep) {
        this.tailBytes -= this.tail.shift()!.length;
      }
    }
    return kept;
  }

  /** True once output went past the head window. */
  get overflowing(): boolean {
    return this.tailBytes > 0;
  }

  /** The capture, or undefined when nothing was written. */
  result(): CapturedOutput | undefined {
    if (this.total === 0) return undefined;
    const head = Buffer.concat(this.head).toString('utf8');
    const tailAll = Buffer.concat(this.tail);
    const tail = tailAll.subarray(Math.max(0, tailAll.length - this.keep));
    const dropped = this.total - this.headBytes - tail.length;
    if (dropped <= 0) return { text: head + tail.toString('utf8'), truncated: false, bytes: this.total };
    const marker = `\n[... ${dropped} bytes of output not kept: showing the first and last ${Math.round(this.keep / 1024)} KB ...]\n`;
    return { text: head + marker + tail.toString('utf8'), truncated: true, bytes: this.total };
  }
}
