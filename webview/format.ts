/** Number formatting for display: the webview computes nothing beyond layout; these render numbers the Report holds. */

/** Seconds as "7.22 s", "38.1 ms", "412 µs". */
export function seconds(s: number): string {
  if (!Number.isFinite(s)) return '–';
  const a = Math.abs(s);
  if (a >= 100) return `${s.toFixed(0)} s`;
  if (a >= 1) return `${s.toFixed(2)} s`;
  if (a >= 1e-3) return `${(s * 1e3).toPrecision(3)} ms`;
  if (a >= 1e-6) return `${(s * 1e6).toPrecision(3)} µs`;
  return a === 0 ? '0 s' : `${(s * 1e9).toPrecision(3)} ns`;
}

/** A ratio such as a speedup: "1.90×". */
export function times(x: number): string {
  return Number.isFinite(x) ? `${x.toFixed(2)}×` : '–';
}

/** A fraction as a percentage: "95%". */
export function percent(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : '–';
}

/** A plain number with two decimals. */
export function fixed(x: number, digits = 2): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}

/** Bytes as "448 B", "12.3 KB". */
export function bytes(n: number): string {
  if (!Number.isFinite(n)) return '–';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * `date` in local time as YYYY-MM-DD HH:MM. Not toLocaleString: its first call loads the locale data, ~50 ms of a
 * cold panel's first paint.
 */
export function localDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'at an unknown time';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}
