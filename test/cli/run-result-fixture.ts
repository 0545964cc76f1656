import type { HostOutcome, RunResult } from '../../src/result.js';

/** A RunResult with nothing in it; tests override what they look at. */
export function runResult(overrides: Partial<RunResult> = {}): RunResult {
  return {
    mode: 'plan',
    result: 'no-changes',
    checksum: '',
    hosts: [],
    ssl: [],
    configIssues: [],
    refusals: [],
    errors: [],
    ...overrides,
  };
}

export function hostOutcome(overrides: Partial<HostOutcome> & { id: string }): HostOutcome {
  return { provider: 'serverpilot', checksum: '', apiCalls: 0, changes: [], warnings: [], ...overrides };
}
