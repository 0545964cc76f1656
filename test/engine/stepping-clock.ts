import type { Clock } from '../../src/clock.js';

/**
 * A clock that never sleeps for real: a sleep moves time forward at once, but only after the
 * work handed to `waitFor` has finished (e.g. the TLS simulator issuing a certificate), so a
 * poll after the sleep sees its effect. Starts at the real time: certificates are dated by it.
 */
export class SteppingClock implements Clock {
  private current = Date.now();
  private readonly work = new Set<Promise<unknown>>();
  /** Every sleep asked for, in milliseconds. */
  readonly sleeps: number[] = [];

  now(): number {
    return this.current;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.current += Math.max(0, ms);
    await Promise.allSettled([...this.work]);
  }

  waitFor(work: Promise<unknown>): void {
    this.work.add(work);
    void work.finally(() => this.work.delete(work)).catch(() => undefined);
  }
}
