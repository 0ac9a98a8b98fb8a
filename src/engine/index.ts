/** The engine's public surface: the CLI, the extension and the tests use only this. No `vscode` here. */
export * from '../contracts/report';
export * from './request';
export { profile } from './profile/profile';
export { discoverFunctions } from './languages/discover';
export type { FunctionInfo } from './languages/discover';
export { assertSameFunction, bestRun, compareBest, compareReports, DEFAULT_GATE } from './compare/compare';
export type { BestChange, BestVerdict, Comparison, GateFailure, GateOptions } from './compare/compare';
export { compareConfigurations, configKey, isMeasured, sampleCount } from './compare/configurations';
export type { ConfigChange, ConfigVerdict } from './compare/configurations';
export { differenceNotes, reportDifferences, type Difference } from './compare/differences';
export { CompareInputError, type CompareInputCode } from './compare/errors';
export { parseReport, readReportFile } from './compare/loadReport';
