import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { driftFirstSeen, driftIssueLabel, driftIssueMarker } from '../../src/report/drift-issue.js';
import { runAction, workspace, type ActionRun } from '../../scripts/run-built.js';
import { actionsBot, fakeSha, githubSimulatorToken, startGitHubSimulator, type FakeIssue, type GitHubSimulator } from '../../src/simulators/github.js';
import { startServerPilotSimulator, type ServerPilotSimulator } from '../../src/simulators/serverpilot.js';
import { assertNoUnmaskedSecret } from './unmasked-secrets.js';

/**
 * Scheduled checks with `drift-issue: true` through the bundled Action (dist/index.js), against
 * the ServerPilot simulator and the GitHub fake: one issue, opened, updated, closed.
 */

const clientId = 'cid-drift-issue-0001';
const apiKey = 'sp-drift-issue-secret-4f0c';
const readOnlyToken = 'ghs_read_only_drift_token_0001';
const inSync = [{ name: 'example.com' }, { name: 'www.example.com' }];

describe('the drift issue of scheduled checks, through the bundled Action', () => {
  let serverpilot: ServerPilotSimulator;
  let github: GitHubSimulator;
  let dir: string;
  const runs: ActionRun[] = [];

  before(async () => {
    serverpilot = await startServerPilotSimulator({ appId: 'app-drift', clientId, apiKey });
    github = await startGitHubSimulator();
    github.grantToken(readOnlyToken, { user: actionsBot, access: 'read' });
    const config = [
      'version: 1',
      'defaults:',
      '  removals: sync',
      'hosts:',
      '  production:',
      '    provider: serverpilot',
      '    app: app-drift',
      `    api_url: ${serverpilot.apiUrl}`,
      '    domains: [example.com]',
      '',
    ].join('\n');
    dir = await workspace({ 'domains.yml': config });
  });
  after(async () => {
    await Promise.all([serverpilot.close(), github.close()]);
    assertNoUnmaskedSecret(runs, [apiKey, githubSimulatorToken, readOnlyToken]);
  });

  async function check(inputs: Record<string, string> = {}): Promise<ActionRun> {
    const eventPath = join(dir, `event-${runs.length}.json`);
    await writeFile(eventPath, JSON.stringify({ schedule: '17 6 * * *', repository: { full_name: github.repository, default_branch: 'main' } }));
    const run = await runAction(
      { 'github-token': githubSimulatorToken, 'drift-issue': 'true', 'fail-on-drift': 'false', ...inputs },
      {
        WU_SERVER_PILOT_CLIENT_ID: clientId,
        WU_SERVER_PILOT_API_KEY: apiKey,
        GITHUB_EVENT_NAME: 'schedule',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REPOSITORY: github.repository,
        GITHUB_API_URL: github.apiUrl,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: String(7000 + runs.length),
        GITHUB_SHA: fakeSha(`drift-${runs.length}`),
      },
      dir,
    );
    runs.push(run);
    return run;
  }

  function openDriftIssues(): FakeIssue[] {
    return github.issues().filter((issue) => issue.state === 'open' && issue.labels.includes(driftIssueLabel) && !issue.pull);
  }

  function log(run: ActionRun): string {
    return run.stdout + run.stderr;
  }

  test('opened on drift, updated by later checks (one issue, first seen kept), closed with a comment once in sync', async () => {
    const forged = github.addIssue({
      title: 'Domain drift',
      body: `${driftIssueMarker}\n<!-- domain-sync:drift-since 2001-01-01T00:00:00.000Z -->\nnot written by the Action`,
      labels: [driftIssueLabel],
      user: { login: 'mallory', type: 'User' },
    });
    serverpilot.seed([{ name: 'example.com' }]);

    const first = await check();
    assert.equal(first.code, 0, log(first));
    assert.equal(first.outputs['result'], 'drift');
    const opened = openDriftIssues().filter((issue) => issue.number !== forged.number);
    assert.equal(opened.length, 1, 'one issue opened');
    const issue = opened[0]!;
    assert.equal(issue.user.login, 'github-actions[bot]');
    assert.equal(issue.title, 'Domain drift: production');
    assert.match(issue.body, /\| `www\.example\.com` \| in domains\.yml, missing on the host \| add \|/);
    assert.ok(github.labels().includes(driftIssueLabel));
    const firstSeen = driftFirstSeen(issue.body);
    assert.ok(firstSeen, 'the issue says since when');
    assert.notEqual(firstSeen, '2001-01-01T00:00:00.000Z', "the forged issue's time is not carried over");
    assert.match(first.summary, new RegExp(`Drift issue opened: \\[#${issue.number}\\]`));

    serverpilot.seed([{ name: 'example.com' }, { name: 'stale.example.com' }]);
    const second = await check();
    assert.equal(second.code, 0, log(second));
    const updated = github.issues().find((candidate) => candidate.number === issue.number)!;
    assert.equal(updated.state, 'open');
    assert.match(updated.body, /\| `stale\.example\.com` \| on the host, not in domains\.yml \| remove \|/);
    assert.equal(driftFirstSeen(updated.body), firstSeen, 'first seen is kept');
    assert.deepEqual(openDriftIssues().map((candidate) => candidate.number).sort(), [forged.number, issue.number].sort(), 'never a second issue');
    assert.match(second.summary, new RegExp(`Drift issue updated: \\[#${issue.number}\\]`));

    serverpilot.seed(inSync);
    const third = await check();
    assert.equal(third.code, 0, log(third));
    assert.equal(third.outputs['result'], 'no-changes');
    assert.equal(github.issues().find((candidate) => candidate.number === issue.number)!.state, 'closed');
    const [closing] = github.comments(issue.number);
    assert.match(closing!.body, /^The drift is gone: the host matches `domains\.yml` again/);
    assert.match(third.summary, new RegExp(`Drift issue closed: \\[#${issue.number}\\]`));
    const untouched = github.issues().find((candidate) => candidate.number === forged.number)!;
    assert.equal(untouched.state, 'open', "someone else's issue with the marker is left alone");
    assert.match(untouched.body, /not written by the Action/);
    assert.deepEqual(github.comments(forged.number), []);

    const quiet = await check();
    assert.equal(quiet.code, 0, log(quiet));
    assert.equal(github.comments(issue.number).length, 1, 'a closed issue gets no second comment');
    assert.doesNotMatch(quiet.summary, /Drift issue/);
  });

  test('fail-on-drift decides the step: the issue is written either way', async () => {
    serverpilot.seed([{ name: 'example.com' }]);
    const run = await check({ 'fail-on-drift': 'true' });
    assert.equal(run.code, 1);
    assert.match(log(run), /::error::Drift: 1 to add, 0 to change, 0 to remove, 0 to move\. \(set fail-on-drift: false/);
    const mine = openDriftIssues().filter((issue) => issue.user.type === 'Bot');
    assert.equal(mine.length, 1);
    assert.match(run.summary, new RegExp(`Drift issue opened: \\[#${mine[0]!.number}\\]`));
  });

  test('a token that cannot write issues: a warning, and the step status is still fail-on-drift alone', async () => {
    serverpilot.seed([{ name: 'example.com' }, { name: 'other.example.com' }]);
    const before = github.issues().map((issue) => [issue.number, issue.body]);
    const run = await check({ 'github-token': readOnlyToken });
    assert.equal(run.code, 0, log(run));
    assert.match(run.stdout, /::warning::The drift issue could not be written: GitHub API PATCH \/repos\/acme\/sites\/issues\/\d+ answered 403: Resource not accessible by integration\. The job needs `permissions: issues: write`\./);
    assert.match(run.summary, /> \*\*Warning:\*\* the drift issue could not be written/);
    assert.deepEqual(github.issues().map((issue) => [issue.number, issue.body]), before);
    serverpilot.seed(inSync);
  });
});
