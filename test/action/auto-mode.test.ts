import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { resolveAutoMode, type WorkflowEvent } from '../../src/action/auto-mode.js';
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
