import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { GitHubApiError } from '../../src/github/github-api-error.js';
import { GitHubClient } from '../../src/github/github-client.js';
import { parseRepository } from '../../src/github/repository.js';
import { actionsBot, fakeSha, githubSimulatorToken, startGitHubSimulator, type GitHubSimulator } from '../../src/simulators/github.js';

const personalToken = 'ghp_personal_token_abcdef';
const readOnlyToken = 'ghs_read_only_token_abcdef';

describe('GitHubClient against the GitHub simulator', () => {
  let github: GitHubSimulator;
  const client = (token = githubSimulatorToken): GitHubClient =>
    new GitHubClient({ token, apiUrl: github.apiUrl, repository: parseRepository(github.repository) });

  before(async () => {
    github = await startGitHubSimulator({
      tokens: {
        [githubSimulatorToken]: { user: actionsBot, access: 'write' },
        [personalToken]: { user: { login: 'maintainer', type: 'User' }, access: 'write' },
        [readOnlyToken]: { user: actionsBot, access: 'read' },
      },
    });
  });
  after(() => github.close());
  beforeEach(() => github.requests.splice(0));

  test('comments: created, listed across pages in order, edited and deleted; the token is sent as GitHub expects', async () => {
    const pull = github.addPullRequest();
    for (let index = 0; index < 130; index++) github.addComment(pull.number, `comment ${index}`);
    const api = client();
    const comments = await api.listIssueComments(pull.number);
    assert.equal(comments.length, 130);
    assert.deepEqual(comments.slice(0, 2).map((c) => c.body), ['comment 0', 'comment 1']);
    assert.equal(comments.at(-1)!.body, 'comment 129');
    assert.equal(github.requestsTo('GET', `/repos/acme/sites/issues/${pull.number}/comments`).length, 2, 'two pages of 100');
    assert.equal(api.calls, 2);
    assert.equal(github.requests[0]!.headers['authorization'], `token ${githubSimulatorToken}`);

    const created = await api.createIssueComment(pull.number, 'hello');
    assert.deepEqual(created.user, actionsBot);
    assert.match(created.url, /^https:\/\/github\.com\/acme\/sites\/issues\/\d+#issuecomment-\d+$/);
    const edited = await api.updateIssueComment(created.id, 'hello again');
    assert.equal(edited.id, created.id);
    assert.equal(github.comments(pull.number).at(-1)!.body, 'hello again');
    await api.deleteIssueComment(created.id);
    assert.equal(github.comments(pull.number).length, 130);
  });

  test('pull requests of a commit: by merge commit, head commit or association', async () => {
    const merged = github.addPullRequest({ mergeCommitSha: fakeSha('merge-1') });
    const open = github.addPullRequest({ head: { sha: fakeSha('head-x') } });
    github.associateCommit(fakeSha('merge-1'), open.number);
    const api = client();
    const forMerge = await api.pullRequestsForCommit(fakeSha('merge-1'));
    assert.deepEqual(forMerge.map((p) => p.number).sort(), [merged.number, open.number].sort());
    const mergedPull = forMerge.find((p) => p.number === merged.number)!;
    assert.equal(mergedPull.mergeCommitSha, fakeSha('merge-1'));
    assert.ok(mergedPull.mergedAt);
    assert.equal(mergedPull.state, 'closed');
    assert.deepEqual((await api.pullRequestsForCommit(fakeSha('head-x'))).map((p) => p.number), [open.number]);
    assert.deepEqual(await api.pullRequestsForCommit(fakeSha('nothing')), []);
    assert.equal((await api.getPullRequest(open.number)).head.repository, 'acme/sites');
    assert.ok((await api.listPullRequests()).some((p) => p.number === open.number));
    assert.equal((await api.listPullRequests()).some((p) => p.number === merged.number), false, 'open ones only by default');
  });

  test('files at a ref, in folders too; a missing file is undefined', async () => {
    github.setFile(fakeSha('base'), 'infra/domains.yml', 'version: 1\n# münchen\n'.repeat(20));
    const api = client();
    assert.equal(await api.readFile('infra/domains.yml', fakeSha('base')), 'version: 1\n# münchen\n'.repeat(20));
    assert.equal(await api.readFile('infra/domains.yml', 'main'), undefined);
  });

  test('issues by label, without the pull requests GitHub lists among them; created, updated, closed', async () => {
    github.addPullRequest({ labels: ['domain-sync'] });
    const api = client();
    const issue = await api.createIssue({ title: 'Drift', body: 'found', labels: ['domain-sync', 'drift'] });
    assert.deepEqual(issue.labels, ['domain-sync', 'drift']);
    assert.deepEqual((await api.listIssues({ labels: ['domain-sync'] })).map((i) => i.number), [issue.number]);
    assert.deepEqual(await api.listIssues({ labels: ['other'] }), []);
    const closed = await api.updateIssue(issue.number, { state: 'closed', body: 'fixed' });
    assert.equal(closed.state, 'closed');
    assert.deepEqual(await api.listIssues({ labels: ['domain-sync'] }), []);
    assert.equal((await api.listIssues({ labels: ['domain-sync'], state: 'all' }))[0]!.body, 'fixed');
    assert.ok(github.labels().includes('drift'));
  });

  test('errors name the call and carry GitHub answer, never the token', async () => {
    const pull = github.addPullRequest();
    const denied = await client(readOnlyToken).createIssueComment(pull.number, 'x').catch((error: unknown) => error);
    assert.ok(denied instanceof GitHubApiError);
    assert.equal(denied.status, 403);
    assert.equal(denied.forbidden, true);
    assert.equal(denied.message, `GitHub API POST /repos/acme/sites/issues/${pull.number}/comments answered 403: Resource not accessible by integration`);

    const tooLong = await client().createIssueComment(pull.number, 'x'.repeat(65_537)).catch((error: unknown) => error);
    assert.ok(tooLong instanceof GitHubApiError);
    assert.equal(tooLong.status, 422);
    assert.match(tooLong.message, /Validation Failed \(body is too long \(maximum is 65536 characters\)\)/);
    await client().createIssueComment(pull.number, 'x'.repeat(65_536));

    const badToken = await client('ghs_wrong').listIssueComments(pull.number).catch((error: unknown) => error);
    assert.ok(badToken instanceof GitHubApiError);
    assert.equal(badToken.status, 401);
    assert.doesNotMatch(badToken.message, /ghs_wrong/);
  });

  test('no answer: the error says so without a status', async () => {
    const closed = await startGitHubSimulator();
    const url = closed.apiUrl;
    await closed.close();
    const api = new GitHubClient({ token: githubSimulatorToken, apiUrl: url, repository: parseRepository('acme/sites') });
    const failure = await api.getPullRequest(1).catch((error: unknown) => error);
    assert.ok(failure instanceof GitHubApiError);
    assert.equal(failure.status, undefined);
    assert.match(failure.message, /^GitHub API GET \/repos\/acme\/sites\/pulls\/1 failed: /);
  });

  test('the login behind a personal token; none for an installation token', async () => {
    assert.equal(await client(personalToken).authenticatedLogin(), 'maintainer');
    assert.equal(await client().authenticatedLogin(), undefined);
  });
});
