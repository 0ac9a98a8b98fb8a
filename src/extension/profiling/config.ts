/** Reads the extension's settings for a file; validation and the request shape live in profileSettings.ts. */
import * as vscode from 'vscode';
import { SETTINGS, SETTINGS_SECTION } from '../../contracts/ids';
import { settingsFromValues, type ProfileSettings } from './profileSettings';

/** Settings for a file (resource-scoped so a workspace folder can override them). */
export function readProfileSettings(scope?: vscode.Uri): ProfileSettings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  return settingsFromValues({
    strategies: c.get(SETTINGS.strategies),
    workers: c.get(SETTINGS.workers),
    tasks: c.get(SETTINGS.tasks),
    repeats: c.get(SETTINGS.repeats),
    budget: c.get(SETTINGS.budget),
    timeout: c.get(SETTINGS.timeout),
    samplerHz: c.get(SETTINGS.samplerHz),
    memoryLimitMb: c.get(SETTINGS.memoryLimitMb),
    scheduler: c.get(SETTINGS.daskScheduler),
    projectWorkers: c.get(SETTINGS.projectWorkers),
  });
}
