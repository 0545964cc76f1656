import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createStderrLogger, debugEnabled } from '../../src/cli/stderr-logger.js';

describe('createStderrLogger', () => {
  test('one line per message; debug only when enabled', () => {
    const lines: string[] = [];
    for (const debug of [false, true]) {
      const log = createStderrLogger({ debug, color: false, write: (text) => lines.push(text) });
      log.debug('d');
      log.info('i');
      log.warn('w');
      log.error('e');
    }
    assert.deepEqual(lines, ['i\n', 'warning: w\n', 'error: e\n', 'debug: d\n', 'i\n', 'warning: w\n', 'error: e\n']);
  });

  test('colour marks the labels only', () => {
    const lines: string[] = [];
    const log = createStderrLogger({ debug: false, color: true, write: (text) => lines.push(text) });
    log.error('boom');
    assert.deepEqual(lines, ['\u001b[31merror: \u001b[0mboom\n']);
  });
});

describe('debugEnabled', () => {
  const table: Array<[string | undefined, boolean]> = [
    [undefined, false],
    ['', false],
    ['0', false],
    ['false', false],
    ['1', true],
    ['true', true],
    ['yes', true],
  ];
  for (const [value, expected] of table) {
    test(`DOMAIN_SYNC_DEBUG=${String(value)} → ${expected}`, () => {
      assert.equal(debugEnabled({ DOMAIN_SYNC_DEBUG: value }), expected);
    });
  }
});
