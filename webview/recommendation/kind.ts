/** Plain names for the classification's kinds, shared by the answer line and the verdict details. */
import type { Report } from '../../src/contracts/report';

/** What each classification kind is called on the page. */
export const KIND_LABEL: Record<Report['classification']['kind'], string> = {
  'cpu-bound': 'CPU-bound',
  'io-bound': 'I/O-bound',
  mixed: 'mixed CPU and waiting',
  'overhead-bound': 'overhead-bound',
};
