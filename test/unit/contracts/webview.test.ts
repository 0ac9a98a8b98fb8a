/** The panel protocol's run-time guards: what each side accepts from the other, including the comparison messages. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareReports } from '../../../src/engine';
import { packReport } from '../../../src/contracts/packedReport';
import { isComparisonLike, isFromWebviewMessage, isToWebviewMessage } from '../../../src/contracts/webview';
import { recorded } from '../../support/reportVariants';

const comparison = compareReports(recorded(), recorded());

describe('messages to the webview', () => {
  test('a comparison carrying the engine\'s Comparison is accepted', () => {
    assert.equal(isToWebviewMessage({ type: 'comparison', comparison }), true);
    assert.equal(isComparisonLike(comparison), true);
  });

  test('a comparison without both reports, the best change or the rows is refused', () => {
    const bad = [
      undefined, 'x', {}, { ...comparison, baseline: undefined }, { ...comparison, best: null },
      { ...comparison, configurations: {} },
    ];
    for (const b of bad) {
      assert.equal(isToWebviewMessage({ type: 'comparison', comparison: b }), false, JSON.stringify(b)?.slice(0, 80));
    }
  });

  test('the report panel\'s messages still pass; unknown types and non-objects do not', () => {
    assert.equal(isToWebviewMessage({ type: 'report', report: packReport(recorded()) }), true);
    // The panel is always sent the packed form; a plain Report is another sender's.
    assert.equal(isToWebviewMessage({ type: 'report', report: recorded() }), false);
    assert.equal(isToWebviewMessage({ type: 'notice', level: 'info', text: 'ok' }), true);
    assert.equal(isToWebviewMessage({ type: 'compare' }), false);
    assert.equal(isToWebviewMessage(null), false);
  });
});

describe('messages from the webview', () => {
  test('opening one side of a comparison names the side: baseline or current', () => {
    assert.equal(isFromWebviewMessage({ type: 'openComparedReport', side: 'baseline' }), true);
    assert.equal(isFromWebviewMessage({ type: 'openComparedReport', side: 'current' }), true);
    for (const side of [undefined, 'before', 0, '../x']) {
      assert.equal(isFromWebviewMessage({ type: 'openComparedReport', side }), false, String(side));
    }
  });

  test('"Re-run with more repeats" carries nothing: the extension re-runs the report it holds', () => {
    assert.equal(isFromWebviewMessage({ type: 'rerunMoreRepeats' }), true);
    assert.equal(isFromWebviewMessage({ type: 'rerunMoreRepeat' }), false);
  });
});
