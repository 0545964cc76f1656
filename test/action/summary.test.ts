import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runUrl, summaryMarkdown, writeJobSummary } from '../../src/action/summary.js';
import type { Change } from '../../src/plan/change.js';
import { hostOutcome, runResult } from '../cli/run-result-fixture.js';
import { withRunnerEnv } from './runner-env.js';

const env = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/sites',
  GITHUB_RUN_ID: '42',
};

function manyChanges(count: number): Change[] {
  return Array.from({ length: count }, (_, index) => ({ action: 'add', name: `site-${index}.example.com`, wildcard: false }));
}

describe('writeJobSummary', () => {
  test('appends the run as markdown to GITHUB_STEP_SUMMARY', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'domain-sync-summary-'));
    const file = join(dir, 'summary.md');
    await writeFile(file, '');
    const result = runResult({
      mode: 'plan',
      result: 'changes',
      checksum: 'c0ffee',
      hosts: [hostOutcome({ id: 'production', changes: manyChanges(2) })],
      ssl: [{ name: 'site-0.example.com', host: 'production', state: 'dns-pending', detail: 'no A record' }],
    });
    const summaryEnv = { ...env, GITHUB_STEP_SUMMARY: file };
    await withRunnerEnv({}, summaryEnv, () => writeJobSummary(result, summaryEnv));
    const written = await readFile(file, 'utf8');
    assert.match(written, /## domain-sync plan/);
    assert.match(written, /### production \(serverpilot\)/);
    assert.match(written, /`site-1\.example\.com`/);
    assert.match(written, /### SSL/);
    assert.match(written, /c0ffee/);
  });

  test('does nothing outside a runner', async () => {
    await writeJobSummary(runResult(), {});
  });
});

describe('summaryMarkdown', () => {
  test('a run too long for the limit is summarised, with a link to the run', () => {
    const result = runResult({ mode: 'plan', result: 'changes', hosts: [hostOutcome({ id: 'big', changes: manyChanges(3000) })] });
    const limit = 20_000;
    const full = summaryMarkdown(result, runUrl(env), 10 * 1024 * 1024);
    assert.ok(Buffer.byteLength(full) > limit, 'the full text is over the limit');
    const markdown = summaryMarkdown(result, runUrl(env), limit);
    assert.ok(Buffer.byteLength(markdown) <= limit, `${Buffer.byteLength(markdown)} bytes`);
    assert.ok(markdown.includes('https://github.com/acme/sites/actions/runs/42'));
  });

  test('the limit is in bytes, not characters', () => {
    const wide = '\u00fc'.repeat(400);
    const result = runResult({ mode: 'plan', result: 'failed', errors: Array.from({ length: 20 }, () => wide) });
    const characters = summaryMarkdown(result, undefined, 1_000_000).length;
    const limit = characters + 100;
    assert.ok(Buffer.byteLength(summaryMarkdown(result, undefined, 1_000_000)) > limit, 'bytes exceed characters');
    assert.ok(Buffer.byteLength(summaryMarkdown(result, undefined, limit)) <= limit);
  });
});

describe('runUrl', () => {
  test("the run's page, or undefined outside a runner", () => {
    assert.equal(runUrl(env), 'https://github.com/acme/sites/actions/runs/42');
    assert.equal(runUrl({}), undefined);
  });
});
