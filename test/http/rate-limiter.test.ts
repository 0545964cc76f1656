import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from '../../src/http/rate-limiter.js';
import { RecordingClock } from './recording-clock.js';

function headers(limit: number, remaining: number, extra: Record<string, string> = {}): Record<string, string> {
  return { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(remaining), ...extra };
}

describe('RateLimiter', () => {
  test('lets requests through while plenty remain', async () => {
    const clock = new RecordingClock();
    const limiter = new RateLimiter({ clock });
    limiter.observe(headers(60, 30), 200);
    for (let i = 0; i < 5; i += 1) assert.equal(await limiter.acquire(), 0);
    assert.deepEqual(clock.sleeps, []);
    assert.deepEqual(limiter.lastSeen, { limit: 60, remaining: 30 });
  });

  test('without any headers it never waits', async () => {
    const clock = new RecordingClock();
    const limiter = new RateLimiter({ clock });
    limiter.observe({}, 200);
    assert.equal(await limiter.acquire(), 0);
    assert.equal(limiter.lastSeen, undefined);
  });

  test('waits out the window once the remaining calls reach the threshold', async () => {
    const clock = new RecordingClock();
    const limiter = new RateLimiter({ clock, lowThreshold: 1, fallbackWindowMs: 60_000 });
    limiter.observe(headers(60, 1), 200);
    assert.equal(await limiter.acquire(), 60_000);
    assert.equal(await limiter.acquire(), 0, 'the next window is fresh');
    assert.deepEqual(clock.sleeps, [60_000]);
  });

  test('counts the requests it lets through against the last reported remainder', async () => {
    const clock = new RecordingClock();
    const limiter = new RateLimiter({ clock, lowThreshold: 1, fallbackWindowMs: 10_000 });
    limiter.observe(headers(10, 3), 200);
    assert.equal(await limiter.acquire(), 0);
    assert.equal(await limiter.acquire(), 0);
    assert.equal(await limiter.acquire(), 10_000);
  });

  test('waits until X-RateLimit-Reset given as epoch seconds', async () => {
    const clock = new RecordingClock();
    const limiter = new RateLimiter({ clock });
    const reset = Math.floor(clock.now() / 1000) + 25;
    limiter.observe(headers(60, 0, { 'x-ratelimit-reset': String(reset) }), 200);
    assert.equal(await limiter.acquire(), 25_000);
  });

  test('waits until X-RateLimit-Reset given as seconds from now', async () => {
    const clock = new RecordingClock();
    const limiter = new RateLimiter({ clock });
    limiter.observe(headers(60, 0, { 'x-ratelimit-reset': '12' }), 200);
    assert.equal(await limiter.acquire(), 12_000);
  });

  test('a reset time already past means no wait', async () => {
    const clock = new RecordingClock();
    const limiter = new RateLimiter({ clock });
    limiter.observe(headers(60, 0, { 'x-ratelimit-reset': String(Math.floor(clock.now() / 1000) - 5) }), 200);
    assert.equal(await limiter.acquire(), 0);
  });

  test('honours Retry-After for every request that follows', async () => {
    const clock = new RecordingClock();
    const limiter = new RateLimiter({ clock });
    limiter.observe({ 'retry-after': '9' }, 429);
    assert.equal(await limiter.acquire(), 9000);
    assert.equal(await limiter.acquire(), 0);
    limiter.observe({ 'retry-after': '4', ...headers(60, 20) }, 503);
    assert.equal(await limiter.acquire(), 4000);
  });

  test('a 429 that says nothing of time waits the whole window', async () => {
    const clock = new RecordingClock();
    const limiter = new RateLimiter({ clock, fallbackWindowMs: 60_000 });
    limiter.observe({}, 429);
    assert.equal(await limiter.acquire(), 60_000);
    assert.equal(await limiter.acquire(), 0);
  });

  test('never waits longer than its maximum', async () => {
    const clock = new RecordingClock();
    const limiter = new RateLimiter({ clock, maxWaitMs: 5000 });
    limiter.observe(headers(60, 0, { 'x-ratelimit-reset': '3600' }), 200);
    assert.equal(await limiter.acquire(), 5000);
  });

  test('ignores values that are not counts', async () => {
    const clock = new RecordingClock();
    const limiter = new RateLimiter({ clock });
    limiter.observe({ 'x-ratelimit-limit': 'many', 'x-ratelimit-remaining': '-1' }, 200);
    assert.equal(limiter.lastSeen, undefined);
    assert.equal(await limiter.acquire(), 0);
  });
});
