import { loadConfig } from '../config/load-config.js';
import type { DesiredState } from '../config/desired-state.js';
import { describeError } from '../errors.js';
import type { PreviewRequest } from '../engine/run-preview.js';
import type { Logger } from '../log.js';
import type { RunResult } from '../result.js';
import { emptyResult } from '../run.js';
import type { Settings } from '../settings.js';
import type { WorkflowEvent } from './auto-mode.js';
import { fetchBaseBranchConfig, type BaseBranchConfig } from './base-branch-config.js';
import type { GitHubAccess } from './github-access.js';
import type { ActionInputs } from './inputs.js';
import { openPullRequestNumbers } from './open-pull-requests.js';
import { previewsHostSelected, pullRequestPreview, type PullRequestPreview } from './pull-request-preview.js';
import { findReviewedChecksums, ReviewedPlanError } from './reviewed-plan.js';
import type { StepTimer } from './step-timer.js';

/** The run as the Action will start it, after what it needs from GitHub first. */
export interface PreparedRun {
  settings: Settings;
  /** Why this run differs from what the event would normally do; shown in the summary and the comment. */
  notes: string[];
  /** Set when the run must not start (a reviewed plan was required and none was found...): its result. */
  refused?: RunResult;
  /** The pull request's preview domain: opened after the plan, or closed instead of it (`skipPlan`). */
  preview?: PreviewRequest;
  /** A closed pull request: nothing is planned and the plan comment is left alone. */
  skipPlan: boolean;
  /** The result with the `config` input's path where the run read a temporary copy. */
  asConfigured(result: RunResult): RunResult;
  cleanup(): Promise<void>;
}

export interface PrepareContext {
  github: GitHubAccess;
  timer: StepTimer;
  log: Logger;
  /** RUNNER_TEMP, where pull_request_target's copy of the configuration goes. */
  tempRoot?: string;
}

/**
 * pull_request_target: the configuration comes from the base branch. A pull request event under
 * `mode: auto`: its preview domain to open or close. check: the open pull requests, whose
 * previews the reaper keeps. `expect-checksum: from-pr` (apply only): the checksums come from the
 * plan comment of the merged pull request.
 */
export async function prepareRun(inputs: ActionInputs, context: PrepareContext): Promise<PreparedRun> {
  const settings: Settings = { ...inputs.settings };
  const configPath = inputs.settings.configPath;
  const notes: string[] = [];
  let copy: BaseBranchConfig | undefined;
  let preview: PullRequestPreview = { skipPlan: false };
  const prepared = (refusal?: string): PreparedRun => ({
    settings,
    notes,
    ...(preview.request ? { preview: preview.request } : {}),
    skipPlan: preview.skipPlan,
    ...(refusal !== undefined ? { refused: { ...emptyResult(settings), result: 'failed', errors: [refusal] } } : {}),
    asConfigured: (result) => (copy ? withConfigPath(result, copy.path, configPath) : result),
    cleanup: async () => copy?.remove(),
  });

  const pull = inputs.event.pullRequest;
  if (inputs.event.name === 'pull_request_target' && pull) {
    const where = `pull_request_target reads ${configPath} from the base branch`;
    if ('unavailable' in context.github) return prepared(`${where}, but ${context.github.unavailable}.`);
    const { client } = context.github;
    try {
      copy = await context.timer.time('GitHub: configuration from the base branch', () =>
        fetchBaseBranchConfig(client, pull, configPath, context.tempRoot),
      );
    } catch (error) {
      return prepared(`${where}, and could not: ${describeError(error)}.`);
    }
    settings.configPath = copy.path;
    notes.push(
      `This pull_request_target run read ${configPath} from the base branch ${pull.baseRef} (${pull.baseSha.slice(0, 7)}), ` +
        `not from the pull request: a job that holds secrets never reads the pull request's files. ` +
        `The plan compares the hosts with the base branch's ${configPath}.`,
    );
  }

  const desired = needsDesiredState(inputs) ? await readDesiredState(settings.configPath) : undefined;
  preview = pullRequestPreview(inputs, desired);
  if (inputs.forkFallbackReason && !preview.skipPlan) notes.unshift(forkNote(inputs.forkFallbackReason, configPath));
  if (preview.note) {
    context.log.info(preview.note);
    notes.push(preview.note);
  }
  if (settings.mode === 'check' && desired?.previews && previewsHostSelected(desired, settings.hosts)) {
    const skipped = await reapAfterListing(settings, context);
    if (skipped !== undefined) notes.push(skipped);
  }

  if (inputs.checksumFromPullRequest && settings.mode === 'apply') {
    const refusal = await useReviewedChecksums(settings, inputs.event, context);
    if (refusal !== undefined) return prepared(refusal);
    notes.push(`Applying only the plan reviewed in ${settings.expectChecksums!.source} (plan checksum ${settings.expectChecksums!.plan}).`);
  }
  return prepared();
}

