/**
 * Which Python to run: the Python extension's active interpreter when ms-python.python is installed
 * (through @vscode/python-extension, bundled; not an extensionDependency), else the setting, else `python3`.
 */
import * as vscode from 'vscode';
import { PythonExtension } from '@vscode/python-extension';
import { SETTINGS, SETTINGS_SECTION } from '../../contracts/ids';

const PYTHON_EXTENSION_ID = 'ms-python.python';

/** An interpreter choice and where it came from (logged, so a wrong pick is easy to explain). */
export interface InterpreterChoice {
  path: string;
  source: 'python extension' | 'setting' | 'default';
}

/** The interpreter for profiling code in `resource`. */
export async function resolveInterpreter(
  resource: vscode.Uri | undefined, log?: vscode.LogOutputChannel,
): Promise<InterpreterChoice> {
  // In a restricted workspace, a workspace venv is code from that workspace; only user-level choices apply there.
  if (vscode.workspace.isTrusted && vscode.extensions.getExtension(PYTHON_EXTENSION_ID)) {
    try {
      const api = await PythonExtension.api();
      const active = api.environments.getActiveEnvironmentPath(resource);
      const env = await api.environments.resolveEnvironment(active);
      const exe = env?.executable.uri?.fsPath;
      if (exe) return { path: exe, source: 'python extension' };
      log?.info(`python extension gave no executable for ${active.path}; falling back`);
    } catch (err) {
      log?.warn(`python extension unavailable: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  // pythonPath is a restricted setting: in a restricted workspace VS Code returns only the user's value.
  const configured = vscode.workspace.getConfiguration(SETTINGS_SECTION, resource).get<string>(SETTINGS.pythonPath, '').trim();
  if (configured) return { path: configured, source: 'setting' };
  return { path: 'python3', source: 'default' };
}

/** The extraInterpreters setting for `resource` (restricted: only the user's value in an untrusted workspace). */
export function readExtraInterpreters(resource: vscode.Uri | undefined): string[] {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, resource);
  const raw = config.get<unknown>(SETTINGS.extraInterpreters, []);
  return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
}
