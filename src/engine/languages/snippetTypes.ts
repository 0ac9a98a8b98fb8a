/** The types every language's snippet writer shares. */
import type { Recommendation, Target } from '../../contracts/report';

/** What a snippet needs from the recommendation. */
export type SnippetChoice = Pick<Recommendation, 'strategy' | 'workers' | 'chunksize'> & Pick<Partial<Recommendation>, 'nativeThreads'>
  & { /** An existing cluster's scheduler the run used (cluster strategies). */ scheduler?: string };

/**
 * Where the snippet goes: 'script' is a file of its own beside the user's module (it imports the function);
 * 'inModule' is pasted into the module itself, below the function (no self-import).
 */
export type SnippetPlacement = 'script' | 'inModule';

/** Writes a snippet for one language. */
export type SnippetWriter = (choice: SnippetChoice, target: Target, placement?: SnippetPlacement) => string;