async function useReviewedChecksums(settings: Settings, event: WorkflowEvent, context: PrepareContext): Promise<string | undefined> {
  const nothingChanged = 'Nothing was changed on any host.';
  if ('unavailable' in context.github) {
    return `expect-checksum: from-pr reads the merged pull request's plan comment, but ${context.github.unavailable}. ${nothingChanged}`;
  }
  if (!event.sha) return `expect-checksum: from-pr needs the pushed commit, but GITHUB_SHA is not set. ${nothingChanged}`;
  const { client } = context.github;
  const sha = event.sha;
  try {
    settings.expectChecksums = await context.timer.time('GitHub: reviewed plan', () => findReviewedChecksums(client, sha));
  } catch (error) {
    if (error instanceof ReviewedPlanError) return `${error.message} ${nothingChanged}`;
    return `expect-checksum: from-pr: the reviewed plan could not be read: ${describeError(error)}. ${nothingChanged}`;
  }
  context.log.info(`expect-checksum: from-pr: applying only the plan reviewed in ${settings.expectChecksums.source}`);
  return undefined;
}

/** Only a pull request's preview and the reaper need to know what the file says before the run. */
function needsDesiredState(inputs: ActionInputs): boolean {
  const pullRequestEvent = inputs.event.name === 'pull_request' || inputs.event.name === 'pull_request_target';
  return (inputs.autoMode && pullRequestEvent) || inputs.settings.mode === 'check';
}

/** undefined when the file cannot be read: the run reports why. */
async function readDesiredState(configPath: string): Promise<DesiredState | undefined> {
  return loadConfig(configPath).catch(() => undefined);
}

/**
 * check removes the previews of closed pull requests, but only after GitHub listed the open
 * ones: a failed listing skips the reaper (with a warning) rather than read as "none open".
 * Returns the note for a skipped reaper.
 */
async function reapAfterListing(settings: Settings, context: PrepareContext): Promise<string | undefined> {
  const open = await context.timer.time('GitHub: open pull requests', () => openPullRequestNumbers(context.github));
  if ('numbers' in open) {
    settings.reapPreviews = { openPulls: open.numbers };
    return undefined;
  }
  const note = `The previews of closed pull requests were not removed this time: ${open.unavailable}.`;
  context.log.warn(note);
  return note;
}

function forkNote(reason: string, configPath: string): string {
  return (
    `No plan was made: ${reason}. domain-sync validated ${configPath} instead. The plan is made once a ` +
    `maintainer merges the change, or by a pull_request_target workflow, which reads ${configPath} from the base branch.`
  );
}

/** Annotations and messages name the repository's file, not the temporary copy. */
function withConfigPath(result: RunResult, copyPath: string, configPath: string): RunResult {
  return {
    ...result,
    configIssues: result.configIssues.map((issue) =>
      issue.location.file === copyPath ? { ...issue, location: { ...issue.location, file: configPath } } : issue,
    ),
    errors: result.errors.map((error) => error.replaceAll(copyPath, configPath)),
  };
}
