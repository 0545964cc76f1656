import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parseChecksumsMarker } from '../../src/action/checksums-marker.js';
import { planCommentMarker } from '../../src/action/plan-comment.js';
import { runAction, workspace, type ActionRun } from '../../scripts/run-built.js';
import { startClosteSimulator, type ClosteSimulator } from '../../src/simulators/closte.js';
import { actionsBot, fakeSha, githubSimulatorToken, startGitHubSimulator, type FakeIssue, type GitHubSimulator } from '../../src/simulators/github.js';
import { startServerPilotSimulator, type ServerPilotSimulator } from '../../src/simulators/serverpilot.js';
import { assertNoUnmaskedSecret } from './unmasked-secrets.js';

/**
 * The bundled Action (dist/index.js) as the runner starts it, on pull_request, pull_request_target
 * and push events, against the ServerPilot and Closte simulators and the GitHub fake.
 */

const clientId = 'cid-workflows-0001';
const apiKey = 'sp-workflows-secret-51c9e2';
const closteKey = 'closte-workflows-secret-77ab';
const readOnlyToken = 'ghs_read_only_fork_token_0001';
const credentials = { WU_SERVER_PILOT_CLIENT_ID: clientId, WU_SERVER_PILOT_API_KEY: apiKey, CLOSTE_CLIENT_API_KEY: closteKey };
const secrets = [apiKey, closteKey, githubSimulatorToken, readOnlyToken];

