import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planCommentBody } from '../../src/action/plan-comment.js';
import { previewLogLine, previewSection } from '../../src/action/preview-section.js';
import type { RunResult } from '../../src/result.js';
import type { SslResult } from '../../src/ssl/ssl-result.js';
import { hostOutcome, runResult } from '../cli/run-result-fixture.js';

const name = 'pr-7.preview.example.de';

function opened(ssl: SslResult[], overrides: Partial<RunResult> = {}, added = [name]): RunResult {
  return runResult({
    mode: 'apply',
    result: 'applied',
    hosts: [hostOutcome({ id: 'eu', provider: 'runcloud', applied: true })],
    ssl,
    previews: { host: 'eu', pullRequest: { number: 7, name }, added, removed: [], kept: [] },
    ...overrides,
  });
}

describe("the pull request's preview in its comment and summary", () => {
  test('live: the URL and the certificate', () => {
    const section = previewSection(opened([{ name, host: 'eu', state: 'ok', expires: '2027-02-21T19:02:45.000Z', detail: 'valid for 89 more days' }]));
    assert.equal(section, `### Preview\n\n**[https://${name}](https://${name})** is live: certificate ok, expires 2027-02-21.\n`);
  });

  test('added, but the certificate is not valid: the state and its detail', () => {
    const section = previewSection(
      opened([{ name, host: 'eu', state: 'timeout', lastState: 'dns-pending', detail: `${name} does not resolve <yet>` }], { result: 'failed' }),
    );
    assert.match(section, /\*\* was added to eu, but its certificate is not valid: timeout \(dns-pending\): pr-7\.preview\.example\.de does not resolve &lt;yet&gt;$/m);
  });

  test('already there, wait off and not probed', () => {
    assert.match(previewSection(opened([], {}, [])), /\*\* is on eu; its certificate was not checked\.$/m);
  });

  test('the host failed: the error', () => {
    const failed = opened([], { result: 'failed', hosts: [hostOutcome({ id: 'eu', provider: 'runcloud', error: 'eu: runcloud answered 422: name taken' })] });
    assert.match(previewSection(failed), /^The preview domain `pr-7\.preview\.example\.de` could not be added to eu: runcloud answered 422: name taken$/m);
  });

  test('closed: removed, already gone, or could not be removed', () => {
    const closed = (removed: string[], overrides: Partial<RunResult> = {}): RunResult =>
      opened([], { previews: { host: 'eu', pullRequest: { number: 7, name }, added: [], removed, kept: [] }, ...overrides });
    assert.equal(previewSection(closed([name]), 'close'), `### Preview\n\nThe preview domain \`${name}\` was removed from eu.\n`);
    assert.equal(previewLogLine(closed([name]), 'close'), `Preview ${name} was removed from eu.`);
    assert.equal(previewLogLine(closed([]), 'close'), `Preview ${name} was not on eu: nothing to remove.`);
    const failed = closed([], { result: 'failed', hosts: [hostOutcome({ id: 'eu', provider: 'runcloud', error: 'eu: runcloud answered 500' })] });
    assert.equal(previewLogLine(failed, 'close'), `Preview ${name} could not be removed from eu: runcloud answered 500`);
    const unlocated = runResult({ mode: 'apply', result: 'failed', errors: ['the preview domain of pull request #7 is left alone: it matches `ignore`'] });
    assert.equal(previewLogLine(unlocated, 'close'), 'The preview could not be removed: the preview domain of pull request #7 is left alone: it matches `ignore`');
  });

  test('in the log: one plain line, with the host', () => {
    const live = opened([{ name, host: 'eu', state: 'ok', expires: '2027-02-21T19:02:45.000Z', detail: 'valid' }]);
    assert.equal(previewLogLine(live, 'open'), `Preview ${name} is live on eu: certificate ok, expires 2027-02-21.`);
    const pending = opened([{ name, host: 'eu', state: 'dns-pending', detail: `${name} does not resolve <yet>` }]);
    assert.equal(previewLogLine(pending, 'open'), `Preview ${name} was added to eu, but its certificate is not valid: dns-pending: ${name} does not resolve <yet>`);
  });

  test('in the plan comment: after the plan, before the footer and the checksums', () => {
    const plan = runResult({ checksum: 'sha256:abc', hosts: [hostOutcome({ id: 'eu', provider: 'runcloud', checksum: 'sha256:def' })] });
    const section = previewSection(opened([{ name, host: 'eu', state: 'ok', detail: 'valid' }]));
    const body = planCommentBody(plan, { notes: [], preview: section, headSha: 'f'.repeat(40) });
    const [before, after] = body.split('### Preview');
    assert.match(before!, /Plan checksum: `sha256:abc`\n\n$/);
    assert.match(after!, /is live: certificate ok\.\n\n<sub>domain-sync · for commit fffffff<\/sub>\n<!-- domain-sync:checksums /);
  });

  test('a plan too long for the comment is summarised; the preview stays whole', () => {
    const changes = Array.from({ length: 400 }, (_, index) => ({ action: 'add' as const, name: `site-${index}.example.com`, wildcard: false }));
    const plan = runResult({ result: 'changes', checksum: 'sha256:abc', hosts: [hostOutcome({ id: 'production', changes })] });
    const section = previewSection(opened([{ name, host: 'eu', state: 'ok', detail: 'valid' }]));
    const body = planCommentBody(plan, { notes: [], preview: section, limit: 4000 });
    assert.ok(body.length <= 4000, `${body.length} characters`);
    assert.ok(body.includes(section.trimEnd()));
    assert.match(body, /The full report is too long for here/);
  });
});
