/** The engine's public surface: the CLI, the extension and the tests use only this. No `vscode` here. */
export * from '../contracts/report';
export * from './request';
export { profile } from './profile/profile';
export { discoverFunctions } from './languages/discover';
export type { FunctionInfo } from './languages/discover';
