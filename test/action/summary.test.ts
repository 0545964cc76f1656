import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runUrl, summaryMarkdown, writeJobSummary, type RunReport } from '../../src/action/summary.js';
import type { Change } from '../../src/plan/change.js';
import type { RunResult } from '../../src/result.js';
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

function report(result: RunResult, overrides: Partial<RunReport> = {}): RunReport {
  return { result, notes: [], timings: [], totalMs: 0, githubCalls: 0, ...overrides };
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
    await withRunnerEnv({}, summaryEnv, () => writeJobSummary(report(result), summaryEnv));
    const written = await readFile(file, 'utf8');
    assert.match(written, /## domain-sync plan/);
    assert.match(written, /### production \(serverpilot\)/);
    assert.match(written, /`site-1\.example\.com`/);
    assert.match(written, /### SSL/);
    assert.match(written, /c0ffee/);
  });

  test('does nothing outside a runner', async () => {
    await writeJobSummary(report(runResult()), {});
  });
});

describe('summaryMarkdown', () => {
  test('API calls per host and to GitHub, timings, notes under the heading, and the comment', () => {
    const result = runResult({
      mode: 'plan',
      result: 'changes',
      hosts: [hostOutcome({ id: 'production', apiCalls: 3, changes: manyChanges(1) }), hostOutcome({ id: 'eu', provider: 'runcloud', apiCalls: 2 })],
    });
    const markdown = summaryMarkdown(
      report(result, {
        notes: ['Read from the base branch <main>.'],
        timings: [{ step: 'domain-sync plan', ms: 1234 }],
        totalMs: 1500,
        githubCalls: 4,
        comment: { pullNumber: 7, written: true, created: false, url: 'https://github.com/acme/sites/issues/7#issuecomment-1' },
      }),
    );
    assert.match(markdown, /^## domain-sync plan\n\n> \*\*Note:\*\* Read from the base branch &lt;main&gt;\.\n\n\*\*Plan: /);
    assert.match(markdown, /\| production \(serverpilot\) \| 3 \|\n\| eu \(runcloud\) \| 2 \|\n\| GitHub \| 4 \|/);
    assert.match(markdown, /\| domain-sync plan \| 1s \|\n\| total \| 2s \|/);
    assert.match(markdown, /Plan comment updated on \[pull request #7\]\(https:\/\/github\.com\/acme\/sites\/issues\/7#issuecomment-1\)/);
  });

  test('a comment that could not be written is a warning in the summary', () => {
    const markdown = summaryMarkdown(report(runResult(), { comment: { pullNumber: 3, written: false, reason: 'read-only token.' } }));
    assert.match(markdown, /> \*\*Warning:\*\* the plan comment on pull request #3 could not be written: read-only token\./);
  });

  test('a run too long for the limit is summarised, with a link to the run, the extra sections kept', () => {
    const hosts = Array.from({ length: 300 }, (_, index) => hostOutcome({ id: `host-${index}`, apiCalls: 1, changes: manyChanges(10) }));
    const result = runResult({ mode: 'plan', result: 'changes', hosts });
    const limit = 40_000;
    const full = summaryMarkdown(report(result, { runUrl: runUrl(env)! }), 10 * 1024 * 1024);
    assert.ok(Buffer.byteLength(full) > limit, 'the full text is over the limit');
    const markdown = summaryMarkdown(report(result, { runUrl: runUrl(env)!, notes: ['a note'] }), limit);
    assert.ok(Buffer.byteLength(markdown) <= limit, `${Buffer.byteLength(markdown)} bytes`);
    assert.ok(markdown.includes('https://github.com/acme/sites/actions/runs/42'));
    assert.match(markdown, /\| 100 more hosts \| 100 \|/);
    assert.match(markdown, /> \*\*Note:\*\* a note/);
  });

  test('the limit is in bytes, not characters', () => {
    const wide = '\u00fc'.repeat(400);
    const result = runResult({ mode: 'plan', result: 'failed', errors: Array.from({ length: 20 }, () => wide) });
    const characters = summaryMarkdown(report(result), 1_000_000).length;
    const limit = characters + 100;
    assert.ok(Buffer.byteLength(summaryMarkdown(report(result), 1_000_000)) > limit, 'bytes exceed characters');
    assert.ok(Buffer.byteLength(summaryMarkdown(report(result), limit)) <= limit);
  });
});

describe('runUrl', () => {
  test("the run's page, or undefined outside a runner", () => {
    assert.equal(runUrl(env), 'https://github.com/acme/sites/actions/runs/42');
    assert.equal(runUrl({}), undefined);
  });
});
