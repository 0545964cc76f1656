import type { GitHubClient } from './github-client.js';
import type { IssueComment } from './github-objects.js';
import { writtenByAction } from './written-by-action.js';

/** GitHub refuses an issue or comment body longer than this many characters. */
export const bodyCharacterLimit = 65_536;

/**
 * One comment per issue or pull request, found again by a hidden marker (an HTML comment such as
 * `<!-- domain-sync:plan -->`) and edited in place, never posted twice.
 *
 * Only comments the Action itself could have written count: those by a `Bot` (GITHUB_TOKEN posts
 * as `github-actions[bot]`, GitHub Apps as `<app>[bot]`) or by the token's own user (a personal
 * access token). Anyone can type the marker into a comment; such a comment is never edited and
 * never read back as ours.
 */
export async function findStickyComment(
  client: GitHubClient,
  issueNumber: number,
  marker: string,
): Promise<IssueComment | undefined> {
  const marked = (await client.listIssueComments(issueNumber)).filter((comment) => comment.body.includes(marker));
  const [ours] = await writtenByAction(client, marked);
  return ours;
}

export interface StickyCommentWrite {
  comment: IssueComment;
  created: boolean;
}

/** Creates the comment, or edits the one already there. The body gets the marker if it lacks it. */
export async function upsertStickyComment(
  client: GitHubClient,
  issueNumber: number,
  marker: string,
  body: string,
): Promise<StickyCommentWrite> {
  const text = body.includes(marker) ? body : `${marker}\n${body}`;
  if (text.length > bodyCharacterLimit) {
    throw new Error(`the comment is ${text.length} characters long; GitHub takes at most ${bodyCharacterLimit}`);
  }
  const existing = await findStickyComment(client, issueNumber, marker);
  if (existing) return { comment: await client.updateIssueComment(existing.id, text), created: false };
  return { comment: await client.createIssueComment(issueNumber, text), created: true };
}
