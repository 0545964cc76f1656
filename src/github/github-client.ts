import type { getOctokit } from '@actions/github';
import { GitHubApiError } from './github-api-error.js';
import {
  toIssue,
  toIssueComment,
  toPullRequest,
  type CommentJson,
  type Issue,
  type IssueComment,
  type IssueJson,
  type PullRequest,
  type PullRequestJson,
} from './github-objects.js';
import { repositoryName, type Repository } from './repository.js';

type Octokit = ReturnType<typeof getOctokit>;

export interface GitHubClientOptions {
  /** GITHUB_TOKEN, a GitHub App token or a personal access token. */
  token: string;
  /** GITHUB_API_URL: `https://api.github.com`, GitHub Enterprise's `/api/v3`, or a local fake. */
  apiUrl: string;
  repository: Repository;
  /** Per request (a listing's pages share one budget of twice this). Default 30 s. */
  timeoutMs?: number;
}

export type IssueState = 'open' | 'closed' | 'all';

interface ContentJson {
  type: string;
  encoding?: string;
  content?: string;
  size?: number;
}

const defaultTimeoutMs = 30_000;
const pageSize = 100;

/**
 * The GitHub REST calls the Action makes, on one repository. `@actions/github` is loaded on the
 * first call only, so runs that never talk to GitHub do not pay for it.
 */
export class GitHubClient {
  readonly repository: Repository;
  private octokit: Promise<Octokit> | undefined;
  private requestCount = 0;
  private login: Promise<string | undefined> | undefined;

  constructor(private readonly options: GitHubClientOptions) {
    this.repository = options.repository;
  }

  /** Requests sent so far, pages included. */
  get calls(): number {
    return this.requestCount;
  }

