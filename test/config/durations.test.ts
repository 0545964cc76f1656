import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDuration, parseDuration } from '../../src/config/durations.js';

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

describe('formatDuration', () => {
  const cases: [number, string][] = [
    [0, '0ms'],
    [-5, '0ms'],
    [50, '50ms'],
    [499.6, '500ms'],
    [999.4, '999ms'],
    [999.6, '1s'],
    [1_000, '1s'],
    [1_499, '1s'],
    [1_500, '2s'],
    [90_000, '1m30s'],
    [1_200_000, '20m'],
    [3_600_000, '1h'],
    [3_900_000, '1h5m'],
    [5_415_000, '1h30m15s'],
  ];
  for (const [ms, text] of cases) {
    test(`${ms} ms → ${text}`, () => assert.equal(formatDuration(ms), text));
  }

  test('what it writes, domains.yml reads back as the same duration', () => {
    for (const ms of [1, 500, 999, 1_000, 61_000, 1_200_000, 3_661_000, 86_400_000]) {
      assert.deepEqual(parseDuration(formatDuration(ms)), { ms });
    }
  });
});
