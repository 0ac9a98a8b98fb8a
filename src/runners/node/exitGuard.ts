/** Turns process.exit() by user code on the runner's main thread into an exception, so the runner survives it. */

/** Thrown in place of exiting; its name becomes the error type the report shows. */
export class ProcessExitError extends Error {
  /** code: what the user code passed to process.exit. */
  constructor(readonly code: unknown) {
    super(
      `process.exit(${code === undefined ? '' : String(code)}) was called; on the main thread the profiler turns it into ` +
        'this error so that it can report it (in a worker thread it ends the thread, in a child process the process)',
    );
    this.name = 'ProcessExit';
  }
}

/** Run `body` with process.exit replaced by a thrower; the original is always restored. */
export async function withExitGuard<T>(body: () => T | Promise<T>): Promise<T> {
  const original = process.exit;
  process.exit = ((code?: number) => {
    throw new ProcessExitError(code);
  }) as typeof process.exit;
  try {
    return await body();
  } finally {
    process.exit = original;
  }
}
