import type { Clock } from '../../src/clock.js';

/**
 * A clock whose time moves only when every task is asleep: once the microtask queue is empty
 * (checked with setImmediate), it jumps to the earliest pending wake-up. Fakes used with it must
 * not do real I/O or real timers.
 */
export class VirtualClock implements Clock {
  private current: number;
  private readonly sleepers: { at: number; order: number; wake: () => void }[] = [];
  private order = 0;
  private advancing = false;

  constructor(start = Date.parse('2030-01-01T00:00:00Z')) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const sleeper = {
        at: this.current + Math.max(0, ms),
        order: this.order++,
        wake: () => {
          signal?.removeEventListener('abort', abort);
          resolve();
        },
      };
      const abort = (): void => {
        const index = this.sleepers.indexOf(sleeper);
        if (index >= 0) this.sleepers.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.sleepers.push(sleeper);
      this.scheduleAdvance();
    });
  }

  private scheduleAdvance(): void {
    if (this.advancing) return;
    this.advancing = true;
    setImmediate(() => {
      this.advancing = false;
      if (this.sleepers.length === 0) return;
      this.sleepers.sort((a, b) => a.at - b.at || a.order - b.order);
      const at = this.sleepers[0]!.at;
      this.current = Math.max(this.current, at);
      const due = this.sleepers.filter((sleeper) => sleeper.at <= at);
      this.sleepers.splice(0, due.length);
      for (const sleeper of due) sleeper.wake();
      if (this.sleepers.length > 0) this.scheduleAdvance();
    });
  }
}
