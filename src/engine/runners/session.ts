import type { LoadCommand, LoadedEvent, RunCommand } from '../../contracts/runner';
import { RunnerProcess, type DriverOptions, type RunOutcome } from './driver';
import type { RunnerSpec } from './runnerSpec';

/** How the log line begins that says a fresh runner replaced one a run stopped. */
export const RESTARTED_LOG = 'runner restarted';

/**
 * A runner that comes back: after a run that hung, crashed or was stopped early the process group is gone, so the
 * session starts a fresh runner from the same spec and reloads the module before the next run.
 */
export class RunnerSession {
  private runner: RunnerProcess | null = null;
  private loadCmd: Omit<LoadCommand, 'cmd'> | null = null;
  /** Result of the first successful load. */
  loaded!: LoadedEvent;

  /** `onStart` hears every new runner pid (the sampler tracks it); `onWorkers` hears pool worker pids. */
  constructor(
    readonly spec: RunnerSpec,
    private readonly loadTimeoutS: number,
    private readonly hooks: DriverOptions & { onStart?: (pid: number) => void },
  ) {}

  /** The current runner (starting one if needed). */
  async current(signal?: AbortSignal): Promise<RunnerProcess> {
    if (this.runner && !this.runner.dead) return this.runner;
    const began = performance.now();
    const r = await RunnerProcess.start(this.spec, this.hooks);
    this.runner = r;
    this.hooks.onStart?.(r.pid);
    if (this.loadCmd) {
      this.loaded = await r.load(this.loadCmd, this.loadTimeoutS, signal);
      // The next run's clock (its timeout included) starts after this, so a log reader can tell the two apart.
      this.hooks.log?.(`${RESTARTED_LOG} (pid ${r.pid}): started and reloaded the module in ${Math.round(performance.now() - began)} ms`);
    }
    return r;
  }

  /** Load the user's module and arguments (InputError on the user's mistakes). */
  async load(cmd: Omit<LoadCommand, 'cmd'>, signal?: AbortSignal): Promise<LoadedEvent> {
    const r = await this.current(signal);
    this.loaded = await r.load(cmd, this.loadTimeoutS, signal);
    this.loadCmd = cmd;
    return this.loaded;
  }

  /** Run one configuration; the runner is replaced afterwards if the run killed it. */
  async run(cmd: Omit<RunCommand, 'cmd'>, timeoutS: number, signal?: AbortSignal): Promise<RunOutcome> {
    const r = await this.current(signal);
    const outcome = await r.run(cmd, timeoutS, signal);
    if (outcome.kind !== 'done' && outcome.kind !== 'error') {
      await r.kill();
      this.runner = null;
    }
    return outcome;
  }

  /** Stop for good. */
  async close(): Promise<void> {
    await this.runner?.close();
    this.runner = null;
  }
}
