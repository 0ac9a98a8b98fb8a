/**
 * Did the function return the same values under every interpreter? Different results are not an error (float
 * formatting, dict order, a library's version), but a user about to switch interpreter must hear about them.
 */
import type { ResultDigest, Warning } from '../../contracts/report';

/** One interpreter's digest of the warm-up's results. */
export interface DigestOf {
  id: string;
  digest: ResultDigest;
}

/** What the comparison found: a warning when values differ, and a sentence for the verdict either way. */
export interface ResultsComparison {
  warning?: Warning;
  sentence?: string;
}

/** Compares the digests of interpreters that hashed the same number of task results. */
export function compareResults(digests: readonly DigestOf[]): ResultsComparison {
  if (digests.length < 2) return {};
  const incomparable = digests.filter((d) => !d.digest.comparable).map((d) => d.id);
  const usable = digests.filter((d) => d.digest.comparable);
  const tasks = usable[0]?.digest.tasks;
  const same = usable.filter((d) => d.digest.tasks === tasks);
  const opaque = incomparable.length
    ? ` (${incomparable.join(', ')}: the results print as memory addresses, "<… at 0x…>", so they cannot be compared)`
    : '';
  if (same.length < 2) {
    return incomparable.length ? { sentence: `The return values could not be compared${opaque}.` } : {};
  }
  const groups = new Map<string, DigestOf[]>();
  for (const d of same) groups.set(d.digest.hash, [...(groups.get(d.digest.hash) ?? []), d]);
  const scope = `the first ${tasks} task${tasks === 1 ? '' : 's'} (the first run in each interpreter)`;
  if (groups.size === 1) {
    return { sentence: `Every interpreter returned the same values on ${scope}${opaque}.` };
  }
  const listed = [...groups.values()]
    .map((g) => `${g.map((d) => d.id).join(', ')} returned ${g[0].digest.preview}`)
    .join('; ');
  const message = `the return values differ between interpreters on ${scope} (first result: ${listed}). ` +
    'Different results are not an error, but check which is right before switching interpreter' + opaque;
  return { warning: { code: 'results-differ', message }, sentence: `${message[0].toUpperCase()}${message.slice(1)}.` };
}