  /** Every comment on an issue or pull request, oldest first, all pages. */
  async listIssueComments(issueNumber: number): Promise<IssueComment[]> {
    const comments = await this.paginate<CommentJson>('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      issue_number: issueNumber,
    });
    return comments.map(toIssueComment);
  }

  async createIssueComment(issueNumber: number, body: string): Promise<IssueComment> {
    const route = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
    return toIssueComment(await this.request<CommentJson>(route, { issue_number: issueNumber, body }));
  }

  async updateIssueComment(commentId: number, body: string): Promise<IssueComment> {
    const route = 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}';
    return toIssueComment(await this.request<CommentJson>(route, { comment_id: commentId, body }));
  }

  async deleteIssueComment(commentId: number): Promise<void> {
    await this.request<unknown>('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', { comment_id: commentId });
  }

  /** Pull requests that contain the commit, or that merged into it (merge, squash and rebase). */
  async pullRequestsForCommit(sha: string): Promise<PullRequest[]> {
    const pulls = await this.paginate<PullRequestJson>('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', { commit_sha: sha });
    return pulls.map(toPullRequest);
  }

  async getPullRequest(pullNumber: number): Promise<PullRequest> {
    return toPullRequest(await this.request<PullRequestJson>('GET /repos/{owner}/{repo}/pulls/{pull_number}', { pull_number: pullNumber }));
  }

  async listPullRequests(filter: { state?: IssueState; base?: string } = {}): Promise<PullRequest[]> {
    const query = { state: filter.state ?? 'open', ...(filter.base ? { base: filter.base } : {}) };
    const pulls = await this.paginate<PullRequestJson>('GET /repos/{owner}/{repo}/pulls', query);
    return pulls.map(toPullRequest);
  }

  /** A file's text at a ref (branch, tag or sha); undefined when it does not exist there. */
  async readFile(path: string, ref: string): Promise<string | undefined> {
    const route = 'GET /repos/{owner}/{repo}/contents/{path}';
    let content: ContentJson | ContentJson[];
    try {
      content = await this.request<ContentJson | ContentJson[]>(route, { path, ref });
    } catch (error) {
      if (error instanceof GitHubApiError && error.notFound) return undefined;
      throw error;
    }
    if (Array.isArray(content) || content.type !== 'file') throw new Error(`${path} is not a file at ${ref}`);
    if (content.encoding !== 'base64' || typeof content.content !== 'string') {
      throw new Error(`${path} at ${ref} is too large for the contents API (${content.size ?? '?'} bytes)`);
    }
    return Buffer.from(content.content, 'base64').toString('utf8');
  }

  /** Issues only (the REST listing also returns pull requests; they are left out). */
  async listIssues(filter: { labels?: string[]; state?: IssueState } = {}): Promise<Issue[]> {
    const labels = filter.labels && filter.labels.length > 0 ? { labels: filter.labels.join(',') } : {};
    const issues = await this.paginate<IssueJson & { pull_request?: unknown }>('GET /repos/{owner}/{repo}/issues', {
      ...labels,
      state: filter.state ?? 'open',
    });
    return issues.filter((issue) => !issue.pull_request).map(toIssue);
  }

  async createIssue(fields: { title: string; body: string; labels?: string[] }): Promise<Issue> {
    return toIssue(await this.request<IssueJson>('POST /repos/{owner}/{repo}/issues', fields));
  }

  async updateIssue(
    issueNumber: number,
    fields: { title?: string; body?: string; state?: 'open' | 'closed'; labels?: string[] },
  ): Promise<Issue> {
    return toIssue(await this.request<IssueJson>('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { issue_number: issueNumber, ...fields }));
  }

  /** Creates a label; false when the repository has one of that name already. */
  async createLabel(fields: { name: string; color: string; description?: string }): Promise<boolean> {
    try {
      await this.request<unknown>('POST /repos/{owner}/{repo}/labels', fields);
      return true;
    } catch (error) {
      if (error instanceof GitHubApiError && error.status === 422 && error.apiMessage.includes('already_exists')) return false;
      throw error;
    }
  }

  /**
   * The login behind the token, when GitHub tells it: a personal access token's user. Installation
   * tokens (GITHUB_TOKEN, GitHub Apps) may not ask, so this is undefined for them; their comments
   * are written by a `Bot`.
   */
  authenticatedLogin(): Promise<string | undefined> {
    this.login ??= this.request<{ login: string }>('GET /user', {}).then(
      (user) => user.login,
      (error: unknown) => {
        if (error instanceof GitHubApiError && (error.status === 401 || error.status === 403)) return undefined;
        throw error;
      },
    );
    return this.login;
  }

  private api(): Promise<Octokit> {
    this.octokit ??= import('@actions/github').then(({ getOctokit }) => {
      const octokit = getOctokit(this.options.token, { baseUrl: this.options.apiUrl.replace(/\/+$/, '') });
      octokit.hook.before('request', () => {
        this.requestCount += 1;
      });
      return octokit;
    });
    return this.octokit;
  }

  private signal(): { signal: AbortSignal } {
    return { signal: AbortSignal.timeout(this.options.timeoutMs ?? defaultTimeoutMs) };
  }

  private listingSignal(): { signal: AbortSignal } {
    return { signal: AbortSignal.timeout(2 * (this.options.timeoutMs ?? defaultTimeoutMs)) };
  }

  private async request<T>(route: string, params: Record<string, unknown>): Promise<T> {
    const octokit = await this.api();
    const fullParams = { ...this.repository, ...params };
    try {
      const response = await octokit.request(route, { ...fullParams, request: this.signal() });
      return response.data as T;
    } catch (error) {
      throw asGitHubApiError(error, describeCall(route, fullParams));
    }
  }

  /** Every page, following GitHub's `Link: rel="next"` headers. */
  private async paginate<T>(route: string, params: Record<string, unknown>): Promise<T[]> {
    const octokit = await this.api();
    const fullParams = { ...this.repository, ...params };
    try {
      return (await octokit.paginate(route, { ...fullParams, per_page: pageSize, request: this.listingSignal() })) as T[];
    } catch (error) {
      throw asGitHubApiError(error, describeCall(route, fullParams));
    }
  }
}

/** `GET /repos/acme/sites/issues/7/comments`: the route with its parameters filled in. */
function describeCall(route: string, params: Record<string, unknown>): string {
  return route
    .replace('{owner}/{repo}', repositoryName({ owner: String(params['owner']), repo: String(params['repo']) }))
    .replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

interface OctokitErrorShape {
  status?: number;
  message?: string;
  response?: { data?: unknown };
  cause?: unknown;
}

function asGitHubApiError(error: unknown, call: string): GitHubApiError {
  if (error instanceof GitHubApiError) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as OctokitErrorShape;
  const answered = shape.response !== undefined && typeof shape.status === 'number';
  const message = answered ? apiMessage(shape.response?.data) : noAnswerMessage(error);
  return new GitHubApiError(call, answered ? shape.status : undefined, message);
}

/** GitHub's `message`, with the field errors of a 422 after it. */
function apiMessage(data: unknown): string {
  if (typeof data === 'string') return data || 'no message';
  const body = (typeof data === 'object' && data !== null ? data : {}) as { message?: unknown; errors?: unknown };
  const message = typeof body.message === 'string' ? body.message : 'no message';
  const details = Array.isArray(body.errors)
    ? body.errors.flatMap((item: unknown) => {
        const detail = item as { message?: unknown; field?: unknown; code?: unknown };
        if (typeof detail.message === 'string') return [detail.message];
        if (typeof detail.field === 'string') return [`${detail.field}: ${String(detail.code ?? 'invalid')}`];
        return [];
      })
    : [];
  return details.length > 0 ? `${message} (${details.join('; ')})` : message;
}

function noAnswerMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'no answer in time';
  const cause = (error as OctokitErrorShape).cause;
  return cause instanceof Error && cause.message !== error.message ? `${error.message} (${cause.message})` : error.message;
}
