import type { DesiredState } from '../config/desired-state.js';
import { previewDomainFor } from '../engine/preview-domains.js';
import type { PreviewRequest } from '../engine/run-preview.js';
import { selectHosts } from '../engine/select-hosts.js';
import type { ActionInputs } from './inputs.js';

/** What a pull request event means for its preview domain, and for the plan. */
export interface PullRequestPreview {
  /** The preview to open (after the plan) or close (instead of it). */
  request?: PreviewRequest;
  /** Why there is no preview, or why nothing is planned; for the log, the summary and the comment. */
  note?: string;
  /**
   * A closed pull request: nothing is planned and its plan comment is left as it is, so the
   * checksums reviewed there stay what `expect-checksum: from-pr` reads after the merge.
   */
  skipPlan: boolean;
}

/** The pull request event actions that open (or keep) the preview; `closed` removes it. */
const openingActions = ['opened', 'reopened', 'synchronize'];

/**
 * Under `mode: auto`, a `pull_request` or `pull_request_target` event opens or closes the pull
 * request's preview domain when domains.yml has `previews:`. A fork's `pull_request` run has no
 * secrets, so it gets no preview, and says so. `desired` is undefined when the file could not be
 * read (the run reports why).
 */
export function pullRequestPreview(inputs: ActionInputs, desired: DesiredState | undefined): PullRequestPreview {
  const { event } = inputs;
  const pull = event.pullRequest;
  if (!inputs.autoMode || !pull || (event.name !== 'pull_request' && event.name !== 'pull_request_target')) return { skipPlan: false };
  const closed = pull.action === 'closed';
  const action = closed ? 'close' : openingActions.includes(pull.action ?? '') ? 'open' : undefined;
  const notes = closed ? [`Pull request #${pull.number} was closed: nothing is planned, and its plan comment is left as it is.`] : [];
  const without = (reason: string): PullRequestPreview => ({ skipPlan: closed, note: [...notes, reason].join(' ') });

  const configPath = inputs.settings.configPath;
  if (!desired) return closed ? without(`${configPath} could not be read, so no preview domain was removed.`) : { skipPlan: false };
  const previews = desired.previews;
  if (!previews) return closed ? without(`${configPath} has no \`previews:\`, so there is no preview domain to remove.`) : { skipPlan: false };
  if (!action) return { skipPlan: false };
  const name = previewDomainFor(previews.domain, pull.number);
  if (inputs.forkFallbackReason) {
    return without(`No preview domain (${name}): ${inputs.forkFallbackReason}. A preview needs the previews host's credentials.`);
  }
  if (!previewsHostSelected(desired, inputs.settings.hosts)) {
    return without(`No preview domain (${name}): the previews host ${previews.host} is not among the hosts this run acts on.`);
  }
  const request: PreviewRequest = { number: pull.number, action };
  return notes.length > 0 ? { request, skipPlan: closed, note: notes.join(' ') } : { request, skipPlan: closed };
}

/** Whether the `hosts` input covers the previews host (a filter that matches nothing is the run's error to report). */
export function previewsHostSelected(desired: DesiredState, hosts: readonly string[]): boolean {
  try {
    return selectHosts(desired.hosts, hosts).some((host) => host.id === desired.previews?.host);
  } catch {
    return false;
  }
}
