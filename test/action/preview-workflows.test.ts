import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { planCommentMarker } from '../../src/action/plan-comment.js';
import type { RecordedRequest } from '../../src/simulators/fake-server.js';
import { fakeSha, githubSimulatorToken, startGitHubSimulator, type FakeIssue, type GitHubSimulator } from '../../src/simulators/github.js';
import { configDirectory, panelsConfig, runCloudAppId, startPanels, Transcript, type Panels, type TimedActionRun } from '../e2e/panels.js';

/**
 * Preview domains through the bundled Action (dist/index.js): pull request events against the
 * RunCloud simulator (the previews host), the TLS simulator that serves what the panel issues,
 * and the GitHub fake; then the scheduled check's reaper.
 */

const issuanceDelayMs = 300;
const pattern = 'pr-{number}.preview.example.de';
const preview = (pullNumber: number): string => pattern.replace('{number}', String(pullNumber));
const production = [{ name: `app${runCloudAppId}.runcloud.link`, type: 'primary' }, { name: 'example.de', www: true }];

describe('preview domains per pull request, through the bundled Action', () => {
  let panels: Panels;
  let github: GitHubSimulator;
  let transcript: Transcript;
  let directory: string;
  let runs = 0;

  before(async () => {
    panels = await startPanels({ issuanceDelayMs });
    github = await startGitHubSimulator();
    transcript = new Transcript(() => panels.env);
    const config = `${panelsConfig(panels, { production: [], eu: ['example.de'] })}previews:\n  host: eu\n  domain: "${pattern}"\n`;
    directory = await configDirectory(config);
    panels.runcloud.seed(production);
  });
  after(async () => {
    await Promise.all([panels.close(), github.close()]);
    assert.ok(transcript.size > 0);
    transcript.assertNoSecrets();
  });

  /** A workflow step on this event; the inputs a preview workflow sets to reach the TLS simulator. */
  async function step(event: string, payload: unknown, inputs: Record<string, string> = {}): Promise<TimedActionRun> {
    const eventPath = join(directory, `event-${++runs}.json`);
    await writeFile(eventPath, JSON.stringify(payload));
    return transcript.action(
      { 'github-token': githubSimulatorToken, 'connect-to': panels.tls.connectTo, 'ssl-interval': '0.1', 'ssl-timeout': '15', ...inputs },
      directory,
      {
        GITHUB_EVENT_NAME: event,
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REPOSITORY: github.repository,
        GITHUB_API_URL: github.apiUrl,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: String(5000 + runs),
        GITHUB_SHA: fakeSha(`preview-run-${runs}`),
      },
    );
  }

  function pullRequestEvent(pull: FakeIssue, action: string): unknown {
    const branch = (b: { ref: string; sha: string; repository: string | null }): unknown => ({
      ref: b.ref,
      sha: b.sha,
      repo: b.repository === null ? null : { full_name: b.repository },
    });
    return {
      action,
      number: pull.number,
      pull_request: { number: pull.number, head: branch(pull.pull!.head), base: branch(pull.pull!.base) },
      repository: { full_name: github.repository, default_branch: 'main' },
    };
  }

  const scheduleEvent = { schedule: '17 6 * * *', repository: { full_name: 'acme/sites', default_branch: 'main' } };

  function writesSince(since: number): string[] {
    return panels.runcloud.requests
      .slice(since)
      .filter((request: RecordedRequest) => request.method !== 'GET')
      .map((request) => `${request.method} ${request.path.replace(/^.*\/webapps\/\d+/, '')}`);
  }

  function planComments(pullNumber: number): string[] {
    return github.comments(pullNumber).filter((comment) => comment.body.includes(planCommentMarker)).map((comment) => comment.body);
  }

  function log(run: TimedActionRun): string {
    return run.stdout + run.stderr;
  }

  test('opened: the plan is commented, then the preview is added and waited for until its certificate is valid', async () => {
    const pull = github.addPullRequest();
    const name = preview(pull.number);
    const since = panels.runcloud.requests.length;
    const redeploys = panels.runcloud.redeploys;

    const run = await step('pull_request', pullRequestEvent(pull, 'opened'));
    assert.equal(run.code, 0, log(run));
    assert.equal(run.outputs['result'], 'no-changes', 'the main sync is not the preview');
    assert.equal(run.outputs['added'], '[]');
    assert.equal(run.outputs['hosts-matrix'], '["production","eu"]');
    assert.equal(log(run).match(/No changes\. The hosts match domains\.yml\./g)?.length, 1, `one closing line: ${log(run)}`);
    assert.doesNotMatch(log(run), /Applied/);
    assert.match(run.stdout, new RegExp(`^Preview ${name.replaceAll('.', '\\.')} is live on eu: certificate ok, expires \\d{4}-\\d\\d-\\d\\d\\.$`, 'm'));
    assert.ok(panels.runcloud.hostnames().includes(name));
    assert.deepEqual(writesSince(since), ['POST /domains', `PUT /ssl/77`], 'one add and one certificate request');
    assert.equal(panels.runcloud.redeploys, redeploys + 1);

    const [body] = planComments(pull.number);
    assert.ok(body, 'a plan comment was posted');
    assert.match(body, /No changes\. The hosts match domains\.yml\./);
    const live = new RegExp(`### Preview\\n\\n\\*\\*\\[https://${name.replaceAll('.', '\\.')}\\]\\(https://${name.replaceAll('.', '\\.')}\\)\\*\\* is live: certificate ok, expires \\d{4}-\\d\\d-\\d\\d\\.`);
    assert.match(body, live);
    assert.match(run.summary, live);
    assert.match(run.summary, /\| eu \(runcloud\): preview \| \d+ \|/);
  });

  test('synchronize: the preview stays, nothing is written and no certificate is asked for again', async () => {
    const pull = github.addPullRequest();
    await step('pull_request', pullRequestEvent(pull, 'opened'));
    const since = panels.runcloud.requests.length;
    const redeploys = panels.runcloud.redeploys;

    const pushed = await step('pull_request', pullRequestEvent(pull, 'synchronize'));
    assert.equal(pushed.code, 0, log(pushed));
    assert.deepEqual(writesSince(since), []);
    assert.equal(panels.runcloud.redeploys, redeploys);
    const comments = planComments(pull.number);
    assert.equal(comments.length, 1, 'the same comment, edited');
    assert.match(comments[0]!, /is live: certificate ok/);
  });

  test('closed: the preview is removed, nothing is planned, and the plan comment keeps the reviewed plan', async () => {
    const pull = github.addPullRequest();
    await step('pull_request', pullRequestEvent(pull, 'opened'));
    const reviewed = planComments(pull.number);
    github.mergePullRequest(pull.number, fakeSha(`merge-${pull.number}`));
    const since = panels.runcloud.requests.length;

    const closed = await step('pull_request', pullRequestEvent(pull, 'closed'));
    assert.equal(closed.code, 0, log(closed));
    assert.equal(closed.outputs['result'], 'no-changes', 'removing the preview is not an apply of domains.yml');
    assert.equal(closed.outputs['changes'], '0');
    assert.equal(closed.outputs['added'], '[]');
    assert.equal(closed.outputs['removed'], '[]', 'the outputs describe the main sync, which is not planned');
    assert.equal(closed.outputs['hosts-matrix'], '["production","eu"]', "the file's hosts");
    const plan = JSON.parse(closed.outputs['plan']!) as { mode: string; result: string; hosts: unknown[]; previews?: { removed: string[] } };
    assert.deepEqual([plan.mode, plan.result, plan.hosts], ['plan', 'no-changes', []]);
    assert.deepEqual(plan.previews?.removed, [preview(pull.number)]);
    const name = preview(pull.number).replaceAll('.', '\\.');
    assert.doesNotMatch(log(closed), /Applied|No changes/);
    assert.match(closed.stdout, new RegExp(`^Preview ${name} was removed from eu\\.$`, 'm'));
    assert.match(closed.summary, /^## domain-sync plan\n/);
    assert.doesNotMatch(closed.summary, /Applied|No changes/);
    assert.match(closed.summary, new RegExp(`### Preview\n\nThe preview domain \`${name}\` was removed from eu\\.`));
    assert.equal(panels.runcloud.hostnames().includes(preview(pull.number)), false);
    assert.deepEqual(writesSince(since).map((write) => write.split(' ')[0]), ['DELETE']);
    assert.deepEqual(panels.runcloud.domains().map((domain) => domain.name).filter((n) => !n.startsWith('pr-')), production.map((d) => d.name));
    assert.deepEqual(planComments(pull.number), reviewed, 'the plan comment is left as it was reviewed');
    assert.match(closed.summary, /nothing is planned, and its plan comment is left as it is/);
  });

  test('a preview whose certificate never comes fails the step, and the comment says why', async () => {
    const pull = github.addPullRequest();
    const name = preview(pull.number);
    const issue = panels.runcloud.onCertificatesRequested;
    panels.runcloud.onCertificatesRequested = () => undefined;
    let run: TimedActionRun;
    try {
      run = await step('pull_request', pullRequestEvent(pull, 'opened'), { 'ssl-timeout': '1' });
    } finally {
      panels.runcloud.onCertificatesRequested = issue;
    }
    assert.equal(run.code, 1, log(run));
    assert.equal(run.outputs['result'], 'no-changes', 'the plan itself succeeded');
    assert.match(run.stdout, new RegExp(`::error::The preview ${name.replaceAll('.', '\\.')}: ${name.replaceAll('.', '\\.')} \\(eu\\): certificate timeout`));
    assert.match(planComments(pull.number)[0]!, /\*\* was added to eu, but its certificate is not valid: timeout \(wrong-certificate\): /);
  });

  test('a preview the panel refuses fails the step once, naming the preview, without repeating the annotated error', async () => {
    const pull = github.addPullRequest();
    const name = preview(pull.number);
    panels.runcloud.inject({ method: 'POST', path: '/domains', fault: { kind: 'respond', response: { status: 422, body: { message: 'The name is not allowed.' } } } });
    const run = await step('pull_request', pullRequestEvent(pull, 'opened'));
    assert.equal(run.code, 1, log(run));
    const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'));
    assert.equal(errors.filter((line) => line.includes('not allowed')).length, 1, errors.join('\n'));
    assert.ok(errors.some((line) => line === `::error::The preview ${name}: it failed, as the errors above say`), errors.join('\n'));
  });

  test('a fork: no preview, and the comment says why', async () => {
    const pull = github.addPullRequest({ head: { repository: 'someone/sites' } });
    const since = panels.runcloud.requests.length;
    const run = await step('pull_request', pullRequestEvent(pull, 'opened'));
    assert.equal(run.code, 0, log(run));
    assert.deepEqual(panels.runcloud.requests.slice(since), [], 'no host is read without secrets');
    assert.match(planComments(pull.number)[0]!, new RegExp(`No preview domain \\(${preview(pull.number).replaceAll('.', '\\.')}\\): pull request #${pull.number} comes from someone/sites`));
  });

  test('a scheduled check removes the previews of pull requests closed while no run happened, and keeps the open ones', async () => {
    const open = github.addPullRequest();
    const missed = github.addPullRequest();
    github.mergePullRequest(missed.number, fakeSha(`merge-missed-${missed.number}`));
    panels.runcloud.seed([...production, { name: preview(open.number) }, { name: preview(missed.number) }, { name: preview(9999) }]);

    const check = await step('schedule', scheduleEvent);
    assert.equal(check.code, 0, log(check));
    assert.equal(check.outputs['result'], 'no-changes', 'reaped previews are not drift');
    const names = panels.runcloud.hostnames();
    assert.ok(names.includes(preview(open.number)), 'the open pull request keeps its preview');
    assert.equal(names.includes(preview(missed.number)), false);
    assert.equal(names.includes(preview(9999)), false);
    assert.ok(names.includes('example.de') && names.includes('www.example.de'));
    const plan = JSON.parse(check.outputs['plan']!) as { hosts: { id: string; apiCalls: number }[]; previews?: { removed: string[]; kept: string[] } };
    assert.ok(plan.hosts.find((host) => host.id === 'eu')!.apiCalls > 3, "the reaper's reads and removals are counted with the host's calls");
    assert.deepEqual(plan.previews?.removed.sort(), [preview(missed.number), preview(9999)].sort());
    assert.ok(plan.previews?.kept.includes(preview(open.number)));
    assert.match(check.summary, /### Previews on eu\n\n- Removed \(pull request closed\): /);
  });

  test('a failed pull request listing reaps nothing, with a warning', async () => {
    const closedLongAgo = github.addPullRequest();
    github.mergePullRequest(closedLongAgo.number, fakeSha(`merge-old-${closedLongAgo.number}`));
    panels.runcloud.seed([...production, { name: preview(closedLongAgo.number) }]);
    github.inject({ method: 'GET', path: /\/repos\/[^/]+\/[^/]+\/pulls$/, fault: { kind: 'respond', response: { status: 500, body: { message: 'Server Error' } } } });
    const since = panels.runcloud.requests.length;
    const listings = github.requestsTo('GET', /\/pulls$/).length;

    const check = await step('schedule', scheduleEvent);
    assert.equal(check.code, 0, log(check));
    assert.ok(panels.runcloud.hostnames().includes(preview(closedLongAgo.number)), 'kept: the open pull requests are unknown');
    assert.deepEqual(writesSince(since), []);
    assert.equal(github.requestsTo('GET', /\/pulls$/).length, listings + 1, 'the listing was asked for, and failed');
    assert.match(check.stdout, /::warning::The previews of closed pull requests were not removed this time: the open pull requests could not be listed: GitHub API GET \/repos\/acme\/sites\/pulls answered 500/);
    assert.match(check.summary, /> \*\*Note:\*\* The previews of closed pull requests were not removed this time/);
  });
});
