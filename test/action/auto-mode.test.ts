import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { forkFallback, resolveAutoMode, type WorkflowEvent } from '../../src/action/auto-mode.js';
import { readWorkflowEvent } from '../../src/action/workflow-event.js';

describe('resolveAutoMode', () => {
  const table: Array<[WorkflowEvent, string, RegExp]> = [
    [{ name: 'push', ref: 'refs/heads/main', defaultBranch: 'main' }, 'apply', /push to the default branch main/],
    [{ name: 'push', ref: 'refs/heads/feature', defaultBranch: 'main' }, 'plan', /push to feature, not the default branch main/],
    [{ name: 'push' }, 'apply', /push event/],
    [{ name: 'workflow_dispatch' }, 'apply', /workflow_dispatch/],
    [{ name: 'pull_request', ref: 'refs/pull/7/merge' }, 'plan', /pull_request/],
    [{ name: 'pull_request_target' }, 'plan', /pull_request_target/],
    [{ name: 'schedule' }, 'check', /schedule/],
    [{ name: 'release' }, 'plan', /a release event, which only plans/],
    [{ name: '' }, 'plan', /no GITHUB_EVENT_NAME/],
  ];
  for (const [event, mode, reason] of table) {
    test(`${event.name || '(none)'} ${event.ref ?? ''} → ${mode}`, () => {
      const resolved = resolveAutoMode(event);
      assert.equal(resolved.mode, mode);
      assert.match(resolved.reason, reason);
    });
  }
});

describe('readWorkflowEvent', () => {
  test('reads the name, the ref and the default branch from the payload', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'domain-sync-event-'));
    const payload = join(dir, 'event.json');
    await writeFile(payload, JSON.stringify({ ref: 'refs/heads/trunk', repository: { default_branch: 'trunk' } }));
    const event = readWorkflowEvent({ GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/trunk', GITHUB_EVENT_PATH: payload });
    assert.deepEqual(event, { name: 'push', ref: 'refs/heads/trunk', defaultBranch: 'trunk' });
    assert.equal(resolveAutoMode(event).mode, 'apply');
  });

  test('a missing or unreadable payload leaves the default branch unknown', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'domain-sync-event-'));
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ not json');
    assert.deepEqual(readWorkflowEvent({ GITHUB_EVENT_NAME: 'schedule', GITHUB_EVENT_PATH: broken }), { name: 'schedule' });
    assert.deepEqual(readWorkflowEvent({ GITHUB_EVENT_PATH: join(dir, 'absent.json') }), { name: '' });
  });
});

describe('readWorkflowEvent: pull requests', () => {
  async function payloadFile(payload: unknown): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'domain-sync-event-'));
    const path = join(dir, 'event.json');
    await writeFile(path, JSON.stringify(payload));
    return path;
  }
  const pullRequest = (head: unknown) => ({
    pull_request: {
      number: 12,
      base: { ref: 'main', sha: 'a1b2c3d'.padEnd(40, '0'), repo: { full_name: 'acme/sites' } },
      head: { sha: 'f00d'.padEnd(40, '0'), repo: head },
    },
  });

  test('the number, the base commit, the head and whether it comes from a fork', async () => {
    const path = await payloadFile(pullRequest({ full_name: 'ACME/sites' }));
    const event = readWorkflowEvent({ GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_EVENT_PATH: path, GITHUB_SHA: 'c'.repeat(40), GITHUB_REPOSITORY: 'acme/sites' });
    assert.deepEqual(event, {
      name: 'pull_request_target',
      sha: 'c'.repeat(40),
      repository: 'acme/sites',
      pullRequest: {
        number: 12,
        baseRef: 'main',
        baseSha: 'a1b2c3d'.padEnd(40, '0'),
        headSha: 'f00d'.padEnd(40, '0'),
        headRepository: 'ACME/sites',
        baseRepository: 'acme/sites',
        fromFork: false,
      },
    });
  });

  test('another repository, or a deleted one, is a fork', async () => {
    const fork = readWorkflowEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: await payloadFile(pullRequest({ full_name: 'someone/sites' })) });
    assert.equal(fork.pullRequest?.fromFork, true);
    const deleted = readWorkflowEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: await payloadFile(pullRequest(null)) });
    assert.equal(deleted.pullRequest?.fromFork, true);
    assert.equal(deleted.pullRequest?.headRepository, undefined);
  });

  test('forkFallback: only a plan for a pull_request event from a fork validates', () => {
    const pull = { number: 3, baseRef: 'main', baseSha: 'b', headSha: 'h', headRepository: 'someone/sites', baseRepository: 'acme/sites', fromFork: true };
    assert.equal(forkFallback('plan', { name: 'pull_request', pullRequest: pull })?.mode, 'validate');
    assert.equal(forkFallback('plan', { name: 'pull_request_target', pullRequest: pull }), undefined, 'pull_request_target has secrets');
    assert.equal(forkFallback('apply', { name: 'pull_request', pullRequest: pull }), undefined);
    assert.equal(forkFallback('plan', { name: 'pull_request', pullRequest: { ...pull, fromFork: false } }), undefined);
  });
});
