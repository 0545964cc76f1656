import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { driftVerdict, findDriftIssue, syncDriftIssue } from '../../src/action/drift-issue-sync.js';
import { GitHubClient } from '../../src/github/github-client.js';
import { parseRepository } from '../../src/github/repository.js';
import { driftIssueLabel, driftIssueMarker } from '../../src/report/drift-issue.js';
import { githubSimulatorToken, startGitHubSimulator, type GitHubSimulator } from '../../src/simulators/github.js';
import type { RunResult } from '../../src/result.js';
import { hostOutcome, runResult } from '../cli/run-result-fixture.js';

const personalToken = 'ghp_maintainer_drift_000';
const now = Date.UTC(2030, 0, 1, 6, 17);

function checked(overrides: Partial<RunResult> = {}): RunResult {
  return runResult({ mode: 'check', result: 'no-changes', hosts: [hostOutcome({ id: 'production' })], ...overrides });
}

const drifted = checked({ result: 'drift', hosts: [hostOutcome({ id: 'production', changes: [{ action: 'add', name: 'shop.example.com', wildcard: false }] })] });
const unreadable = checked({ result: 'failed', hosts: [hostOutcome({ id: 'production', error: 'production: 503' })] });

describe('driftVerdict', () => {
  test('changes or a bad certificate are drift; all hosts read and matching is in sync', () => {
    assert.equal(driftVerdict(drifted), 'drift');
    assert.equal(driftVerdict(checked({ ssl: [{ name: 'example.com', host: 'production', state: 'expiring', detail: '3 days' }] })), 'drift');
    assert.equal(driftVerdict(checked({ ssl: [{ name: 'cdn.example.com', host: 'production', state: 'skipped', detail: 'ssl: false' }] })), 'in-sync');
    assert.equal(driftVerdict(checked()), 'in-sync');
  });

  test('a host that could not be read leaves it unknown; an invalid file or another mode says nothing', () => {
    assert.equal(driftVerdict(unreadable), 'unknown');
    const invalid = checked({ result: 'failed', hosts: [], configIssues: [{ location: { file: 'domains.yml', line: 1, column: 1, path: '' }, message: 'bad' }] });
    assert.equal(driftVerdict(invalid), undefined);
    assert.equal(driftVerdict({ ...drifted, mode: 'plan' }), undefined);
  });
});

describe('syncDriftIssue against the GitHub fake', () => {
  let github: GitHubSimulator;
  const client = (token = githubSimulatorToken): GitHubClient =>
    new GitHubClient({ token, apiUrl: github.apiUrl, repository: parseRepository(github.repository) });

  before(async () => {
    github = await startGitHubSimulator();
    github.grantToken(personalToken, { user: { login: 'maintainer', type: 'User' }, access: 'write' });
  });
  after(() => github.close());

  test('in sync with no issue open, or unknown with none: nothing is written', async () => {
    assert.equal(await syncDriftIssue(client(), checked(), { now }), undefined);
    assert.equal(await syncDriftIssue(client(), unreadable, { now }), undefined);
    assert.deepEqual(github.issues(), []);
    assert.deepEqual(github.requestsTo('POST'), []);
  });

  test('an existing label is reused; an unreadable host updates the open issue and keeps it open', async () => {
    github.addIssue({ title: 'unrelated', labels: [driftIssueLabel] });
    const opened = await syncDriftIssue(client(), drifted, { now, runUrl: 'https://github.com/acme/sites/actions/runs/1' });
    assert.equal(opened?.action, 'opened');
    assert.deepEqual(opened?.issue.labels, [driftIssueLabel]);
    assert.equal(github.labels().filter((label) => label === driftIssueLabel).length, 1);

    const updated = await syncDriftIssue(client(), unreadable, { now: now + 86_400_000 });
    assert.equal(updated?.action, 'updated');
    assert.equal(updated?.issue.number, opened?.issue.number);
    assert.equal(updated?.issue.state, 'open');
    assert.match(updated!.issue.body, /> \*\*Could not be checked:\*\* production: 503/);
    assert.match(updated!.issue.body, /\*\*First seen:\*\* 2030-01-01 06:17 UTC/);

    const closed = await syncDriftIssue(client(), checked(), { now });
    assert.equal(closed?.action, 'closed');
    assert.equal(await findDriftIssue(client()), undefined);
  });

  test("with a personal access token, the token user's own issue is the drift issue", async () => {
    const opened = await syncDriftIssue(client(personalToken), drifted, { now });
    assert.equal(opened?.action, 'opened');
    github.addIssue({ title: 'copy', body: `${driftIssueMarker}\nby someone else`, labels: [driftIssueLabel], user: { login: 'mallory', type: 'User' } });
    const found = await findDriftIssue(client(personalToken));
    assert.equal(found?.number, opened?.issue.number);
    assert.equal((await syncDriftIssue(client(personalToken), drifted, { now }))?.issue.number, opened?.issue.number);
  });
});
