import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Backoff } from '../../src/ssl/backoff.js';

describe('Backoff', () => {
  test('starts at the first delay and grows by the factor up to the cap', () => {
    const backoff = new Backoff({ initialMs: 10_000, factor: 1.5, maxMs: 30_000 });
    assert.deepEqual([1, 2, 3, 4, 5].map(() => backoff.next()), [10_000, 15_000, 22_500, 30_000, 30_000]);
  });

  test('each Backoff grows on its own', () => {
    const policy = { initialMs: 100, factor: 2, maxMs: 1_000 };
    const first = new Backoff(policy);
    first.next();
    first.next();
    assert.equal(new Backoff(policy).next(), 100);
    assert.equal(first.next(), 400);
  });
});
