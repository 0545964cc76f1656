import type { Clock } from '../../src/clock.js';

/** A clock that never sleeps for real: it records each requested wait and jumps ahead by it. */
export class RecordingClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private time = Date.UTC(2025, 0, 1)) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
}
