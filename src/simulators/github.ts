import { FakeHttpServer, type FakeResponse, type RecordedRequest } from './fake-server.js';

/**
 * A stateful GitHub REST API on loopback for the Action's tests: one repository with issues, pull
 * requests (they share numbers, as on GitHub), comments, labels, files per ref and the
 * commit → pull requests association. Like GitHub it checks the token, answers a write with a
 * read-only token with 403, paginates with `Link` headers (`per_page` up to 100, default 30),
 * refuses bodies over 65,536 characters with 422, and lists pull requests among the issues.
 */

export interface FakeGitHubUser {
  login: string;
  /** `Bot` for `github-actions[bot]` and GitHub Apps, `User` for people. */
  type: 'Bot' | 'User';
}

export interface TokenGrant {
  user: FakeGitHubUser;
  /** read: like GITHUB_TOKEN on a pull request from a fork. */
  access: 'read' | 'write';
}

export interface GitHubSimulatorOptions {
  /** `owner/repo`; default `acme/sites`. */
  repository?: string;
  defaultBranch?: string;
  /** Accepted tokens; default: `githubSimulatorToken` for `github-actions[bot]`, with write access. */
  tokens?: Record<string, TokenGrant>;
  /** Base of `html_url`s; default `https://github.com`. */
  serverUrl?: string;
}

export const githubSimulatorToken = 'ghs_simulator_token_0123456789';
export const actionsBot: FakeGitHubUser = { login: 'github-actions[bot]', type: 'Bot' };
export const githubBodyLimit = 65_536;

export interface FakeComment {
  id: number;
  issueNumber: number;
  body: string;
  user: FakeGitHubUser;
  createdAt: string;
  updatedAt: string;
}

export interface FakeBranch {
  ref: string;
  sha: string;
  /** `owner/repo`; null when the fork was deleted. */
  repository: string | null;
}

export interface FakePullRequestState {
  head: FakeBranch;
  base: FakeBranch;
  mergedAt: string | null;
  mergeCommitSha: string | null;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  user: FakeGitHubUser;
  createdAt: string;
  /** Present on pull requests. */
  pull?: FakePullRequestState;
}

export interface PullRequestSeed {
  title?: string;
  state?: 'open' | 'closed';
  head?: Partial<FakeBranch>;
  base?: Partial<FakeBranch>;
  /** Merged: the commit the merge made on the base branch. Implies `state: closed`. */
  mergeCommitSha?: string;
  labels?: string[];
  user?: FakeGitHubUser;
}

const epoch = Date.UTC(2025, 0, 1);
const defaultPageSize = 30;
const maxPageSize = 100;
const repoRoute = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/;

export class GitHubSimulator extends FakeHttpServer {
  readonly repository: string;
  readonly defaultBranch: string;
  private readonly tokens: Map<string, TokenGrant>;
  private readonly serverUrl: string;
  private readonly issueList: FakeIssue[] = [];
  private readonly commentList: FakeComment[] = [];
  private readonly labelNames = new Set<string>();
  private readonly commitPulls = new Map<string, Set<number>>();
  private readonly files = new Map<string, string>();
  private ticks = 0;
  private nextCommentId = 1_000_001;

  constructor(options: GitHubSimulatorOptions = {}) {
    super();
    this.repository = options.repository ?? 'acme/sites';
    this.defaultBranch = options.defaultBranch ?? 'main';
    this.tokens = new Map(Object.entries(options.tokens ?? { [githubSimulatorToken]: { user: actionsBot, access: 'write' } }));
    this.serverUrl = options.serverUrl ?? 'https://github.com';
  }

  /** GITHUB_API_URL for this fake. */
  get apiUrl(): string {
    return this.url;
  }

  grantToken(token: string, grant: TokenGrant): void {
    this.tokens.set(token, grant);
  }

