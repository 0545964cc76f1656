import type { Mode } from '../settings.js';

/** The workflow event, as much of it as choosing a mode needs. */
export interface WorkflowEvent {
  /** GITHUB_EVENT_NAME */
  name: string;
  /** GITHUB_REF, e.g. `refs/heads/main`. */
  ref?: string;
  /** The repository's default branch, from the event payload. */
  defaultBranch?: string;
  /** GITHUB_SHA: the commit the workflow runs on (for a push, the commit pushed). */
  sha?: string;
  /** GITHUB_REPOSITORY, `owner/repo`. */
  repository?: string;
  /** The event's pull request (pull_request, pull_request_target). */
  pullRequest?: PullRequestEvent;
}

export interface PullRequestEvent {
  number: number;
  baseRef: string;
  /** The base branch's commit when the event fired: pull_request_target reads domains.yml there. */
  baseSha: string;
  /** The pull request's head commit when the event fired. */
  headSha: string | undefined;
  /** `owner/repo` the pull request comes from; undefined when that fork was deleted. */
  headRepository: string | undefined;
  baseRepository: string | undefined;
  /** From another repository: GitHub gives such `pull_request` runs no secrets and a read-only token. */
  fromFork: boolean;
  /** The payload's `action`: `opened`, `synchronize`, `reopened`, `closed`...; undefined when it has none. */
  action?: string;
}

export type ActionMode = Extract<Mode, 'plan' | 'apply' | 'check' | 'validate'>;

/**
 * `mode: auto`: push to the default branch or a manual dispatch applies, pull requests plan,
 * schedules check, anything else plans. A push to another branch only plans.
 */
export function resolveAutoMode(event: WorkflowEvent): { mode: ActionMode; reason: string } {
  switch (event.name) {
    case 'push': {
      if (event.defaultBranch === undefined || event.ref === undefined) {
        return { mode: 'apply', reason: 'a push event' };
      }
      const branch = event.ref.replace(/^refs\/heads\//, '');
      if (branch === event.defaultBranch) {
        return { mode: 'apply', reason: `a push to the default branch ${branch}` };
      }
      return { mode: 'plan', reason: `a push to ${branch}, not the default branch ${event.defaultBranch}` };
    }
    case 'workflow_dispatch':
      return { mode: 'apply', reason: 'a manual workflow_dispatch' };
    case 'pull_request':
    case 'pull_request_target':
      return { mode: 'plan', reason: `a ${event.name} event` };
    case 'schedule':
      return { mode: 'check', reason: 'a schedule event' };
    default:
      return {
        mode: 'plan',
        reason: event.name ? `a ${event.name} event, which only plans` : 'no GITHUB_EVENT_NAME, so only planning',
      };
  }
}

/**
 * A `pull_request` from a fork runs without secrets, so a plan could only fail on missing
 * credentials: it validates the file instead and says why. (`pull_request_target` has secrets.)
 */
export function forkFallback(mode: ActionMode, event: WorkflowEvent): { mode: ActionMode; reason: string } | undefined {
  const pull = event.pullRequest;
  if (mode !== 'plan' || event.name !== 'pull_request' || !pull?.fromFork) return undefined;
  const source = pull.headRepository ?? 'a deleted fork';
  return {
    mode: 'validate',
    reason: `pull request #${pull.number} comes from ${source}, and GitHub gives runs for a fork's pull request no secrets to read the hosts with`,
  };
}
