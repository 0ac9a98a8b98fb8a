// `npm test`: checks prerequisites, lints, typechecks, runs the harness's Python suite, builds, then runs every
// suite (unit, conformance, integration, faults, webview in Chromium, e2e in a real VS Code) in one node:test run so
// there is one summary. A missing prerequisite fails with its name; nothing is
// skipped silently.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const missing = [];
const python = process.env.PP_PYTHON ?? 'python3';
const py = spawnSync(python, ['-c', 'import sys; print(sys.version_info[0])'], { encoding: 'utf8' });
if (py.status !== 0 || py.stdout.trim() !== '3') missing.push(`Python 3 as "${python}" (install python3, or set PP_PYTHON)`);
// The harness must run under PyPy too (Python 3.9 syntax): its unit tests run under both, and the interpreter
// comparison tests (test/integration/interpreters.test.ts) profile under "pypy3" next to CPython.
const pypy = process.env.PP_PYPY ?? 'pypy3';
const pp = spawnSync(pypy, ['-c', 'import sys; print(sys.implementation.name)'], { encoding: 'utf8' });
if (pp.status !== 0 || pp.stdout.trim() !== 'pypy') missing.push(`PyPy 3 as "${pypy}" (apt-get install pypy3, or set PP_PYPY)`);
// The dask strategy's tests run real clusters: Debian's python3-distributed gives Dask to /usr/bin/python3 only, and
// the second-host test builds a network namespace with iproute2.
const daskPython = process.env.PP_DASK_PYTHON ?? '/usr/bin/python3';
const dk = spawnSync(daskPython, ['-c', 'import distributed'], { encoding: 'utf8' });
if (dk.status !== 0) missing.push(`Dask for ${daskPython} (apt-get install python3-distributed, or set PP_DASK_PYTHON)`);
if (spawnSync('ip', ['-V']).status !== 0) missing.push('ip from iproute2 (apt-get install iproute2)');
if (!existsSync('/usr/bin/chromium')) missing.push('Chromium at /usr/bin/chromium (apt-get install chromium)');
const codeServer = process.env.PP_CODE_SERVER_CACHE ?? join(homedir(), '.cache/parallelism-profiler/code-server-4.100.3');
if (!existsSync(join(codeServer, 'node_modules/code-server/out/node/entry.js'))) {
  missing.push(`code-server 4.100.3 in ${codeServer} (run: bash scripts/setup-code-server.sh)`);
}
if (!existsSync('node_modules/.bin/tsx')) missing.push('node_modules (run: npm ci)');
if (missing.length) {
  console.error('error: npm test needs prerequisites that are missing:\n' + missing.map((m) => `  - ${m}`).join('\n'));
  process.exit(1);
}

const run = (cmd, args) => {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const only = process.argv.slice(2);
const ALL = ['lint', 'python', 'unit', 'conformance', 'integration', 'faults', 'webview', 'e2e'];
const chosen = only.length ? only : ALL;
for (const s of chosen) {
  if (!ALL.includes(s)) {
    console.error(`error: no test suite "${s}" (choose from ${ALL.join(', ')})`);
    process.exit(1);
  }
}
if (chosen.includes('lint')) run('npm', ['run', '-s', 'lint']);
run('npx', ['tsc', '--noEmit', '-p', '.']);
if (chosen.includes('python')) {
  // The harness's own unittest suite, under CPython and PyPy.
  for (const interpreter of [python, pypy]) {
    const r = spawnSync(interpreter, ['-m', 'unittest', 'discover', '-s', 'tests', '-t', '.'], { cwd: 'python', stdio: 'inherit' });
    console.log(`python suite under ${interpreter}: ${r.status === 0 ? 'passed' : 'FAILED'}`);
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
run('node', ['esbuild.mjs']);
const suites = chosen.filter((s) => s !== 'lint' && s !== 'python');
// One process at a time: integration tests measure real scaling on few cores, so suites must not compete for them.
// Node 20's --test takes no globs: list the files (sorted, so the order is the same everywhere).
const files = suites.flatMap((s) => {
  if (!existsSync(`test/${s}`)) {
    console.error(`error: test/${s} is missing`);
    process.exit(1);
  }
  return readdirSync(`test/${s}`, { recursive: true }).filter((f) => f.endsWith('.test.ts')).sort().map((f) => join('test', s, f));
});
if (files.length) run('node', ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files]);
