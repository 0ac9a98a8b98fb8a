/** A Report whose every user string is hostile markup, a tag-closer or a bidi trick (from the sum_range fixture). */
import type { Report } from '../../src/contracts/report';

/** Strings that would run script or change markup if any of them reached innerHTML or closed a tag. */
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror="window.__pwned=\'img\'">',
  closer: '</script><script>window.__pwned="closer"</script>',
  // RIGHT-TO-LEFT OVERRIDE: would make "txt.exe" read as "exe.txt".
  bidi: 'evil\u202Etxt.exe\u2028line\u2029sep',
  comment: '<!--<script>window.__pwned="comment"</script>',
};

/** The hostile report. */
export function hostileReport(base: Report): Report {
  const r = structuredClone(base);
  const h = HOSTILE;
  r.target.function = h.script;
  r.target.file = `/tmp/${h.closer}/${h.bidi}.py`;
  r.target.args = `[${JSON.stringify(h.img)}, ${JSON.stringify(h.comment)}]`;
  r.environment.cpuModel = h.img;
  r.environment.version = h.bidi;
  r.classification.summary = h.script;
  r.classification.evidence = [h.img, h.closer, h.bidi];
  r.recommendation.headline = h.closer;
  r.recommendation.reasons = [h.script, h.comment];
  r.recommendation.snippet = `# ${h.closer}\nprint(${JSON.stringify(h.img)})\n`;
  // A hostile report is off-contract by definition: a code no engine writes.
  r.warnings = [{ code: '<b>code</b>' as Report['warnings'][number]['code'], message: h.img }];
  const failed = r.runs.find((x) => x.id === 'threads-4')!;
  failed.status = 'failed';
  failed.mechanism = h.script;
  failed.error = {
    type: h.script,
    message: h.img,
    traceback: `Traceback (most recent call last):\n  File "/tmp/${h.closer}.py", line 7, in ${h.script}\n    raise ValueError(${JSON.stringify(h.img)})\nValueError: ${h.bidi}`,
    taskIndex: 3,
    file: `/tmp/${h.closer}.py`,
    line: 7,
  };
  const skipped = r.runs.find((x) => x.status === 'skipped')!;
  skipped.reason = h.img;
  r.errors = [{ type: 'ValueError', message: h.comment, traceback: `  File "/home/dev/project/examples/sum_range.py", line 9, in sum_range\nValueError: ${h.bidi}` }];
  return r;
}
