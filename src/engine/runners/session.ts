import type { LoadCommand, LoadedEvent } from '../../contracts/runner';
import { PythonHarness, type HarnessOptions, type RunOutcome } from './driver';
import type { RunCommand } from '../../contracts/runner';

/**
 * A harness that comes back: after a run that hung, crashed or was stopped early the process group is gone, so the
 * session starts a fresh interpreter and reloads the module before the next run.
 */
export class HarnessSession {
  private harness: PythonHarness | null = null;
  private loadCmd: Omit<LoadCommand, 'cmd'> | null = null;
  /** Result of the first successful load. */
  loaded!: LoadedEvent;

  /** `onStart` hears every new harness pid (the sampler tracks it); `onWorkers` hears pool worker pids. */
  constructor(
    private readonly runtime: 'python' | 'node',
    private readonly python: string,
    private readonly loadTimeoutS: number,
    private readonly hooks: {
      log?: (l: string) => void; onStart?: (pid: number) => void; onWorkers?: (pids: number[]) => void;
      /** Passed to every harness this session starts: the memory ceiling and the one output capture they share. */
      memoryLimitMb?: number; output?: HarnessOptions['output'];
    },
  ) {}

  /** The current harness (starting one if needed). */
  async current(signal?: AbortSignal): Promise<PythonHarness> {
    if (this.harness && !this.harness.dead) return this.harness;
    const h = await PythonHarness.start({
      runtime: this.runtime, python: this.python, log: this.hooks.log, onWorkers: this.hooks.onWorkers,
      memoryLimitMb: this.hooks.memoryLimitMb, output: this.hooks.output,
    });
    this.harness = h;
    this.hooks.onStart?.(h.pid);
    if (this.loadCmd) this.loaded = await h.load(this.loadCmd, this.loadTimeoutS, signal);
    return h;
  }

  /** Load the user's module and arguments (InputError on the user's mistakes). */
  async load(cmd: Omit<LoadCommand, 'cmd'>, signal?: AbortSignal): Promise<LoadedEvent> {
    const h = await this.current(signal);
    this.loaded = await h.load(cmd, this.loadTimeoutS, signal);
    this.loadCmd = cmd;
    return this.loaded;
  }

  /** Run one configuration; the harness is replaced afterwards if the run killed it. */
  async run(cmd: Omit<RunCommand, 'cmd'>, timeoutS: number, signal?: AbortSignal): Promise<RunOutcome> {
    const h = await this.current(signal);
    const outcome = await h.run(cmd, timeoutS, signal);
    if (outcome.kind !== 'done' && outcome.kind !== 'error') {
      await h.kill();
      this.harness = null;
    }
    return outcome;
  }

  /** Stop for good. */
  async close(): Promise<void> {
    await this.harness?.close();
    this.harness = null;
  }
}
