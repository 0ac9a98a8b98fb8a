/** Exports default to a folder outside the workspace: the last one used (remembered), else Downloads, else home. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultExportDir, openActionFor } from '../../../../src/extension/panel/exportLocation';

const dirs = (...existing: string[]) => (d: string) => existing.includes(d);

describe('export location', () => {
  test('the folder used last, while it still exists', () => {
    assert.equal(defaultExportDir({ lastUsed: '/data/reports', home: '/home/u', isDirectory: dirs('/data/reports') }), '/data/reports');
  });

  test('else Downloads, else home; never the profiled file\'s folder', () => {
    assert.equal(defaultExportDir({ lastUsed: '/gone', home: '/home/u', isDirectory: dirs('/home/u/Downloads') }), '/home/u/Downloads');
    assert.equal(defaultExportDir({ home: '/home/u', isDirectory: dirs() }), '/home/u');
    assert.equal(defaultExportDir({ lastUsed: 'relative/dir', home: '/home/u', isDirectory: () => true }), '/home/u/Downloads');
  });

  test('"Open" shows an HTML report in the browser, JSON and traces in the editor', () => {
    assert.deepEqual(['html', 'json', 'trace'].map((f) => openActionFor(f as 'html')), ['browser', 'editor', 'editor']);
  });
});
