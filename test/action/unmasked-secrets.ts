import assert from 'node:assert/strict';
import type { ActionRun } from '../../scripts/run-built.js';

/** The runner hides every value the step masked; any other line holding a secret leaks it. */
export function assertNoUnmaskedSecret(runs: readonly ActionRun[], secrets: readonly string[]): void {
  for (const run of runs) {
    const unmasked = `${run.stdout}\n${run.stderr}\n${run.summary}`.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    for (const secret of secrets) {
      assert.equal(unmasked.some((line) => line.includes(secret)), false, 'a secret reached the log unmasked');
    }
  }
}
