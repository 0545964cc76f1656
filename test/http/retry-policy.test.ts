import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  backoffDelay,
  defaultRetryPolicy,
  isIdempotent,
  mayHaveActed,
  parseRetryAfter,
  retryDelay,
  type RetryPolicy,
} from '../../src/http/retry-policy.js';

const now = Date.UTC(2025, 0, 1, 12, 0, 0);

function policy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 30_000, random: () => 0.5, ...overrides };
}

describe('isIdempotent', () => {
  test('GET, PUT and DELETE are, POST and PATCH are not', () => {
    assert.deepEqual(
      (['GET', 'PUT', 'DELETE', 'POST', 'PATCH'] as const).map((method) => isIdempotent({ method })),
      [true, true, true, false, false],
    );
  });

  test('an explicit flag wins over the method', () => {
    assert.equal(isIdempotent({ method: 'POST', idempotent: true }), true);
    assert.equal(isIdempotent({ method: 'PUT', idempotent: false }), false);
  });
});

describe('backoffDelay', () => {
  test('doubles its ceiling per attempt and scales it by the random draw', () => {
    assert.deepEqual([1, 2, 3, 4].map((attempts) => backoffDelay(attempts, policy())), [50, 100, 200, 400]);
  });

  test('never exceeds the maximum delay', () => {
    assert.equal(backoffDelay(10, policy({ random: () => 0.999 })), 999);
  });

  test('full jitter may wait nothing at all', () => {
    assert.equal(backoffDelay(3, policy({ random: () => 0 })), 0);
  });
});

describe('retryDelay', () => {
  test('retries the transient statuses of an idempotent request', () => {
    for (const status of [429, 500, 502, 503, 504]) {
      assert.equal(retryDelay({ kind: 'status', status }, 1, true, policy(), now), 50, `status ${status}`);
    }
  });

  test('does not retry other statuses', () => {
    for (const status of [400, 401, 403, 404, 409, 422, 501]) {
      assert.equal(retryDelay({ kind: 'status', status }, 1, true, policy(), now), undefined, `status ${status}`);
    }
  });

  test('retries network failures of an idempotent request', () => {
    assert.equal(retryDelay({ kind: 'not-sent' }, 2, true, policy(), now), 100);
    assert.equal(retryDelay({ kind: 'answer-lost' }, 2, true, policy(), now), 100);
  });

  test('never retries a request that is not idempotent after a 5xx or a network failure', () => {
    for (const status of [500, 502, 503, 504]) {
      assert.equal(retryDelay({ kind: 'status', status, retryAfter: '1' }, 1, false, policy(), now), undefined, `status ${status}`);
    }
    assert.equal(retryDelay({ kind: 'not-sent' }, 1, false, policy(), now), undefined);
    assert.equal(retryDelay({ kind: 'answer-lost' }, 1, false, policy(), now), undefined);
  });

  test('retries a 429 whatever the method: the request was turned away unprocessed', () => {
    assert.equal(retryDelay({ kind: 'status', status: 429, retryAfter: '3' }, 1, false, policy(), now), 3000);
    assert.equal(retryDelay({ kind: 'status', status: 429 }, 2, false, policy(), now), 100);
    assert.equal(retryDelay({ kind: 'status', status: 429 }, 4, false, policy({ maxAttempts: 4 }), now), undefined);
  });

  test('stops at the attempt limit', () => {
    const failure = { kind: 'status', status: 503 } as const;
    assert.equal(retryDelay(failure, 3, true, policy({ maxAttempts: 4 }), now), 200);
    assert.equal(retryDelay(failure, 4, true, policy({ maxAttempts: 4 }), now), undefined);
    assert.equal(retryDelay(failure, 1, true, policy({ maxAttempts: 1 }), now), undefined);
  });

  test('follows Retry-After instead of the backoff, up to its cap', () => {
    assert.equal(retryDelay({ kind: 'status', status: 429, retryAfter: '7' }, 1, true, policy(), now), 7000);
    assert.equal(retryDelay({ kind: 'status', status: 503, retryAfter: '3600' }, 1, true, policy(), now), 30_000);
  });

  test('falls back to the backoff when Retry-After cannot be read', () => {
    assert.equal(retryDelay({ kind: 'status', status: 429, retryAfter: 'soon' }, 1, true, policy(), now), 50);
  });
});

describe('parseRetryAfter', () => {
  test('reads delay seconds', () => {
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter('1.5', now), 1500);
  });

  test('reads an HTTP date relative to now', () => {
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 12:00:30 GMT', now), 30_000);
  });

  test('a date in the past means now', () => {
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 11:00:00 GMT', now), 0);
  });

  test('rejects anything else', () => {
    assert.equal(parseRetryAfter('-5', now), undefined);
    assert.equal(parseRetryAfter('later', now), undefined);
    assert.equal(parseRetryAfter('', now), undefined);
  });
});

describe('mayHaveActed', () => {
  test('a lost answer or a gateway status leaves the outcome open', () => {
    assert.equal(mayHaveActed({ kind: 'answer-lost' }), true);
    for (const status of [502, 503, 504]) assert.equal(mayHaveActed({ kind: 'status', status }), true);
  });

  test('a refused connection or a definite status does not', () => {
    assert.equal(mayHaveActed({ kind: 'not-sent' }), false);
    for (const status of [400, 409, 429, 500]) assert.equal(mayHaveActed({ kind: 'status', status }), false);
  });
});
