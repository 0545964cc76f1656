import type { Clock } from '../clock.js';

/**
 * Sleeps that one call ends early, for every name of a host at once. Each sleep has a signal of
 * its own, so a host with many names does not pile listeners onto one shared signal (Node warns
 * past ten).
 */
export class SleepGroup {
  private readonly sleeping = new Set<AbortController>();
  private interrupted = false;

  constructor(private readonly clock: Clock) {}

  /** Whether `interrupt` was called: later sleeps return at once. */
  get isInterrupted(): boolean {
    return this.interrupted;
  }

  interrupt(): void {
    this.interrupted = true;
    for (const controller of this.sleeping) controller.abort();
    this.sleeping.clear();
  }

  /** Resolves after `ms` on the clock, or as soon as the group is interrupted. */
  async sleep(ms: number): Promise<void> {
    if (this.interrupted) return;
    const controller = new AbortController();
    this.sleeping.add(controller);
    try {
      await this.clock.sleep(ms, controller.signal);
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      this.sleeping.delete(controller);
    }
  }
}
