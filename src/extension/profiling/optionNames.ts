/** How engine messages name a fix inside VS Code: the setting that changes it, not a CLI flag. */
import { SETTINGS, SETTINGS_SECTION } from '../../contracts/ids';
import type { OptionName, OptionNamer } from '../../engine';

const SETTING_OF: Record<OptionName, string> = {
  python: SETTINGS.pythonPath,
  budget: SETTINGS.budget,
  timeout: SETTINGS.timeout,
  memoryLimit: SETTINGS.memoryLimitMb,
  args: '',
  repeats: SETTINGS.repeats,
  workers: SETTINGS.workers,
  strategies: SETTINGS.strategies,
};

/** "the setting parallelismProfiler.budgetSeconds"; the task arguments are typed in the argument box, not a setting. */
export const SETTING_OPTIONS: OptionNamer = (option) => {
  if (option === 'args') return 'the task arguments (in the argument box)';
  if (option === 'python') return `the interpreter (the Python extension's selection, or the setting ${SETTINGS_SECTION}.${SETTING_OF.python})`;
  return `the setting ${SETTINGS_SECTION}.${SETTING_OF[option]}`;
};
