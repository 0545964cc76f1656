import type { Clock } from '../clock.js';
import { parseRetryAfter } from './retry-policy.js';

export interface RateLimiterOptions {
  clock: Clock;
  /** Requests wait once the calls left in the window fall to this. Default 1. */
  lowThreshold?: number;
  /** The wait when the host does not say when its window resets. Default 60 s. */
  fallbackWindowMs?: number;
  /** No single wait lasts longer than this. Default 2 min. */
  maxWaitMs?: number;
}

export interface RateLimitState {
  limit: number;
  remaining: number;
}

/**
 * Paces the requests made with one credential, from the rate-limit headers the host sends.
 * Several clients using the same credential share one limiter.
 */
export class RateLimiter {
  private readonly clock: Clock;
  private readonly lowThreshold: number;
  private readonly fallbackWindowMs: number;
  private readonly maxWaitMs: number;
  private seen: RateLimitState | undefined;
  /** Calls left, as last reported, less the requests started since. */
  private estimate: number | undefined;
  private estimateAt = 0;
  /** When the host's window resets, if it said. */
  private resetAt: number | undefined;
  /** No request before this (a `Retry-After`). */
  private resumeAt: number | undefined;

  constructor(options: RateLimiterOptions) {
    this.clock = options.clock;
    this.lowThreshold = options.lowThreshold ?? 1;
    this.fallbackWindowMs = options.fallbackWindowMs ?? 60_000;
    this.maxWaitMs = options.maxWaitMs ?? 120_000;
  }

  /** The last `X-RateLimit-Limit` / `X-RateLimit-Remaining` pair seen. */
  get lastSeen(): RateLimitState | undefined {
    return this.seen && { ...this.seen };
  }

  /** Reads the rate-limit headers of a response (names in lower case). */
  observe(headers: Record<string, string>, status: number): void {
    const now = this.clock.now();
    const limit = parseCount(headers['x-ratelimit-limit']);
    const remaining = parseCount(headers['x-ratelimit-remaining']);
    if (remaining !== undefined) {
      this.estimate = remaining;
      this.estimateAt = now;
      if (limit !== undefined) this.seen = { limit, remaining };
    } else if (status === 429) {
      this.estimate = 0;
      this.estimateAt = now;
    }
    const retryAfter = headers['retry-after'];
    const serverWait = retryAfter === undefined ? undefined : parseRetryAfter(retryAfter, now);
    const retryAt = serverWait === undefined ? undefined : now + serverWait;
    if (retryAt !== undefined) this.resumeAt = Math.max(this.resumeAt ?? 0, retryAt);
    const reset = parseReset(headers['x-ratelimit-reset'], now) ?? retryAt;
    if (reset !== undefined) this.resetAt = reset;
  }

  /** Waits, through the clock, until a request may be sent. Resolves with the time waited. */
  async acquire(): Promise<number> {
    let waited = 0;
    for (;;) {
      const now = this.clock.now();
      const until = this.nextAllowedAt(now);
      if (until <= now || waited >= this.maxWaitMs) break;
      const wait = Math.min(until - now, this.maxWaitMs - waited);
      await this.clock.sleep(wait);
      waited += wait;
    }
    if (this.estimate !== undefined) this.estimate -= 1;
    return waited;
  }

  /** Forgets a low count once its window is over: the host has granted a fresh one. */
  private nextAllowedAt(now: number): number {
    let until = this.resumeAt ?? 0;
    if (this.estimate !== undefined && this.estimate <= this.lowThreshold) {
      const windowEnd = this.resetAt ?? this.estimateAt + this.fallbackWindowMs;
      if (windowEnd > now) {
        until = Math.max(until, windowEnd);
      } else {
        this.estimate = undefined;
        this.resetAt = undefined;
      }
    }
    return until;
  }
}

function parseCount(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

/** `X-RateLimit-Reset` is either epoch seconds or seconds from now, depending on the host. */
function parseReset(value: string | undefined, now: number): number | undefined {
  const seconds = parseCount(value);
  if (seconds === undefined) return undefined;
  return seconds > 1_000_000_000 ? seconds * 1000 : now + seconds * 1000;
}
