import type { HttpRequest } from './http-client.js';

/** When and how long to wait before repeating a failed request. Pure: no I/O, no clock. */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** The backoff ceiling of the first retry; it doubles with each further one. */
  baseDelayMs: number;
  /** No backoff waits longer than this. */
  maxDelayMs: number;
  /** A server's `Retry-After` is followed up to this long. */
  maxRetryAfterMs: number;
  /** Uniform in [0, 1): the jitter source. */
  random: () => number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
  random: Math.random,
};

/** How one attempt failed. */
export type AttemptFailure =
  /** The server answered with a status that is not 2xx. */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** The request provably never reached the server (connection refused, DNS). */
  | { kind: 'not-sent' }
  /** The request may have reached the server, but no answer came back (timeout, reset). */
  | { kind: 'answer-lost' };

const retryableStatuses = new Set([429, 500, 502, 503, 504]);

/** Too Many Requests: the server turned the request away without processing it. */
const turnedAwayStatus = 429;

/** Statuses after which the server may still have acted on the request. */
const maybeActedStatuses = new Set([502, 503, 504]);

export function isIdempotent(request: Pick<HttpRequest, 'method' | 'idempotent'>): boolean {
  if (request.idempotent !== undefined) return request.idempotent;
  return request.method === 'GET' || request.method === 'PUT' || request.method === 'DELETE';
}

export function isRetryableStatus(status: number): boolean {
  return retryableStatuses.has(status);
}

/**
 * Whether a failed request that is not repeated may have changed something on the server, so
 * the caller must re-read before trusting its own view.
 */
export function mayHaveActed(failure: AttemptFailure): boolean {
  if (failure.kind === 'status') return maybeActedStatuses.has(failure.status);
  return failure.kind === 'answer-lost';
}

/**
 * The wait before the next attempt, or `undefined` to give up. `attempts` counts the attempts
 * made so far (1 after the first failure). A request turned away with 429 is repeated whatever
 * its method, since it was never processed; after any other failure only idempotent requests are.
 */
export function retryDelay(
  failure: AttemptFailure,
  attempts: number,
  idempotent: boolean,
  policy: RetryPolicy,
  nowMs: number,
): number | undefined {
  if (attempts >= policy.maxAttempts) return undefined;
  if (!idempotent && !wasTurnedAway(failure)) return undefined;
  if (failure.kind === 'status') {
    if (!isRetryableStatus(failure.status)) return undefined;
    const serverWait = failure.retryAfter === undefined ? undefined : parseRetryAfter(failure.retryAfter, nowMs);
    if (serverWait !== undefined) return Math.min(serverWait, policy.maxRetryAfterMs);
  }
  return backoffDelay(attempts, policy);
}

function wasTurnedAway(failure: AttemptFailure): boolean {
  return failure.kind === 'status' && failure.status === turnedAwayStatus;
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base·2^(attempts-1))). */
export function backoffDelay(attempts: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.floor(policy.random() * ceiling);
}

/** A `Retry-After` value (delay seconds or an HTTP date) as milliseconds from now. */
export function parseRetryAfter(value: string, nowMs: number): number | undefined {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
