/** Answers one command line with events; holds the loaded target between commands. */
import type { FunctionsEvent, HarnessCommand } from '../../contracts/runner';
import { readFileSync } from 'node:fs';
import { scanJsFunctions } from '../../engine/languages/javascript/functions';
import { JsSyntaxError } from '../../engine/languages/javascript/tokens';
import { send } from './protocol';
import { RunnerFailure, describeError } from './errors';
import { runCommand } from './runner';
import { loadTarget, loadedEvent, type Target } from './loader';

let target: Target | null = null;

function discover(file: string): FunctionsEvent {
  try {
    return { type: 'functions', file, functions: scanJsFunctions(readFileSync(file, 'utf8')).exported };
  } catch (e) {
    if (e instanceof JsSyntaxError) {
      return { type: 'functions', file, functions: [], error: { type: 'SyntaxError', message: e.message, line: e.line } };
    }
    throw new RunnerFailure('input', { type: 'FileNotFound', message: `cannot read ${file}: ${(e as Error).message}` });
  }
}

/** Handle one command line; false when the driver asked to exit. */
export async function handleLine(line: string): Promise<boolean> {
  let cmd: HarnessCommand;
  try {
    cmd = JSON.parse(line) as HarnessCommand;
    if (typeof cmd !== 'object' || cmd === null) throw new Error('a command must be a JSON object');
  } catch (e) {
    const error = { type: 'BadCommand', message: `unreadable command: ${(e as Error).message}` };
    send({ type: 'error', id: 'protocol', kind: 'internal', error });
    return true;
  }
  const id = cmd.cmd === 'run' ? String(cmd.id) : String(cmd.cmd);
  try {
    switch (cmd.cmd) {
      case 'exit':
        return false;
      case 'load':
        target = null; // a failed load must not leave the previous function runnable
        target = await loadTarget(cmd.file, cmd.function, cmd.args, cmd.tasks ?? 8);
        send(loadedEvent(target));
        break;
      case 'run':
        if (!target) throw new RunnerFailure('internal', { type: 'NotLoaded', message: 'run before a successful load' });
        send(await runCommand(target, cmd, (pids) => send({ type: 'workers', id, pids })));
        break;
      case 'discover':
        send(discover(cmd.file));
        break;
      default:
        throw new RunnerFailure('internal', { type: 'BadCommand', message: `unknown command ${JSON.stringify((cmd as { cmd: unknown }).cmd)}` });
    }
  } catch (e) {
    if (e instanceof RunnerFailure) send({ type: 'error', id, kind: e.kind, error: e.error });
    else send({ type: 'error', id, kind: 'internal', error: describeError(e) }); // a runner bug: report it, keep serving
  }
  return true;
}
