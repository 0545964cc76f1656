import type { Clock } from '../clock.js';

export interface Timing {
  step: string;
  ms: number;
}

/** How long each step of the Action took, for the job summary. */
export class StepTimer {
  readonly timings: Timing[] = [];
  private readonly startedAt: number;

  constructor(private readonly clock: Clock) {
    this.startedAt = clock.now();
  }

  async time<T>(step: string, work: () => Promise<T>): Promise<T> {
    const start = this.clock.now();
    try {
      return await work();
    } finally {
      this.timings.push({ step, ms: this.clock.now() - start });
    }
  }

  /** Since the timer was made. */
  elapsedMs(): number {
    return this.clock.now() - this.startedAt;
  }
}
