import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDuration } from '../../src/config/durations.js';

describe('parseDuration', () => {
  const valid: [string | number, number][] = [
    ['20m', 1_200_000],
    ['90s', 90_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1h30m15s', 5_415_000],
    ['2m30s', 150_000],
    [' 5M ', 300_000],
    [90, 90_000],
    [0.5, 500],
    ['90', 90_000],
    ['500ms', 500],
    ['1s500ms', 1_500],
  ];
  for (const [value, ms] of valid) {
    test(`${JSON.stringify(value)} → ${ms} ms`, () => assert.deepEqual(parseDuration(value), { ms }));
  }

  const invalid: (string | number)[] = ['', '20 minutes', '1d', 'm', '30m1h', '-5s', '0s', 0, -1, '1.5h', '0ms', '500msx', Number.POSITIVE_INFINITY];
  for (const value of invalid) {
    test(`rejects ${JSON.stringify(value)}`, () => assert.ok('error' in parseDuration(value)));
  }
});
