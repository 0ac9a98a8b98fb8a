// The JavaScript twin of sum_range.py, as a CommonJS module: CPU-bound integer adding.
// Python's GIL keeps its threads on one core; Node's worker threads each have their own isolate and run side by side.
//
//   parallelism-profiler profile examples/sum_range.js:sum_range \
//       --args "Array.from({length: 8}, (_, i) => [i * 25e6, (i + 1) * 25e6])"

/** Add up start..stop-1 one number at a time (a plain loop: what the profiler measures is the loop). */
function sum_range(start, stop) {
  let total = 0;
  for (let i = start; i < stop; i++) total += i;
  return total;
}

module.exports = { sum_range };
