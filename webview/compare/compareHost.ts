/** What the comparison page can ask of the extension: open one side's report, and keep its state over a reload. */
import type { Comparison } from '../../src/contracts/comparison';
import type { ComparedSide } from '../../src/contracts/webview';
import type { VsCodeApi } from '../host';

/** The comparison page's actions. */
export interface CompareHost {
  openReport(side: ComparedSide): void;
  saveState(comparison: Comparison): void;
}

/** The actions as protocol messages to the extension. */
export function compareHost(api: VsCodeApi): CompareHost {
  return {
    openReport: (side) => api.postMessage({ type: 'openComparedReport', side }),
    saveState: (comparison) => api.setState({ version: 1, comparison }),
  };
}
