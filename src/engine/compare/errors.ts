/**
 * Why two reports cannot be compared. Each is bad input (the CLI exits 2): the user must fix a file or a command
 * line, and no measurement would change the answer.
 */

/** What was wrong, for callers that react to one kind (a test, the extension's fallback). */
export type CompareInputCode =
  | 'missing'
  | 'unreadable'
  | 'corrupt'
  | 'not-a-report'
  | 'newer-schema'
  | 'different-function'
  | 'no-common-configuration';

/** Bad input to a comparison: a report file that cannot be used, or two reports that cannot be compared. */
export class CompareInputError extends Error {
  constructor(
    readonly code: CompareInputCode,
    message: string,
  ) {
    super(message);
    this.name = 'CompareInputError';
  }
}
