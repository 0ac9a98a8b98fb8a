/**
 * The JUnit file stays well-formed XML whatever a function or path is called, and the threshold parses as a percentage.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareReports } from '../../../src/engine/compare/compare';
import { parseSlowdown } from '../../../src/cli/gateArgs';
import { junitXml, xmlEscape } from '../../../src/cli/junit';
import { recorded, scaleWalls } from '../../support/reportVariants';

describe('junitXml', () => {
  test('escapes markup and drops the control characters XML cannot hold', () => {
    assert.equal(xmlEscape(`a<b>&"c"'d'\u0001\u001b[0m\tok`), 'a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;[0m\tok');
  });

  test('a hostile function name and path end up only as escaped text', () => {
    const base = recorded();
    const odd = { ...base, target: { ...base.target, function: 'f"><x', file: '/w/a&b.py' } };
    const xml = junitXml([compareReports(odd, scaleWalls(odd, 1.5))], 'base<1>.json', '/w');
    assert.match(xml, /<testcase classname="a&amp;b\.py" name="f&quot;&gt;&lt;x" time="[\d.]+">/);
    assert.doesNotMatch(xml, /<x|base<1>/);
    assert.equal(xml.match(/<failure /g)?.length, 1);
  });
});

describe('parseSlowdown', () => {
  test('reads percentages, with or without the sign; defaults to 10%', () => {
    assert.equal(parseSlowdown('10%'), 0.1);
    assert.equal(parseSlowdown('2.5'), 0.025);
    assert.equal(parseSlowdown('0%'), 0);
    assert.equal(parseSlowdown(undefined), 0.1);
  });

  test('refuses anything else by name', () => {
    for (const bad of ['-5%', 'ten', '10%%', '']) assert.throws(() => parseSlowdown(bad), /--max-slowdown must be a percentage such as 10%/, bad);
  });
});