  addPullRequest(seed: PullRequestSeed = {}): FakeIssue {
    const number = this.issueList.length + 1;
    const merged = seed.mergeCommitSha !== undefined;
    const issue: FakeIssue = {
      number,
      title: seed.title ?? `Pull request ${number}`,
      body: '',
      state: merged ? 'closed' : (seed.state ?? 'open'),
      labels: [...(seed.labels ?? [])],
      user: seed.user ?? { login: 'octocat', type: 'User' },
      createdAt: this.now(),
      pull: {
        head: { ref: `feature-${number}`, sha: fakeSha(`head-${number}`), repository: this.repository, ...seed.head },
        base: { ref: this.defaultBranch, sha: fakeSha(`base-${number}`), repository: this.repository, ...seed.base },
        mergedAt: merged ? this.now() : null,
        mergeCommitSha: seed.mergeCommitSha ?? null,
      },
    };
    for (const label of issue.labels) this.labelNames.add(label);
    this.issueList.push(issue);
    return issue;
  }

  /** Merges an open pull request: the base branch gets `mergeCommitSha`. */
  mergePullRequest(number: number, mergeCommitSha: string): void {
    const issue = this.issueList.find((candidate) => candidate.number === number && candidate.pull);
    if (!issue?.pull) throw new Error(`no pull request #${number}`);
    issue.state = 'closed';
    issue.pull.mergedAt = this.now();
    issue.pull.mergeCommitSha = mergeCommitSha;
  }

  /** Besides its head and merge commits, a pull request is associated with the commits given here. */
  associateCommit(sha: string, pullNumber: number): void {
    const pulls = this.commitPulls.get(sha) ?? new Set<number>();
    pulls.add(pullNumber);
    this.commitPulls.set(sha, pulls);
  }

  /** A file's text at a ref (a branch name or a commit sha). */
  setFile(ref: string, path: string, text: string): void {
    this.files.set(`${ref}:${path}`, text);
  }

  addIssue(seed: { title: string; body?: string; labels?: string[]; state?: 'open' | 'closed'; user?: FakeGitHubUser }): FakeIssue {
    const issue: FakeIssue = {
      number: this.issueList.length + 1,
      title: seed.title,
      body: seed.body ?? '',
      state: seed.state ?? 'open',
      labels: [...(seed.labels ?? [])],
      user: seed.user ?? actionsBot,
      createdAt: this.now(),
    };
    for (const label of issue.labels) this.labelNames.add(label);
    this.issueList.push(issue);
    return issue;
  }

  /** A comment written by someone other than the Action (default: a person). */
  addComment(issueNumber: number, body: string, user: FakeGitHubUser = { login: 'octocat', type: 'User' }): FakeComment {
    const time = this.now();
    const comment = { id: this.nextCommentId++, issueNumber, body, user, createdAt: time, updatedAt: time };
    this.commentList.push(comment);
    return comment;
  }

  comments(issueNumber: number): FakeComment[] {
    return this.commentList.filter((comment) => comment.issueNumber === issueNumber).map((comment) => ({ ...comment }));
  }

  issues(): FakeIssue[] {
    return this.issueList.map((issue) => ({ ...issue, labels: [...issue.labels] }));
  }

  labels(): string[] {
    return [...this.labelNames].sort();
  }

  protected handle(request: RecordedRequest): FakeResponse {
    const grant = this.authenticate(request);
    if ('status' in grant) return grant;
    if (request.method !== 'GET' && grant.access !== 'write') return error(403, 'Resource not accessible by integration');
    if (request.path === '/user' && request.method === 'GET') {
      if (grant.user.type === 'Bot') return error(403, 'Resource not accessible by integration');
      return { status: 200, body: userJson(grant.user) };
    }
    const match = repoRoute.exec(request.path);
    if (!match || `${decodeURIComponent(match[1]!)}/${decodeURIComponent(match[2]!)}`.toLowerCase() !== this.repository.toLowerCase()) {
      return error(404, 'Not Found');
    }
    return this.handleRepository(request, match[3] ?? '', grant.user);
  }

