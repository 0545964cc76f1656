import { GitHubClient } from '../github/github-client.js';
import { parseRepository } from '../github/repository.js';

/** The GitHub client for this run's repository, or why there is none. */
export type GitHubAccess = { client: GitHubClient } | { unavailable: string };

/** From the `github-token` input and the runner's GITHUB_REPOSITORY and GITHUB_API_URL. Sends nothing. */
export function gitHubAccess(token: string, env: Record<string, string | undefined>): GitHubAccess {
  if (!token) return { unavailable: 'the github-token input is empty' };
  const repository = env['GITHUB_REPOSITORY'];
  if (!repository) return { unavailable: 'GITHUB_REPOSITORY is not set, so the repository is unknown' };
  try {
    return {
      client: new GitHubClient({ token, apiUrl: env['GITHUB_API_URL'] || 'https://api.github.com', repository: parseRepository(repository) }),
    };
  } catch (error) {
    return { unavailable: `GITHUB_REPOSITORY: ${error instanceof Error ? error.message : String(error)}` };
  }
}
