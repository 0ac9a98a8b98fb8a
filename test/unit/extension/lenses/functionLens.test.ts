/**
 * The code lenses: their wording as a pure function (lensTitles, lastVerdictsFor), and the provider itself with
 * the three vscode classes it uses replaced by tiny fakes (injected, no module mocking).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type * as vscode from 'vscode';
import type { FunctionInfo } from '../../../../src/engine/languages/discover';
import { FunctionLensProvider, lensCommand, type LensVscode } from '../../../../src/extension/lenses/functionLens';
import { lastVerdictsFor, lensTitles, UNTRUSTED_TITLE, type LastVerdict } from '../../../../src/extension/lenses/lensTitles';
import { functionSourceHash } from '../../../../src/extension/lenses/sourceHash';
import { COMMANDS } from '../../../../src/contracts/ids';

const NOW = Date.UTC(2025, 0, 1, 12, 0);
const fns: FunctionInfo[] = [
  { name: 'sum_range', line: 10, endLine: 15, params: ['start', 'stop'], isAsync: false },
  { name: 'fetch', line: 20, endLine: 24, params: [], isAsync: true },
];
const verdict = (over: Partial<LastVerdict['summary']> = {}, minutesAgo = 3, extra: Partial<LastVerdict> = {}): LastVerdict => ({
  id: 'e1',
  createdAt: new Date(NOW - minutesAgo * 60_000).toISOString(),
  summary: { strategy: 'processes', workers: 2, expectedSpeedup: 1.9, cancelled: false, headline: 'processes, 2 workers', ...over },
  ...extra,
});

describe('lensTitles', () => {
  test('one "Profile parallelism" lens per function before any run', () => {
    const lenses = lensTitles(fns, new Map(), true, NOW);
    assert.deepEqual(lenses.map((l) => [l.line, l.title, l.action.kind]), [
      [10, 'Profile parallelism', 'profile'],
      [20, 'Profile parallelism', 'profile'],
    ]);
  });

  test('the last verdict follows, e.g. "processes ×2 → 1.9× faster (3 min ago)", and opens that report', () => {
    const lenses = lensTitles(fns, new Map([['sum_range', verdict()]]), true, NOW);
    assert.equal(lenses.length, 3);
    assert.equal(lenses[1]!.title, 'processes ×2 → 1.9× faster (3 min ago)');
    assert.deepEqual(lenses[1]!.action, { kind: 'openReport', entryId: 'e1' });
    assert.equal(lenses[1]!.line, 10);
  });

  test('a comparison of interpreters puts the winning interpreter in the title', () => {
    const title = (v: LastVerdict): string => lensTitles([fns[0]!], new Map([['sum_range', v]]), true, NOW)[1]!.title;
    const pypy = verdict({ strategy: 'serial', workers: 1, expectedSpeedup: 8.4, recommendedInterpreter: 'pypy3' });
    assert.equal(title(pypy), 'pypy3 serial → 8.4× faster (3 min ago)');
  });

  test('serial verdicts, partial runs, changed sources and old runs read naturally', () => {
    const title = (v: LastVerdict): string => lensTitles([fns[0]!], new Map([['sum_range', v]]), true, NOW)[1]!.title;
    assert.equal(title(verdict({ strategy: 'serial', workers: 1, expectedSpeedup: 1 })), 'serial is fastest (3 min ago)');
    assert.equal(title(verdict({ cancelled: true }, 0)), 'processes ×2 → 1.9× faster (just now, partial)');
    assert.equal(title(verdict({}, 180, { stale: true })), 'processes ×2 → 1.9× faster (3 h ago, source changed)');
    assert.equal(title(verdict({ strategy: 'threads', workers: 8, expectedSpeedup: 12.4 }, 60 * 24 * 3)), 'threads ×8 → 12× faster (3 d ago)');
  });

  test('in a restricted workspace the lens says trust is required and offers to manage it', () => {
    const lenses = lensTitles(fns, new Map([['fetch', verdict()]]), false, NOW);
    assert.equal(lenses[0]!.title, 'Profile parallelism (requires a trusted workspace)');
    assert.equal(lenses[0]!.title, UNTRUSTED_TITLE);
    assert.deepEqual(lenses[0]!.action, { kind: 'manageTrust' });
    // The history is still worth showing: it ran nothing.
    assert.equal(lenses.length, 3);
  });
});

describe('lenses above private helpers', () => {
  const withPrivate: FunctionInfo[] = [
    { name: '_serve', line: 1, endLine: 8, params: ['sock'], isAsync: false },
    { name: 'handle', line: 10, endLine: 12, params: ['request'], isAsync: false },
    { name: '__init_pool', line: 14, endLine: 16, params: [], isAsync: false },
  ];

  test('underscore functions get no lens by default (an endless accept loop is no workload)', () => {
    assert.deepEqual(lensTitles(withPrivate, new Map(), true, NOW).map((l) => l.functionName), ['handle']);
    assert.deepEqual(lensTitles(withPrivate, new Map(), false, NOW).map((l) => l.functionName), ['handle'], 'nor when untrusted');
  });

  test('the includePrivate setting brings them back', () => {
    const names = lensTitles(withPrivate, new Map(), true, NOW, { includePrivate: true }).map((l) => l.functionName);
    assert.deepEqual(names, ['_serve', 'handle', '__init_pool']);
  });

  test('a private function the user profiled anyway keeps its lenses and its verdict', () => {
    const lenses = lensTitles(withPrivate, new Map([['_serve', verdict()]]), true, NOW);
    assert.deepEqual(lenses.map((l) => [l.functionName, l.action.kind]), [['_serve', 'profile'], ['_serve', 'openReport'], ['handle', 'profile']]);
  });

  test('the provider reads the setting on every request', async () => {
    let include = false;
    const p = new FunctionLensProvider(fakeVscode, {
      functions: async () => withPrivate, lastVerdicts: async () => new Map(),
      isTrusted: () => true, enabled: () => true, includePrivate: () => include, now: () => NOW,
    }, 0);
    assert.equal((await p.provideCodeLenses(doc, asToken(token()))).length, 1);
    include = true;
    assert.equal((await p.provideCodeLenses(doc, asToken(token()))).length, 3);
  });
});

describe('lastVerdictsFor', () => {
  const text = ['', 'def a(x):', '    return x', '', 'def b():', '    pass', ''].join('\n');
  const found: FunctionInfo[] = [
    { name: 'a', line: 2, endLine: 3, params: ['x'], isAsync: false },
    { name: 'b', line: 5, endLine: 6, params: [], isAsync: false },
  ];
  const entry = (id: string, sourceHash: string) => ({
    id, createdAt: new Date(NOW).toISOString(), sourceHash, summary: verdict().summary as never,
  });

  test('marks a verdict stale only when the function now hashes differently', () => {
    const latest = new Map([
      ['a', entry('ea', functionSourceHash(text, 2, 3))],
      ['b', entry('eb', 'old-hash')],
      ['gone', entry('eg', 'x')],
    ]);
    const v = lastVerdictsFor(latest, found, text);
    assert.equal(v.get('a')!.stale, false);
    assert.equal(v.get('b')!.stale, true);
    assert.equal(v.has('gone'), false, 'functions no longer in the file get no lens');
  });

  test('makes no staleness claim when the source is unknown (restricted workspace) or the hash was never recorded', () => {
    const latest = new Map([['a', entry('ea', 'whatever')], ['b', entry('eb', '')]]);
    assert.equal(lastVerdictsFor(latest, found, undefined).get('a')!.stale, false);
    assert.equal(lastVerdictsFor(latest, found, text).get('b')!.stale, false);
  });

  test('the source hash ignores line endings and trailing spaces, not code', () => {
    const crlf = text.replace(/\n/g, '\r\n').replace('return x', 'return x   ');
    assert.equal(functionSourceHash(crlf, 2, 3), functionSourceHash(text, 2, 3));
    assert.notEqual(functionSourceHash(text.replace('return x', 'return x + 1'), 2, 3), functionSourceHash(text, 2, 3));
  });
});

// --- the provider, with the three vscode classes it needs faked ---

class FakeRange {
  constructor(
    readonly startLine: number, readonly startCharacter: number,
    readonly endLine: number, readonly endCharacter: number,
  ) {}
}
class FakeCodeLens {
  constructor(readonly range: FakeRange, readonly command?: vscode.Command) {}
}
class FakeEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  disposed = false;
  readonly event = (l: (e: T) => void) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e: T): void {
    this.listeners.forEach((l) => l(e));
  }
  dispose(): void {
    this.disposed = true;
  }
}
const fakeVscode = { CodeLens: FakeCodeLens, Range: FakeRange, EventEmitter: FakeEmitter } as unknown as LensVscode;

class FakeToken {
  isCancellationRequested = false;
  private listeners: (() => void)[] = [];
  onCancellationRequested = (l: () => void) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  cancel(): void {
    this.isCancellationRequested = true;
    this.listeners.forEach((l) => l());
  }
}
const token = (): FakeToken => new FakeToken();
const asToken = (t: FakeToken) => t as unknown as vscode.CancellationToken;
const uri = { fsPath: '/w/sum_range.py', toString: () => 'file:///w/sum_range.py' } as unknown as vscode.Uri;
const doc = { uri, getText: () => '' } as unknown as vscode.TextDocument;

function provider(
  over: { trusted?: boolean; enabled?: boolean; verdicts?: Map<string, LastVerdict> } = {}, debounce = 0,
) {
  const calls = { functions: 0 };
  const p = new FunctionLensProvider(
    fakeVscode,
    {
      functions: async () => {
        calls.functions++;
        return fns;
      },
      lastVerdicts: async () => over.verdicts ?? new Map(),
      isTrusted: () => over.trusted ?? true,
      enabled: () => over.enabled ?? true,
      now: () => NOW,
    },
    debounce,
  );
  return { p, calls };
}

describe('FunctionLensProvider', () => {
  test('puts each lens on its function line (0-based) and passes the uri and function name to the command', async () => {
    const { p } = provider({ verdicts: new Map([['fetch', verdict()]]) });
    const lenses = (await p.provideCodeLenses(doc, asToken(token()))) as unknown as FakeCodeLens[];
    assert.deepEqual(lenses.map((l) => [l.range.startLine, l.command!.title]), [
      [9, 'Profile parallelism'],
      [19, 'Profile parallelism'],
      [19, 'processes ×2 → 1.9× faster (3 min ago)'],
    ]);
    assert.equal(lenses[0]!.command!.command, COMMANDS.profile);
    assert.deepEqual(lenses[0]!.command!.arguments, [uri, 'sum_range']);
    assert.equal(lenses[2]!.command!.command, COMMANDS.openReport);
    assert.deepEqual(lenses[2]!.command!.arguments, ['e1']);
  });

  test('untrusted: the lens runs workbench.trust.manage and nothing else', async () => {
    const { p } = provider({ trusted: false });
    const lenses = (await p.provideCodeLenses(doc, asToken(token()))) as unknown as FakeCodeLens[];
    assert.ok(lenses.every((l) => l.command!.command === 'workbench.trust.manage'));
    assert.ok(lenses.every((l) => /requires a trusted workspace/.test(l.command!.title)));
  });

  test('disabled by the setting: no lenses and no discovery', async () => {
    const { p, calls } = provider({ enabled: false });
    assert.deepEqual(await p.provideCodeLenses(doc, asToken(token())), []);
    assert.equal(calls.functions, 0);
  });

  test('debounces: a request cancelled by a newer edit never starts discovery', async () => {
    const { p, calls } = provider({}, 50);
    const t = token();
    const pending = p.provideCodeLenses(doc, asToken(t));
    t.cancel();
    assert.deepEqual(await pending, []);
    assert.equal(calls.functions, 0);
    const done = (await p.provideCodeLenses(doc, asToken(token()))) as unknown[];
    assert.equal(done.length, 2);
    assert.equal(calls.functions, 1);
  });

  test('refresh() fires onDidChangeCodeLenses; dispose frees the emitter', () => {
    const { p } = provider();
    let fired = 0;
    p.onDidChangeCodeLenses(() => fired++);
    p.refresh();
    p.refresh();
    assert.equal(fired, 2);
    p.dispose();
    assert.equal((p as unknown as { changed: FakeEmitter<void> }).changed.disposed, true);
  });

  test('lensCommand maps every action', () => {
    const base = { line: 1, functionName: 'f', title: 't', tooltip: 'tt' };
    assert.equal(lensCommand({ ...base, action: { kind: 'profile' } }, uri).command, COMMANDS.profile);
    assert.equal(lensCommand({ ...base, action: { kind: 'openReport', entryId: 'x' } }, uri).command, COMMANDS.openReport);
    assert.equal(lensCommand({ ...base, action: { kind: 'manageTrust' } }, uri).command, 'workbench.trust.manage');
  });
});
