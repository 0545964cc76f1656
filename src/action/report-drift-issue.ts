import * as core from '@actions/core';
import { describeError } from '../errors.js';
import { GitHubApiError } from '../github/github-api-error.js';
import type { RunResult } from '../result.js';
import { syncDriftIssue } from './drift-issue-sync.js';
import type { GitHubAccess } from './github-access.js';
import type { ActionInputs } from './inputs.js';
import type { StepTimer } from './step-timer.js';

/** What happened to the drift issue, for the log and the job summary. */
export type DriftIssueOutcome =
  | { written: true; action: 'opened' | 'updated' | 'closed'; number: number; url: string }
  | { written: false; reason: string };

/**
 * `drift-issue: true` on a check: opens, updates or closes the drift issue. An issue that cannot
 * be written is a warning: `fail-on-drift` alone decides the step's status. Undefined when the
 * issue was not asked for, or left alone.
 */
export async function reportDriftIssue(
  inputs: ActionInputs,
  result: RunResult,
  context: { github: GitHubAccess; timer: StepTimer; runUrl?: string },
): Promise<DriftIssueOutcome | undefined> {
  if (!inputs.driftIssue || result.mode !== 'check') return undefined;
  const { github } = context;
  let outcome: DriftIssueOutcome | undefined;
  if ('unavailable' in github) {
    outcome = { written: false, reason: `${github.unavailable}.` };
  } else {
    const now = inputs.settings.clock.now();
    const runUrl = context.runUrl ? { runUrl: context.runUrl } : {};
    outcome = await context.timer
      .time('GitHub: drift issue', () => syncDriftIssue(github.client, result, { now, ...runUrl }))
      .then(
        (write): DriftIssueOutcome | undefined =>
          write && { written: true, action: write.action, number: write.issue.number, url: write.issue.url },
        (error: unknown): DriftIssueOutcome => ({ written: false, reason: driftIssueFailure(error) }),
      );
  }
  if (outcome?.written) core.info(`Drift issue #${outcome.number} ${outcome.action}: ${outcome.url}`);
  else if (outcome) core.warning(`The drift issue could not be written: ${outcome.reason}`);
  return outcome;
}

function driftIssueFailure(error: unknown): string {
  const message = describeError(error);
  if (error instanceof GitHubApiError && error.forbidden) return `${message}. The job needs \`permissions: issues: write\`.`;
  return message;
}
