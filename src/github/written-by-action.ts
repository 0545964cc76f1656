import type { GitHubClient } from './github-client.js';
import type { GitHubUser } from './github-objects.js';

/**
 * Of comments or issues that carry one of the Action's hidden markers, those the Action itself
 * could have written: by a `Bot` (GITHUB_TOKEN writes as `github-actions[bot]`, GitHub Apps as
 * `<app>[bot]`) or by the token's own user (a personal access token). Anyone can type a marker;
 * what they wrote is never edited and never read back as the Action's. The token's user is
 * asked for only when no bot wrote any of them.
 */
export async function writtenByAction<T extends { user: GitHubUser | undefined }>(client: GitHubClient, marked: readonly T[]): Promise<T[]> {
  const byBot = marked.filter((item) => item.user?.type === 'Bot');
  if (byBot.length > 0 || marked.length === 0) return byBot;
  const login = await client.authenticatedLogin();
  return login === undefined ? [] : marked.filter((item) => item.user?.login === login);
}
