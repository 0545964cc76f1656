/** A repository as the REST API addresses it: `/repos/{owner}/{repo}`. */
export interface Repository {
  owner: string;
  repo: string;
}

const namePattern = /^([A-Za-z0-9-_.]+)\/([A-Za-z0-9-_.]+)$/;

/** `owner/repo`, as GITHUB_REPOSITORY gives it. */
export function parseRepository(text: string): Repository {
  const match = namePattern.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a repository name like owner/repo`);
  return { owner: match[1]!, repo: match[2]! };
}

export function repositoryName(repository: Repository): string {
  return `${repository.owner}/${repository.repo}`;
}
