// The strategy catalogue: one module per strategy, registered once; applicability is decided here and nowhere else.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  allStrategies, BASELINE, defaultStrategies, isStrategyName, strategiesFor, strategy, strategyNames, whyNot,
} from '../../../../src/engine/strategies/catalogue';
import type { ApplicabilityFacts } from '../../../../src/engine/strategies/strategy';
import { ROOT } from '../../../support/cli';

describe('what applies', () => {
  const base: ApplicabilityFacts = { runtime: 'python', isCoroutine: false, picklable: { ok: true }, hasInterpreterPool: false, version: '3.11.7' };
  const notApplicable = (name: Parameters<typeof whyNot>[0], facts: ApplicabilityFacts) => whyNot(name, facts);
  it('async needs a coroutine function; processes needs pickling; interpreters need 3.14', () => {
    assert.match(notApplicable('async', base) ?? '', /not a coroutine function/);
    assert.equal(notApplicable('async', { ...base, isCoroutine: true }), null);
    assert.match(notApplicable('processes', { ...base, picklable: { ok: false, reason: 'lambda' } }) ?? '', /cannot be pickled: lambda/);
    assert.match(notApplicable('interpreters', base) ?? '', /3\.14\+ \(this is 3\.11\.7\)/);
    assert.equal(notApplicable('interpreters', { ...base, hasInterpreterPool: true }), null);
    assert.equal(notApplicable('threads', base), null);
  });

  it('JavaScript: workers need structured-cloneable arguments, and Python-only strategies say why they do not exist', () => {
    const js: ApplicabilityFacts = { ...base, runtime: 'javascript' };
    assert.match(whyNot('threads', { ...js, picklable: { ok: false, reason: 'a function' } }) ?? '', /structured-cloned to a worker: a function/);
    assert.match(whyNot('interpreters', js) ?? '', /not available for JavaScript/);
    assert.match(whyNot('dask', js) ?? '', /not available for JavaScript/);
    assert.deepEqual(strategiesFor('javascript'), ['serial', 'threads', 'processes', 'async']);
  });
});

describe('the registry', () => {
  it('has exactly one baseline, and it comes first in report order', () => {
    assert.equal(allStrategies().filter((s) => s.traits.baseline).length, 1);
    assert.equal(strategyNames()[0], BASELINE);
    assert.ok(defaultStrategies().includes(BASELINE));
  });

  it('knows every name the Report contract allows, and refuses others', () => {
    for (const name of strategyNames()) assert.equal(strategy(name).name, name);
    assert.equal(isStrategyName('threads'), true);
    assert.equal(isStrategyName('fibers'), false);
  });

  it('every strategy that runs on a runtime writes a snippet for it, or falls back to the baseline loop', () => {
    for (const s of allStrategies()) {
      for (const runtime of s.runtimes) {
        const writer = s.snippets[runtime] ?? strategy(BASELINE).snippets[runtime];
        assert.ok(writer, `${s.name} on ${runtime}`);
      }
    }
  });

  it('no engine module outside strategies/ names a strategy (each name lives in its own module and the registry)', () => {
    const engine = join(ROOT, 'src', 'engine');
    // The JavaScript scanner reads the `async` keyword, which merely shares the strategy's name.
    const keyword = /\.value === 'async'|'async'(?=,)|'async', 'module'/g;
    const offenders: string[] = [];
    for (const rel of readdirSync(engine, { recursive: true }) as string[]) {
      if (!rel.endsWith('.ts') || rel.startsWith('strategies')) continue;
      const code = readFileSync(join(engine, rel), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').replace(keyword, '');
      for (const name of strategyNames()) if (code.includes(`'${name}'`)) offenders.push(`${rel}: '${name}'`);
    }
    assert.deepEqual(offenders, []);
  });
});
