/** The snippet for a target's language: one writer per language, each framing the strategy module's own part. */
import type { Target } from '../../contracts/report';
import { jsSnippet } from './javascript/snippet';
import { pythonSnippet } from './python/snippet';
import type { SnippetChoice, SnippetPlacement, SnippetWriter } from './snippetTypes';

export type { SnippetChoice, SnippetPlacement, SnippetWriter } from './snippetTypes';

/** One snippet writer per language: JavaScript and TypeScript share the ES-module writer. */
export const SNIPPET_WRITERS: Record<Target['language'], SnippetWriter> = {
  python: pythonSnippet,
  javascript: jsSnippet,
  typescript: jsSnippet,
};

/** The snippet for the target's language. */
export function snippetFor(choice: SnippetChoice, target: Target, placement: SnippetPlacement = 'script'): string {
  return SNIPPET_WRITERS[target.language](choice, target, placement);
}
