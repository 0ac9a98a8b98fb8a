// CPU-bound JavaScript: naive recursive Fibonacci. Node has no GIL, so worker threads and child processes both
// scale it across cores; the main thread alone (serial, or async on one event loop) cannot.
//
//   parallelism-profiler profile examples/fib.mjs:fib --args "[[30],[30],[30],[30]]"

/** The n-th Fibonacci number, computed the slow way on purpose (about 1.6^n calls). */
export function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
