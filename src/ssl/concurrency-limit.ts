/** Runs at most `max` tasks at once; the others wait their turn in order. */
export type ConcurrencyLimit = <T>(task: () => Promise<T>) => Promise<T>;

export function limitConcurrency(max: number): ConcurrencyLimit {
  if (!(max >= 1)) throw new RangeError(`concurrency must be at least 1, got ${max}`);
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = async (): Promise<void> => {
    if (running < max) {
      running += 1;
      return;
    }
    // The slot is handed over by `release`, so `running` stays as it is.
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  return async (task) => {
    await acquire();
    try {
      return await task();
    } finally {
      release();
    }
  };
}
