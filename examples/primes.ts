// CPU-bound TypeScript: count primes below a limit by trial division. The profiler transpiles it with esbuild on
// the fly (source maps kept, so an error points at a line of this file).
//
//   parallelism-profiler profile examples/primes.ts:countPrimes --args "[[300_000], [300_000], [300_000], [300_000]]"

/** Whether n is prime (trial division by odd numbers up to √n). */
function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

/** How many primes are below `limit`. */
export function countPrimes(limit: number): number {
  let count = 0;
  for (let n = 2; n < limit; n++) if (isPrime(n)) count++;
  return count;
}
