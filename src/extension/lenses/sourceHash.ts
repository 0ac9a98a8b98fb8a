/**
 * Hashes a function's source text so the history can flag a run whose function has changed since.
 * The extension hashes both at profile time and when comparing, the same way, so the check never depends on how
 * the harness hashes. Line endings and trailing whitespace are normalised: saving with CRLF is not a code change.
 */
import { createHash } from 'node:crypto';

/** sha256 (hex) of lines `line`..`endLine` (1-based, inclusive) of `text`. */
export function functionSourceHash(text: string, line: number, endLine: number): string {
  const lines = text.split(/\r\n|\r|\n/).slice(Math.max(0, line - 1), Math.max(line, endLine));
  return createHash('sha256').update(lines.map((l) => l.trimEnd()).join('\n')).digest('hex');
}