  private handleRepository(request: RecordedRequest, rest: string, user: FakeGitHubUser): FakeResponse {
    const { method } = request;
    let m: RegExpExecArray | null;
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const issue = this.findIssue(Number(m[1]));
      if (!issue) return error(404, 'Not Found');
      if (method === 'GET') return this.page(request, this.commentList.filter((c) => c.issueNumber === issue.number).map((c) => this.commentJson(c)));
      if (method === 'POST') return this.createComment(issue, request.body, user);
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const comment = this.commentList.find((candidate) => candidate.id === Number(m![1]));
      if (!comment) return error(404, 'Not Found');
      if (method === 'GET') return { status: 200, body: this.commentJson(comment) };
      if (method === 'PATCH') return this.editComment(comment, request.body);
      if (method === 'DELETE') {
        this.commentList.splice(this.commentList.indexOf(comment), 1);
        return { status: 204 };
      }
    }
    if (rest === '/issues') {
      if (method === 'GET') return this.page(request, this.listIssues(request.query).map((issue) => this.issueJson(issue)));
      if (method === 'POST') return this.createIssue(request.body, user);
    }
    if ((m = /^\/issues\/(\d+)$/.exec(rest))) {
      const issue = this.findIssue(Number(m[1]));
      if (!issue) return error(404, 'Not Found');
      if (method === 'GET') return { status: 200, body: this.issueJson(issue) };
      if (method === 'PATCH') return this.editIssue(issue, request.body);
    }
    if ((m = /^\/issues\/(\d+)\/labels$/.exec(rest)) && method === 'POST') {
      const issue = this.findIssue(Number(m[1]));
      if (!issue) return error(404, 'Not Found');
      const labels = labelsFrom(isRecord(request.body) ? request.body['labels'] : request.body);
      if (!labels) return validationFailed('Label', 'labels', 'labels must be an array of names');
      for (const label of labels) if (!issue.labels.includes(label)) issue.labels.push(label);
      for (const label of labels) this.labelNames.add(label);
      return { status: 200, body: issue.labels.map(labelJson) };
    }
    if (rest === '/labels') {
      if (method === 'GET') return this.page(request, this.labels().map(labelJson));
      if (method === 'POST') {
        const name = isRecord(request.body) ? request.body['name'] : undefined;
        if (typeof name !== 'string' || name === '') return validationFailed('Label', 'name', 'name is missing');
        if (this.labelNames.has(name)) return validationFailed('Label', 'name', 'already_exists');
        this.labelNames.add(name);
        return { status: 201, body: labelJson(name) };
      }
    }
    if (rest === '/pulls' && method === 'GET') {
      const state = request.query['state'] ?? 'open';
      const base = request.query['base'];
      const pulls = this.pulls().filter((pull) => (state === 'all' || pull.state === state) && (!base || pull.pull!.base.ref === base));
      return this.page(request, pulls.reverse().map((pull) => this.pullJson(pull)));
    }
    if ((m = /^\/pulls\/(\d+)$/.exec(rest)) && method === 'GET') {
      const pull = this.pulls().find((candidate) => candidate.number === Number(m![1]));
      return pull ? { status: 200, body: this.pullJson(pull) } : error(404, 'Not Found');
    }
    if ((m = /^\/commits\/([^/]+)\/pulls$/.exec(rest)) && method === 'GET') {
      return this.page(request, this.pullsForCommit(decodeURIComponent(m[1]!)).map((pull) => this.pullJson(pull)));
    }
    if ((m = /^\/contents\/(.+)$/.exec(rest)) && method === 'GET') {
      return this.readContent(decodeURIComponent(m[1]!), request.query['ref'] ?? this.defaultBranch);
    }
    return error(404, 'Not Found');
  }

  private authenticate(request: RecordedRequest): TokenGrant | FakeResponse {
    const header = request.headers['authorization'];
    if (!header) return error(401, 'Requires authentication');
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(header)?.[1];
    const grant = token === undefined ? undefined : this.tokens.get(token);
    return grant ?? error(401, 'Bad credentials');
  }

  private createComment(issue: FakeIssue, body: unknown, user: FakeGitHubUser): FakeResponse {
    const text = isRecord(body) ? body['body'] : undefined;
    if (typeof text !== 'string' || text === '') return validationFailed('IssueComment', 'body', 'body is missing');
    if (text.length > githubBodyLimit) return tooLong('IssueComment');
    const comment = this.addComment(issue.number, text, user);
    return { status: 201, body: this.commentJson(comment) };
  }

  private editComment(comment: FakeComment, body: unknown): FakeResponse {
    const text = isRecord(body) ? body['body'] : undefined;
    if (typeof text !== 'string' || text === '') return validationFailed('IssueComment', 'body', 'body is missing');
    if (text.length > githubBodyLimit) return tooLong('IssueComment');
    comment.body = text;
    comment.updatedAt = this.now();
    return { status: 200, body: this.commentJson(comment) };
  }

  private createIssue(body: unknown, user: FakeGitHubUser): FakeResponse {
    if (!isRecord(body) || typeof body['title'] !== 'string' || body['title'] === '') {
      return validationFailed('Issue', 'title', 'title is missing');
    }
    const text = typeof body['body'] === 'string' ? body['body'] : '';
    if (text.length > githubBodyLimit) return tooLong('Issue');
    const labels = body['labels'] === undefined ? [] : labelsFrom(body['labels']);
    if (!labels) return validationFailed('Issue', 'labels', 'labels must be an array of names');
    const issue = this.addIssue({ title: body['title'], body: text, labels, user });
    return { status: 201, body: this.issueJson(issue) };
  }

  private editIssue(issue: FakeIssue, body: unknown): FakeResponse {
    if (!isRecord(body)) return validationFailed('Issue', 'body', 'the request body must be an object');
    if (body['title'] !== undefined) {
      if (typeof body['title'] !== 'string' || body['title'] === '') return validationFailed('Issue', 'title', 'title is missing');
      issue.title = body['title'];
    }
    if (body['body'] !== undefined) {
      const text = typeof body['body'] === 'string' ? body['body'] : '';
      if (text.length > githubBodyLimit) return tooLong('Issue');
      issue.body = text;
    }
    if (body['state'] !== undefined) {
      if (body['state'] !== 'open' && body['state'] !== 'closed') return validationFailed('Issue', 'state', 'invalid');
      issue.state = body['state'];
    }
    if (body['labels'] !== undefined) {
      const labels = labelsFrom(body['labels']);
      if (!labels) return validationFailed('Issue', 'labels', 'labels must be an array of names');
      issue.labels = labels;
      for (const label of labels) this.labelNames.add(label);
    }
    return { status: 200, body: this.issueJson(issue) };
  }

  private listIssues(query: Record<string, string>): FakeIssue[] {
    const state = query['state'] ?? 'open';
    const wanted = (query['labels'] ?? '').split(',').map((label) => label.trim()).filter((label) => label !== '');
    return this.issueList
      .filter((issue) => state === 'all' || issue.state === state)
      .filter((issue) => wanted.every((label) => issue.labels.includes(label)))
      .reverse();
  }

  private pullsForCommit(sha: string): FakeIssue[] {
    const extra = this.commitPulls.get(sha) ?? new Set<number>();
    return this.pulls().filter((pull) => pull.pull!.head.sha === sha || pull.pull!.mergeCommitSha === sha || extra.has(pull.number));
  }

  private readContent(path: string, ref: string): FakeResponse {
    const text = this.files.get(`${ref}:${path}`);
    if (text === undefined) return error(404, 'Not Found');
    const content = Buffer.from(text, 'utf8').toString('base64').replace(/(.{60})/g, '$1\n');
    const name = path.split('/').pop() ?? path;
    return {
      status: 200,
      body: { type: 'file', encoding: 'base64', size: Buffer.byteLength(text), name, path, sha: fakeSha(`${ref}:${path}:${text}`), content },
    };
  }

  /** One page of a listing, with GitHub's `Link` header pointing at the others. */
  private page(request: RecordedRequest, items: unknown[]): FakeResponse {
    const perPage = Math.min(maxPageSize, Math.max(1, Number(request.query['per_page'] ?? defaultPageSize) || defaultPageSize));
    const lastPage = Math.max(1, Math.ceil(items.length / perPage));
    const pageNumber = Math.max(1, Number(request.query['page'] ?? 1) || 1);
    const slice = items.slice((pageNumber - 1) * perPage, pageNumber * perPage);
    const link = (page: number, rel: string): string => {
      const query = new URLSearchParams({ ...request.query, per_page: String(perPage), page: String(page) });
      return `<${this.url}${request.path}?${query}>; rel="${rel}"`;
    };
    const links = [
      ...(pageNumber > 1 ? [link(pageNumber - 1, 'prev'), link(1, 'first')] : []),
      ...(pageNumber < lastPage ? [link(pageNumber + 1, 'next'), link(lastPage, 'last')] : []),
    ];
    return { status: 200, body: slice, headers: links.length > 0 ? { link: links.join(', ') } : {} };
  }

  private pulls(): FakeIssue[] {
    return this.issueList.filter((issue) => issue.pull !== undefined);
  }

  private findIssue(number: number): FakeIssue | undefined {
    return this.issueList.find((issue) => issue.number === number);
  }

  private commentJson(comment: FakeComment): Record<string, unknown> {
    return {
      id: comment.id,
      node_id: `IC_${comment.id}`,
      body: comment.body,
      user: userJson(comment.user),
      html_url: `${this.serverUrl}/${this.repository}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
      issue_url: `${this.url}/repos/${this.repository}/issues/${comment.issueNumber}`,
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
    };
  }

  private issueJson(issue: FakeIssue): Record<string, unknown> {
    const kind = issue.pull ? 'pull' : 'issues';
    return {
      id: 500_000 + issue.number,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      labels: issue.labels.map(labelJson),
      user: userJson(issue.user),
      html_url: `${this.serverUrl}/${this.repository}/${kind}/${issue.number}`,
      comments: this.commentList.filter((comment) => comment.issueNumber === issue.number).length,
      created_at: issue.createdAt,
      ...(issue.pull ? { pull_request: { html_url: `${this.serverUrl}/${this.repository}/pull/${issue.number}` } } : {}),
    };
  }

  private pullJson(issue: FakeIssue): Record<string, unknown> {
    const pull = issue.pull!;
    const branch = (b: FakeBranch): Record<string, unknown> => ({
      ref: b.ref,
      sha: b.sha,
      repo: b.repository === null ? null : { full_name: b.repository, fork: b.repository !== this.repository },
    });
    return {
      id: 700_000 + issue.number,
      number: issue.number,
      state: issue.state,
      title: issue.title,
      html_url: `${this.serverUrl}/${this.repository}/pull/${issue.number}`,
      user: userJson(issue.user),
      labels: issue.labels.map(labelJson),
      merged_at: pull.mergedAt,
      merge_commit_sha: pull.mergeCommitSha,
      head: branch(pull.head),
      base: branch(pull.base),
    };
  }

  /** Deterministic, increasing timestamps. */
  private now(): string {
    return new Date(epoch + 1000 * this.ticks++).toISOString();
  }
}

export async function startGitHubSimulator(options: GitHubSimulatorOptions = {}): Promise<GitHubSimulator> {
  const simulator = new GitHubSimulator(options);
  await simulator.listen();
  return simulator;
}

/** A 40-hex-digit commit id made from a seed, for tests. */
export function fakeSha(seed: string): string {
  let hash = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 40; round++) {
    for (const char of `${seed}#${round}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
    out += hash.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}

function userJson(user: FakeGitHubUser): Record<string, unknown> {
  return { login: user.login, type: user.type, id: fakeId(user.login) };
}

function labelJson(name: string): Record<string, unknown> {
  return { id: fakeId(name), name, color: 'ededed' };
}

function fakeId(text: string): number {
  return Number.parseInt(fakeSha(text).slice(0, 8), 16);
}

function labelsFrom(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const names = value.map((label: unknown) => (isRecord(label) ? label['name'] : label));
  return names.every((name): name is string => typeof name === 'string' && name !== '') ? names : undefined;
}

function error(status: number, message: string): FakeResponse {
  return { status, body: { message, documentation_url: 'https://docs.github.com/rest', status: String(status) } };
}

function validationFailed(resource: string, field: string, message: string): FakeResponse {
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [{ resource, code: 'custom', field, message }],
      documentation_url: 'https://docs.github.com/rest',
      status: '422',
    },
  };
}

function tooLong(resource: string): FakeResponse {
  return validationFailed(resource, 'body', `body is too long (maximum is ${githubBodyLimit} characters)`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
