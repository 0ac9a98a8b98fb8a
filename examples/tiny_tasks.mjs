// Tasks so small that handing them to a worker costs more than doing them: the answer is serial.
//
//   parallelism-profiler profile examples/tiny_tasks.mjs:add_one --args "Array.from({length: 2000}, (_, i) => i)"

/** One addition: nanoseconds of work per task. */
export function add_one(x) {
  return x + 1;
}
