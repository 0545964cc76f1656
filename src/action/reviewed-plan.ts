import type { GitHubClient } from '../github/github-client.js';
import type { PullRequest } from '../github/github-objects.js';
import { findStickyComment } from '../github/sticky-comment.js';
import type { ReviewedChecksums } from '../settings.js';
import { parseChecksumsMarker } from './checksums-marker.js';
import { planCommentMarker } from './plan-comment.js';

/** `expect-checksum: from-pr` found no reviewed plan: apply must not run. */
export class ReviewedPlanError extends Error {
  override readonly name = 'ReviewedPlanError';
}

/**
 * `expect-checksum: from-pr`: the checksums in the plan comment of the pull request that merged
 * `sha` (found through the commit's associated pull requests). Throws ReviewedPlanError when
 * there is no such pull request, comment or checksum.
 */
export async function findReviewedChecksums(client: GitHubClient, sha: string): Promise<ReviewedChecksums> {
  const pull = mergedPullRequest(await client.pullRequestsForCommit(sha), sha);
  const commit = sha.slice(0, 7);
  if (!pull) {
    throw new ReviewedPlanError(
      `expect-checksum: from-pr needs the plan reviewed in the pull request that merged commit ${commit}, ` +
        `but no merged pull request is associated with that commit. Merge changes to domains.yml through a ` +
        `pull request, or set expect-checksum to a plan checksum.`,
    );
  }
  const comment = await findStickyComment(client, pull.number, planCommentMarker);
  if (!comment) {
    throw new ReviewedPlanError(
      `expect-checksum: from-pr: pull request #${pull.number} (which merged commit ${commit}) has no domain-sync ` +
        `plan comment, so there is no reviewed plan to compare with. Run domain-sync in plan mode on pull requests ` +
        `(with comment: true and permissions: pull-requests: write).`,
    );
  }
  const checksums = parseChecksumsMarker(comment.body);
  if (!checksums) {
    throw new ReviewedPlanError(
      `expect-checksum: from-pr: the plan comment on pull request #${pull.number} holds no plan checksums: its last ` +
        `run made no plan (it validated only, or it failed). See ${comment.url}`,
    );
  }
  return { ...checksums, source: `pull request #${pull.number}` };
}

/** The pull request whose merge made `sha`; else the one merged last among those containing it. */
function mergedPullRequest(pulls: readonly PullRequest[], sha: string): PullRequest | undefined {
  const merged = pulls.filter((pull) => pull.mergedAt !== undefined);
  const byMergeCommit = merged.find((pull) => pull.mergeCommitSha === sha);
  if (byMergeCommit) return byMergeCommit;
  return [...merged].sort((a, b) => (a.mergedAt! < b.mergedAt! ? 1 : a.mergedAt! > b.mergedAt! ? -1 : 0))[0];
}
