/**
 * The few fields of GitHub's REST objects that domain-sync reads, mapped from the API's JSON so
 * callers (and tests) never depend on the whole schema.
 */

export interface GitHubUser {
  login: string;
  /** `Bot` for GitHub Apps and `github-actions[bot]`, `User` for people and their tokens. */
  type: string;
}

export interface IssueComment {
  id: number;
  body: string;
  user: GitHubUser | undefined;
  url: string;
}

export interface PullRequest {
  number: number;
  state: 'open' | 'closed';
  title: string;
  url: string;
  /** ISO time; undefined while not merged (a closed, unmerged pull request too). */
  mergedAt: string | undefined;
  /** The commit the merge made on the base branch (merge, squash or rebase). */
  mergeCommitSha: string | undefined;
  head: PullRequestBranch;
  base: PullRequestBranch;
  labels: string[];
}

export interface PullRequestBranch {
  ref: string;
  sha: string;
  /** `owner/repo`; undefined when the head repository (a fork) was deleted. */
  repository: string | undefined;
}

export interface Issue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  url: string;
  /** Who opened it; undefined when GitHub no longer knows (a deleted account). */
  user: GitHubUser | undefined;
}

export interface UserJson {
  login: string;
  type: string;
}

export interface CommentJson {
  /** Parsed as a bigint when past 2^53. */
  id: number | bigint;
  body?: string | null;
  user: UserJson | null;
  html_url: string;
}

interface LabelJson {
  name?: string;
}

export interface BranchJson {
  ref: string;
  sha: string;
  repo: { full_name: string } | null;
}

export interface PullRequestJson {
  number: number;
  state: string;
  title: string;
  html_url: string;
  merged_at: string | null;
  merge_commit_sha: string | null;
  head: BranchJson;
  base: BranchJson;
  labels: (LabelJson | string)[];
}

export interface IssueJson {
  number: number;
  title: string;
  body?: string | null;
  state: string;
  html_url: string;
  labels: (LabelJson | string)[];
  user?: UserJson | null;
}

export function toUser(json: UserJson | null | undefined): GitHubUser | undefined {
  return json ? { login: json.login, type: json.type } : undefined;
}

export function toIssueComment(json: CommentJson): IssueComment {
  return { id: Number(json.id), body: json.body ?? '', user: toUser(json.user), url: json.html_url };
}

export function toPullRequest(json: PullRequestJson): PullRequest {
  return {
    number: json.number,
    state: json.state === 'open' ? 'open' : 'closed',
    title: json.title,
    url: json.html_url,
    mergedAt: json.merged_at ?? undefined,
    mergeCommitSha: json.merge_commit_sha ?? undefined,
    head: toBranch(json.head),
    base: toBranch(json.base),
    labels: labelNames(json.labels),
  };
}

export function toIssue(json: IssueJson): Issue {
  return {
    number: json.number,
    title: json.title,
    body: json.body ?? '',
    state: json.state === 'open' ? 'open' : 'closed',
    labels: labelNames(json.labels),
    url: json.html_url,
    user: toUser(json.user),
  };
}

function toBranch(json: BranchJson): PullRequestBranch {
  return { ref: json.ref, sha: json.sha, repository: json.repo?.full_name };
}

function labelNames(labels: readonly (LabelJson | string)[]): string[] {
  return labels.flatMap((label) => (typeof label === 'string' ? [label] : label.name ? [label.name] : []));
}