describe('the Action in GitHub workflows', () => {
  let serverpilot: ServerPilotSimulator;
  let closte: ClosteSimulator;
  let github: GitHubSimulator;
  let dir: string;
  let config: string;
  const runs: ActionRun[] = [];

  before(async () => {
    serverpilot = await startServerPilotSimulator({ appId: 'app-workflows', clientId, apiKey });
    closte = await startClosteSimulator({ apiKey: closteKey });
    github = await startGitHubSimulator();
    github.grantToken(readOnlyToken, { user: actionsBot, access: 'read' });
    config = [
      'version: 1',
      'defaults:',
      '  removals: sync',
      'hosts:',
      '  production:',
      '    provider: serverpilot',
      '    app: app-workflows',
      `    api_url: ${serverpilot.apiUrl}`,
      '    domains: [example.com]',
      '  edge:',
      '    provider: closte',
      `    api_url: ${closte.apiUrl}`,
      '    domains: [example.org]',
      '',
    ].join('\n');
    dir = await workspace({ 'domains.yml': config });
  });
  after(async () => {
    await Promise.all([serverpilot.close(), closte.close(), github.close()]);
    assertNoUnmaskedSecret(runs, secrets);
  });
  beforeEach(() => {
    serverpilot.requests.splice(0);
    closte.requests.splice(0);
  });

  /** A workflow step: the runner's variables for this event, the payload written to a file. */
  async function step(event: string, payload: unknown, inputs: Record<string, string>, env: Record<string, string> = {}, cwd = dir): Promise<ActionRun> {
    const eventPath = join(cwd, `event-${runs.length}.json`);
    await writeFile(eventPath, JSON.stringify(payload));
    const run = await runAction(
      { 'github-token': githubSimulatorToken, ...inputs },
      {
        ...credentials,
        GITHUB_EVENT_NAME: event,
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REPOSITORY: github.repository,
        GITHUB_API_URL: github.apiUrl,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: String(9000 + runs.length),
        GITHUB_SHA: fakeSha(`sha-${runs.length}`),
        ...env,
      },
      cwd,
    );
    runs.push(run);
    return run;
  }

  function pullRequestPayload(pull: FakeIssue): unknown {
    const branch = (b: { ref: string; sha: string; repository: string | null }): unknown => ({
      ref: b.ref,
      sha: b.sha,
      repo: b.repository === null ? null : { full_name: b.repository },
    });
    return {
      action: 'synchronize',
      number: pull.number,
      pull_request: { number: pull.number, head: branch(pull.pull!.head), base: branch(pull.pull!.base) },
      repository: { full_name: github.repository, default_branch: 'main' },
    };
  }

  function planComments(pullNumber: number): string[] {
    return github.comments(pullNumber).filter((comment) => comment.body.includes(planCommentMarker)).map((comment) => comment.body);
  }

  function log(run: ActionRun): string {
    return run.stdout + run.stderr;
  }

  test('pull_request: one sticky plan comment, created, then updated in place with "no changes"', async () => {
    serverpilot.seed([{ name: 'old.example.com' }]);
    closte.seed([]);
    const pull = github.addPullRequest();
    github.addComment(pull.number, 'Looks good to me');

    const first = await step('pull_request', pullRequestPayload(pull), {});
    assert.equal(first.code, 0, log(first));
    assert.equal(first.stdout.split('\n')[0], 'mode: plan (auto: a pull_request event)');
    assert.equal(first.outputs['result'], 'changes');
    const [body] = planComments(pull.number);
    assert.ok(body, 'a plan comment was posted');
    assert.match(body, /### production \(serverpilot\)/);
    assert.match(body, /\| remove \| `old\.example\.com` \|/);
    assert.match(body, /### edge \(closte\)/);
    assert.deepEqual(parseChecksumsMarker(body)?.plan, first.outputs['plan-checksum']);
    assert.match(first.summary, new RegExp(`Plan comment posted on \\[pull request #${pull.number}\\]`));
    assert.match(first.summary, /\| production \(serverpilot\) \| 1 \|\n\| edge \(closte\) \| 1 \|\n\| GitHub \| 2 \|/);
    assert.equal(serverpilot.requestsTo('POST').length, 0, 'a plan writes nothing');

    serverpilot.seed([{ name: 'example.com' }, { name: 'www.example.com' }]);
    closte.seed([{ name: 'example.org' }, { name: 'www.example.org' }]);
    const second = await step('pull_request', pullRequestPayload(pull), {});
    assert.equal(second.code, 0, log(second));
    assert.equal(second.outputs['result'], 'no-changes');
    const comments = planComments(pull.number);
    assert.equal(comments.length, 1, 'updated, never duplicated');
    assert.match(comments[0]!, /No changes\. The hosts match domains\.yml\./);
    assert.match(second.summary, /Plan comment updated on/);
    assert.equal(github.comments(pull.number).length, 2, "the reviewer's comment is left alone");
  });

  test('comment: false leaves the pull request alone', async () => {
    const pull = github.addPullRequest();
    const run = await step('pull_request', pullRequestPayload(pull), { comment: 'false' });
    assert.equal(run.code, 0, log(run));
    assert.deepEqual(github.comments(pull.number), []);
  });

  test('a fork: validate, explained in the summary and the comment, no credentials needed, not a failure', async () => {
    const pull = github.addPullRequest({ head: { repository: 'someone/sites' } });
    const run = await step('pull_request', pullRequestPayload(pull), {}, { WU_SERVER_PILOT_API_KEY: '', CLOSTE_CLIENT_API_KEY: '' });
    assert.equal(run.code, 0, log(run));
    assert.match(run.stdout.split('\n')[0]!, /^mode: validate \(auto: a pull_request event would plan, but pull request #\d+ comes from someone\/sites/);
    assert.equal(run.outputs['result'], 'no-changes');
    assert.deepEqual(JSON.parse(run.outputs['hosts-matrix']!), ['production', 'edge']);
    assert.match(run.summary, /> \*\*Note:\*\* No plan was made: pull request #\d+ comes from someone\/sites/);
    const [body] = planComments(pull.number);
    assert.match(body!, /## domain-sync validate\n\n> \*\*Note:\*\* No plan was made/);
    assert.equal(serverpilot.requests.length + closte.requests.length, 0, 'no host is read');
    assert.doesNotMatch(log(run), /::error/);
  });

  test("a fork's read-only token: the comment is a warning, never a failed step", async () => {
    const pull = github.addPullRequest({ head: { repository: 'someone/sites' } });
    const run = await step('pull_request', pullRequestPayload(pull), { 'github-token': readOnlyToken });
    assert.equal(run.code, 0, log(run));
    assert.match(run.stdout, /::warning::The plan comment on pull request #\d+ could not be written: GitHub API POST .* answered 403: Resource not accessible by integration\. The job needs `permissions: pull-requests: write`/);
    assert.match(run.summary, /> \*\*Warning:\*\* the plan comment on pull request #\d+ could not be written/);
    assert.deepEqual(github.comments(pull.number), []);
  });

  test("pull_request_target: domains.yml comes from the base branch, never the working tree", async () => {
    serverpilot.seed([]);
    closte.seed([]);
    const headConfig = config.replace('domains: [example.com]', 'domains: [example.com, attacker.example.net]');
    const checkout = await workspace({ 'domains.yml': headConfig });
    const pull = github.addPullRequest({ head: { repository: 'someone/sites' } });
    github.setFile(pull.pull!.base.sha, 'domains.yml', config);
    const run = await step('pull_request_target', pullRequestPayload(pull), {}, {}, checkout);
    assert.equal(run.code, 0, log(run));
    assert.equal(run.stdout.split('\n')[0], 'mode: plan (auto: a pull_request_target event)');
    const added = JSON.parse(run.outputs['added']!) as { name: string }[];
    assert.ok(added.some((entry) => entry.name === 'example.com'));
    assert.equal(added.some((entry) => entry.name === 'attacker.example.net'), false, "the pull request's file is never read");
    assert.match(run.summary, /This pull_request_target run read domains\.yml from the base branch main \([0-9a-f]{7}\), not from the pull request/);
    assert.match(planComments(pull.number)[0]!, /This pull_request_target run read domains\.yml from the base branch/);
  });

  test('pull_request_target: an invalid base file is annotated on its line of domains.yml', async () => {
    const checkout = await workspace({ 'domains.yml': config });
    const pull = github.addPullRequest();
    github.setFile(pull.pull!.base.sha, 'domains.yml', 'version: 1\nhosts:\n  production:\n    provider: serverpilot\n    domains: [example.com]\n');
    const run = await step('pull_request_target', pullRequestPayload(pull), {}, {}, checkout);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^::error title=Invalid configuration,file=domains\.yml,line=3,col=3::hosts\.production: /m);
    assert.doesNotMatch(run.stdout + run.summary, /domain-sync-base-/, 'the temporary copy is never shown');
  });

  test('push with expect-checksum: from-pr applies the reviewed plan, and refuses one that changed since review, naming the host', async () => {
    serverpilot.seed([]);
    closte.seed([]);
    const reviewed = github.addPullRequest();
    const plan = await step('pull_request', pullRequestPayload(reviewed), {});
    assert.equal(plan.outputs['result'], 'changes', log(plan));
    github.mergePullRequest(reviewed.number, fakeSha('merge-reviewed'));

    const push = (sha: string): Promise<ActionRun> =>
      step(
        'push',
        { ref: 'refs/heads/main', after: sha, repository: { full_name: github.repository, default_branch: 'main' } },
        { 'expect-checksum': 'from-pr', 'ssl-wait': 'false' },
        { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha },
      );
    const applied = await push(fakeSha('merge-reviewed'));
    assert.equal(applied.code, 0, log(applied));
    assert.equal(applied.stdout.split('\n')[0], 'mode: apply (auto: a push to the default branch main)');
    assert.equal(applied.outputs['result'], 'applied');
    assert.match(log(applied), new RegExp(`applying only the plan reviewed in pull request #${reviewed.number}`));
    assert.deepEqual(serverpilot.hostnames().sort(), ['example.com', 'www.example.com']);
    assert.deepEqual(closte.hostnames().sort(), ['example.org', 'www.example.org']);

    const drifting = github.addPullRequest();
    serverpilot.seed([{ name: 'example.com' }]);
    await step('pull_request', pullRequestPayload(drifting), {});
    github.mergePullRequest(drifting.number, fakeSha('merge-drifting'));
    closte.seed([{ name: 'example.org' }]);
    serverpilot.requests.splice(0);
    closte.requests.splice(0);
    const refused = await push(fakeSha('merge-drifting'));
    assert.equal(refused.code, 1);
    assert.equal(refused.outputs['result'], 'failed');
    assert.match(log(refused), new RegExp(`::error::The plan differs from the one reviewed in pull request #${drifting.number}: edge changed since review; nothing was changed on any host`));
    assert.equal(serverpilot.requestsTo('POST').length + closte.requestsTo('POST').length, 0, 'no host was written');
    assert.deepEqual(serverpilot.hostnames(), ['example.com']);
  });

  test('push with expect-checksum: from-pr and no merged pull request: refused before any host is read', async () => {
    const run = await step(
      'push',
      { ref: 'refs/heads/main', repository: { full_name: github.repository, default_branch: 'main' } },
      { 'expect-checksum': 'from-pr' },
      { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: fakeSha('pushed-without-review') },
    );
    assert.equal(run.code, 1);
    assert.equal(run.outputs['result'], 'failed');
    assert.match(log(run), /::error::expect-checksum: from-pr needs the plan reviewed in the pull request that merged commit [0-9a-f]{7}, but no merged pull request is associated with that commit/);
    assert.match(run.summary, /Nothing was changed on any host\./);
    assert.equal(serverpilot.requests.length + closte.requests.length, 0);
  });

  test('plan-checksum covers the changes only: planning one host gives the same, and apply accepts it as expect-checksum', async () => {
    serverpilot.seed([{ name: 'example.com' }]);
    closte.seed([{ name: 'example.org' }, { name: 'www.example.org' }]);
    const dispatch = { repository: { full_name: github.repository, default_branch: 'main' } };

    const all = await step('workflow_dispatch', dispatch, { mode: 'plan' });
    assert.equal(all.code, 0, log(all));
    assert.equal(all.outputs['changes'], '1', 'only production has something to do');
    const production = await step('workflow_dispatch', dispatch, { mode: 'plan', hosts: 'production' });
    assert.equal(production.code, 0, log(production));
    assert.equal(production.outputs['plan-checksum'], all.outputs['plan-checksum']);

    const apply = await step('workflow_dispatch', dispatch, { mode: 'apply', 'ssl-wait': 'false', 'expect-checksum': all.outputs['plan-checksum']! });
    assert.equal(apply.code, 0, log(apply));
    assert.equal(apply.outputs['result'], 'applied');
    assert.deepEqual(serverpilot.hostnames().sort(), ['example.com', 'www.example.com']);
  });

  test('pull_request: a plan that a guard would refuse fails the step, after the comment and the summary show the refusal', async () => {
    const removable = ['a', 'b', 'c', 'd', 'e', 'f'].map((label) => ({ name: `${label}.example.net` }));
    serverpilot.seed([{ name: 'example.com' }, { name: 'www.example.com' }, ...removable]);
    closte.seed([{ name: 'example.org' }, { name: 'www.example.org' }]);
    const pull = github.addPullRequest();

    const run = await step('pull_request', pullRequestPayload(pull), {});
    assert.equal(run.code, 1, log(run));
    assert.equal(run.outputs['result'], 'failed');
    const [body] = planComments(pull.number);
    assert.ok(body, 'the plan comment was still posted');
    assert.match(body, /### Refused/);
    assert.match(body, /\*\*production\*\* \(`--force` lifts it\): max-removals: /);
    assert.match(run.summary, /### Refused/);
    assert.match(run.summary, /Plan comment posted/);
    const failure = run.stdout.indexOf('::error::production: max-removals: ');
    assert.ok(failure > run.stdout.indexOf('Plan comment posted'), `the step fails after the comment:\n${run.stdout}`);
    assert.equal(serverpilot.requestsTo('POST').length, 0, 'a plan writes nothing');
  });
});
