import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { readActionInputs, type ActionInputs } from '../../src/action/inputs.js';
import { pullRequestPreview } from '../../src/action/pull-request-preview.js';
import { systemClock } from '../../src/clock.js';
import type { DesiredState } from '../../src/config/desired-state.js';
import { loadConfig } from '../../src/config/load-config.js';
import { silentLogger } from '../../src/log.js';
import { withRunnerEnv } from './runner-env.js';

const config = [
  'version: 1',
  'defaults:',
  '  removals: sync',
  'hosts:',
  '  production:',
  '    provider: serverpilot',
  '    app: app-1',
  '    domains: [example.com]',
  '  eu:',
  '    provider: runcloud',
  '    server: 1',
  '    app: 2',
  '    domains: [example.de]',
  'previews:',
  '  host: eu',
  '  domain: "pr-{number}.preview.example.de"',
  '',
].join('\n');

describe('what a pull request event means for its preview domain', () => {
  let dir: string;
  let desired: DesiredState;
  let withoutPreviews: DesiredState;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'domain-sync-preview-event-'));
    await writeFile(join(dir, 'domains.yml'), config);
    await writeFile(join(dir, 'plain.yml'), config.slice(0, config.indexOf('previews:')));
    desired = await loadConfig(join(dir, 'domains.yml'));
    withoutPreviews = await loadConfig(join(dir, 'plain.yml'));
  });

  async function inputsFor(event: string, action: string | undefined, options: { fork?: boolean; inputs?: Record<string, string> } = {}): Promise<ActionInputs> {
    const eventPath = join(dir, `event-${event}-${action ?? 'none'}-${options.fork ? 'fork' : 'same'}.json`);
    const head = options.fork ? 'someone/sites' : 'acme/sites';
    await writeFile(
      eventPath,
      JSON.stringify({
        ...(action ? { action } : {}),
        pull_request: { number: 42, base: { ref: 'main', sha: 'b'.repeat(40), repo: { full_name: 'acme/sites' } }, head: { sha: 'h'.repeat(40), repo: { full_name: head } } },
      }),
    );
    const env = { GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: eventPath, GITHUB_REPOSITORY: 'acme/sites' };
    return withRunnerEnv(options.inputs ?? {}, env, () => readActionInputs({ env, clock: systemClock, log: silentLogger, onSecret: () => undefined }));
  }

  test('opened, reopened and synchronize open the preview after the plan', async () => {
    for (const action of ['opened', 'reopened', 'synchronize']) {
      const decision = pullRequestPreview(await inputsFor('pull_request', action), desired);
      assert.deepEqual(decision, { request: { number: 42, action: 'open' }, skipPlan: false }, action);
    }
  });

  test('closed removes it instead of planning, and says the plan comment is left alone', async () => {
    const decision = pullRequestPreview(await inputsFor('pull_request', 'closed'), desired);
    assert.deepEqual(decision.request, { number: 42, action: 'close' });
    assert.equal(decision.skipPlan, true);
    assert.match(decision.note ?? '', /^Pull request #42 was closed: nothing is planned, and its plan comment is left as it is\.$/);
  });

  test('pull_request_target opens previews too: it has secrets', async () => {
    const decision = pullRequestPreview(await inputsFor('pull_request_target', 'opened', { fork: true }), desired);
    assert.deepEqual(decision, { request: { number: 42, action: 'open' }, skipPlan: false });
  });

  test("a fork's pull_request has no secrets: no preview, and the note says why", async () => {
    const decision = pullRequestPreview(await inputsFor('pull_request', 'opened', { fork: true }), desired);
    assert.equal(decision.request, undefined);
    assert.equal(decision.skipPlan, false);
    assert.match(decision.note ?? '', /^No preview domain \(pr-42\.preview\.example\.de\): pull request #42 comes from someone\/sites, and GitHub gives runs for a fork's pull request no secrets/);
  });

  test('no previews in the file: plan as always; a closed pull request plans nothing', async () => {
    assert.deepEqual(pullRequestPreview(await inputsFor('pull_request', 'opened'), withoutPreviews), { skipPlan: false });
    const closed = pullRequestPreview(await inputsFor('pull_request', 'closed'), withoutPreviews);
    assert.equal(closed.skipPlan, true);
    assert.equal(closed.request, undefined);
    assert.match(closed.note ?? '', /has no `previews:`, so there is no preview domain to remove\.$/);
  });

  test('other actions (edited, labeled) and payloads without one only plan', async () => {
    assert.deepEqual(pullRequestPreview(await inputsFor('pull_request', 'labeled'), desired), { skipPlan: false });
    assert.deepEqual(pullRequestPreview(await inputsFor('pull_request', undefined), desired), { skipPlan: false });
  });

  test('an explicit mode never opens previews, and never skips the plan', async () => {
    const decision = pullRequestPreview(await inputsFor('pull_request', 'closed', { inputs: { mode: 'plan' } }), desired);
    assert.deepEqual(decision, { skipPlan: false });
  });

  test('a hosts input without the previews host: no preview, said so', async () => {
    const decision = pullRequestPreview(await inputsFor('pull_request', 'opened', { inputs: { hosts: 'production' } }), desired);
    assert.equal(decision.request, undefined);
    assert.match(decision.note ?? '', /the previews host eu is not among the hosts this run acts on/);
  });
});
