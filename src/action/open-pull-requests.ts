import { describeError } from '../errors.js';
import type { GitHubAccess } from './github-access.js';

/**
 * The numbers of the repository's open pull requests, every page of them, for the preview
 * reaper; or why they could not be listed. A failed listing is never an empty one: reaping on it
 * would remove the preview of every open pull request.
 */
export async function openPullRequestNumbers(github: GitHubAccess): Promise<{ numbers: number[] } | { unavailable: string }> {
  if ('unavailable' in github) return { unavailable: github.unavailable };
  try {
    const pulls = await github.client.listPullRequests({ state: 'open' });
    return { numbers: pulls.filter((pull) => pull.state === 'open').map((pull) => pull.number) };
  } catch (error) {
    return { unavailable: `the open pull requests could not be listed: ${describeError(error)}` };
  }
}
