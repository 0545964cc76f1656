/** Delays that start at `initialMs` and grow ×`factor` up to `maxMs`. */
export interface BackoffPolicy {
  initialMs: number;
  factor: number;
  maxMs: number;
}

/** The delays between the polls of one thing: each `next()` returns the current delay and grows it. */
export class Backoff {
  private delayMs: number;

  constructor(private readonly policy: BackoffPolicy) {
    this.delayMs = policy.initialMs;
  }

  next(): number {
    const delayMs = this.delayMs;
    this.delayMs = Math.min(delayMs * this.policy.factor, this.policy.maxMs);
    return delayMs;
  }
}
