// Lint: typescript-eslint's recommended rules, readable lines, and the import rules that hold the architecture's
// boundaries (ARCHITECTURE.md): the webview draws a Report and imports only the contracts; the CLI and the extension
// reach the engine only through its index (or profiling.ts, the part the extension loads on first use); the engine
// imports no runner and no `vscode`; contracts import nothing.
import stylistic from '@stylistic/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Restricted-import patterns, each with the reason the rule message gives. */
const onlyContracts = {
  group: ['../src/*', '!../src/contracts', '../src/**/!(contracts)/**', '../../src/*', '!../../src/contracts', '../../src/**/!(contracts)/**'],
  message: 'The webview only draws a Report: import from src/contracts/ only.',
};
const engineThroughIndex = {
  group: ['**/engine/*', '!**/engine/index', '!**/engine/profiling', '**/engine/*/**'],
  message: 'The CLI and the extension use the engine only through src/engine/index.ts (and profiling.ts, its measuring part, which the extension loads lazily).',
};
const noRunner = {
  group: ['**/runners/node/**', '**/runners/node'],
  message: 'The engine starts runners as processes (src/engine/runners/); it never imports one.',
};
const noVscode = { name: 'vscode', message: 'Only src/extension/ talks to VS Code.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'test-results/**', 'examples/**', 'test/fixtures/**', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    plugins: { '@stylistic': stylistic },
    rules: {
      // Every line keeps to 120 characters; strings, template literals, URLs and regexes may run past it.
      '@stylistic/max-len': ['error', {
        code: 120, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true,
      }],
      // Spreading a data-sized array into arguments overflows the stack past ~10^5 elements
      // (a real crash at 200k tasks).
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min)$/] > SpreadElement",
        message: 'Math.max/min(...array) overflows the stack on large arrays: reduce or loop instead.',
      }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Tests spread small fixed arrays and build deliberately malformed objects.
    files: ['test/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['webview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [onlyContracts, { group: ['node:*'], message: 'The webview runs in a browser.' }] }] },
  },
  {
    files: ['src/cli/**/*.ts', 'src/extension/**/*.ts', 'src/exporters/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [engineThroughIndex, noRunner] }] },
  },
  {
    files: ['src/cli/**/*.ts', 'src/exporters/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns: [engineThroughIndex, noRunner] }] },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        patterns: [noRunner, { group: ['**/extension/**', '**/cli/**', '**/webview/**'], message: 'The engine serves the front ends; it imports none.' }],
      }],
    },
  },
  {
    files: ['src/runners/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noVscode],
        // The JavaScript scanner is pure (no I/O, no engine state): the runner finds exported functions with it too.
        // So is the task aggregation of large runs: one definition of the aggregates for the runner and the engine.
        patterns: [{
          group: ['**/engine/*', '!**/engine/languages', '!**/engine/report', '**/engine/!(languages)/**',
            '**/engine/report/*', '!**/engine/report/taskStats', '**/engine/languages/!(javascript|functionInfo)*',
            '**/extension/**', '**/cli/**'],
          message: 'A runner speaks the protocol (src/contracts/runner.ts) and imports no engine code but the JavaScript scanner and the task aggregation.',
        }],
      }],
    },
  },
  {
    files: ['src/contracts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../*', '!./*'], message: 'Contracts are types only and import only each other.' }] }] },
  },
);
