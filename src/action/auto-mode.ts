import type { Mode } from '../settings.js';

/** The workflow event, as much of it as choosing a mode needs. */
export interface WorkflowEvent {
  /** GITHUB_EVENT_NAME */
  name: string;
  /** GITHUB_REF, e.g. `refs/heads/main`. */
  ref?: string;
  /** The repository's default branch, from the event payload. */
  defaultBranch?: string;
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
