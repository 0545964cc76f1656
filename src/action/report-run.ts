import * as core from '@actions/core';
import { describeError } from '../errors.js';
import { GitHubApiError } from '../github/github-api-error.js';
import { renderText } from '../plan/render-text.js';
import type { RunResult } from '../result.js';
import { annotateConfigIssues } from './annotations.js';
import { stepFailure } from './failure.js';
import type { GitHubAccess } from './github-access.js';
import { hostsMatrix } from './hosts-matrix.js';
import type { ActionInputs } from './inputs.js';
import { actionOutputs } from './outputs.js';
import { planCommentBody, publishPlanComment } from './plan-comment.js';
import type { PreparedRun } from './prepare-run.js';
import { previewLogLine, previewSection } from './preview-section.js';
import { reportDriftIssue } from './report-drift-issue.js';
import type { StepTimer } from './step-timer.js';
import { runUrl, writeJobSummary, type CommentOutcome } from './summary.js';

export interface FinishedRun {
  inputs: ActionInputs;
  prepared: PreparedRun;
  result: RunResult;
  /** The pull request's preview: added after the plan, or removed instead of it (`prepared.skipPlan`). */
  preview?: RunResult;
  github: GitHubAccess;
  timer: StepTimer;
  env: Record<string, string | undefined>;
  /** Errors the run already annotated: the step's failure message does not repeat them. */
  errorsLogged: readonly string[];
}

/**
 * Log, annotations, outputs, the pull request's plan comment (with its preview), the drift issue,
 * the job summary, and the step's status.
 */
export async function reportRun(run: FinishedRun): Promise<void> {
  const { inputs, prepared, result, env } = run;
  const planSkipped = prepared.skipPlan && !prepared.refused;
  const preview = run.preview && { result: run.preview, action: prepared.preview?.action ?? 'open' };
  if (!planSkipped) core.info(renderText(result).trimEnd());
  if (preview) core.info(previewLogLine(preview.result, preview.action));
  annotateConfigIssues(result.configIssues, core.error, env['GITHUB_WORKSPACE']);
  const matrix = await hostsMatrix(result, prepared.settings, planSkipped).catch((error: unknown) => {
    core.warning(`hosts-matrix: ${describeError(error)}`);
    return [];
  });
  for (const [name, value] of Object.entries(actionOutputs(result, matrix))) core.setOutput(name, value);

  const url = runUrl(env);
  const comment = await commentOnPullRequest(run, url);
  const driftIssue = await reportDriftIssue(inputs, result, { github: run.github, timer: run.timer, ...(url ? { runUrl: url } : {}) });
  const report = {
    result,
    notes: prepared.notes,
    timings: run.timer.timings,
    totalMs: run.timer.elapsedMs(),
    githubCalls: 'client' in run.github ? run.github.client.calls : 0,
    ...(url ? { runUrl: url } : {}),
    ...(comment ? { comment } : {}),
    ...(planSkipped ? { planSkipped } : {}),
    ...(preview ? { preview } : {}),
    ...(driftIssue ? { driftIssue } : {}),
  };
  await writeJobSummary(report, env).catch((error: unknown) =>
    core.warning(`The job summary could not be written: ${describeError(error)}`),
  );
  // A closed pull request's result is its preview's removal: its failure is the preview's.
  const ownFailure = planSkipped && preview ? undefined : stepFailure(result, inputs.failOnDrift, run.errorsLogged);
  const failures = [ownFailure, preview && previewFailure(preview.result, run.errorsLogged)];
  const reasons = failures.filter((failure): failure is string => failure !== undefined);
  if (reasons.length > 0) core.setFailed(reasons.join('\n'));
}

/** A preview that could not be added or removed, or whose certificate is not valid, fails the step. */
function previewFailure(preview: RunResult, errorsLogged: readonly string[]): string | undefined {
  const failure = stepFailure(preview, true, errorsLogged, 'it failed, as the errors above say');
  const name = preview.previews?.pullRequest?.name;
  return failure && `The preview${name ? ` ${name}` : ''}: ${failure}`;
}

/**
 * On a pull request, plan and validate (a fork's) runs keep the sticky plan comment up to date.
 * A comment that cannot be written is a warning: the plan is still the step's product.
 */
async function commentOnPullRequest(run: FinishedRun, url: string | undefined): Promise<CommentOutcome | undefined> {
  const { inputs, result, github } = run;
  const pull = inputs.event.pullRequest;
  if (!inputs.comment || !pull || run.prepared.skipPlan || (result.mode !== 'plan' && result.mode !== 'validate')) return undefined;
  const body = planCommentBody(result, {
    notes: run.prepared.notes,
    ...(run.preview ? { preview: previewSection(run.preview) } : {}),
    ...(url ? { runUrl: url } : {}),
    ...(pull.headSha ? { headSha: pull.headSha } : {}),
  });
  let outcome: CommentOutcome;
  if ('unavailable' in github) {
    outcome = { pullNumber: pull.number, written: false, reason: `${github.unavailable}.` };
  } else {
    outcome = await run.timer
      .time('GitHub: plan comment', () => publishPlanComment(github.client, pull.number, body))
      .then(
        (write): CommentOutcome => ({ pullNumber: pull.number, written: true, created: write.created, url: write.comment.url }),
        (error: unknown): CommentOutcome => ({ pullNumber: pull.number, written: false, reason: commentFailure(error) }),
      );
  }
  if (outcome.written) core.info(`Plan comment ${outcome.created ? 'posted' : 'updated'}: ${outcome.url}`);
  else core.warning(`The plan comment on pull request #${pull.number} could not be written: ${outcome.reason}`);
  return outcome;
}

function commentFailure(error: unknown): string {
  const message = describeError(error);
  if (error instanceof GitHubApiError && error.forbidden) {
    return `${message}. The job needs \`permissions: pull-requests: write\`; a pull request from a fork only gets a read-only token.`;
  }
  return message;
}
