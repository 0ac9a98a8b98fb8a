/** The engine's public surface: the CLI, the extension and the tests use only this. No `vscode` here. */
export * from './model';
export * from './request';
export { profile } from './profile';
export { discoverFunctions } from './discover';
export type { FunctionInfo } from './discover';
