import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Change } from '../../src/plan/change.js';
import { changeCounts, hostChangeCounts } from '../../src/plan/change-counts.js';
import { hostChecksum } from '../../src/plan/checksum.js';
import { renderMarkdown } from '../../src/plan/render-markdown.js';
import { toJson } from '../../src/plan/render-json.js';
import { renderText } from '../../src/plan/render-text.js';
import type { RunResult } from '../../src/result.js';
import { expectSnapshot } from './expect-snapshot.js';
import { manyNames } from './fixtures.js';
import { sampleRunResult } from './sample-run-result.js';

function noChangesResult(): RunResult {
  return {
    mode: 'plan',
    result: 'no-changes',
    checksum: 'sha256:0000',
    hosts: [{ id: 'production', provider: 'serverpilot', checksum: hostChecksum([], 'production'), apiCalls: 1, changes: [], warnings: [] }],
    ssl: [],
    configIssues: [],
    refusals: [],
    errors: [],
  };
}

function hugeResult(count: number): RunResult {
  const changes: Change[] = manyNames(count, 'example.com').map((name) => ({ action: 'add', name, wildcard: false }));
  return {
    ...noChangesResult(),
    result: 'changes',
    checksum: 'sha256:feedface',
    hosts: [{ id: 'production', provider: 'closte', checksum: hostChecksum(changes, 'production'), apiCalls: 1, changes, warnings: [] }],
  };
}

describe('changeCounts', () => {
  test('counts hostnames, www flags expanded, and each move once', () => {
    assert.deepEqual(changeCounts(sampleRunResult()), { add: 4, update: 1, remove: 1, move: 1 });
  });

  test('per host, a move counts on both of its hosts', () => {
    const [production, eu] = sampleRunResult().hosts;
    assert.deepEqual(hostChangeCounts(production?.changes ?? [], 'production'), { add: 2, update: 0, remove: 1, move: 1 });
    assert.deepEqual(hostChangeCounts(eu?.changes ?? [], 'eu'), { add: 2, update: 1, remove: 0, move: 1 });
  });
});

describe('renderText', () => {
  test('matches the snapshot', () => {
    expectSnapshot('plan.txt', renderText(sampleRunResult()));
  });

  test('says so when nothing changes', () => {
    assert.equal(
      renderText(noChangesResult()),
      'production (serverpilot)\n  no changes\n\nNo changes. The hosts match domains.yml.\n',
    );
  });

  test('colours only when asked', () => {
    assert.doesNotMatch(renderText(sampleRunResult()), /\u001b\[/);
    const coloured = renderText(sampleRunResult(), { color: true });
    assert.match(coloured, /\u001b\[32m {2}\+ new\.example\.com\u001b\[0m/);
    assert.match(coloured, /\u001b\[31m {2}- old\.example\.com\u001b\[0m/);
    assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), renderText(sampleRunResult()));
  });
});

describe('other modes', () => {
  test('doctor lists each check with its hint and counts the problems', () => {
    const result: RunResult = {
      ...noChangesResult(),
      mode: 'doctor',
      result: 'failed',
      hosts: [
        {
          id: 'eu',
          provider: 'runcloud',
          checksum: hostChecksum([], 'production'),
          apiCalls: 1,
          changes: [],
          warnings: [],
          doctor: [
            { name: 'credentials', ok: false, detail: '401 Unauthorized', hint: "add this runner's IP to RunCloud's API allow-list" },
            { name: 'api version', ok: true, detail: 'v3' },
          ],
        },
      ],
    };
    assert.equal(
      renderText(result),
      'eu (runcloud)\n  FAIL credentials: 401 Unauthorized\n' +
        "       hint: add this runner's IP to RunCloud's API allow-list\n  ok   api version: v3\n\nDoctor: 1 problem found.\n",
    );
    assert.match(renderMarkdown(result), /\| credentials \| \*\*failed\*\* \| 401 Unauthorized \| add this runner's IP/);
  });

  test('validate lists every configuration problem with its place', () => {
    const location = { file: 'domains.yml', line: 4, column: 3, path: 'hosts.eu.removals' };
    const result: RunResult = {
      ...noChangesResult(),
      mode: 'validate',
      result: 'invalid',
      checksum: '',
      hosts: [],
      configIssues: [{ location, message: 'unknown policy "delete"', hint: 'one of: sync, keep' }],
    };
    assert.equal(
      renderText(result),
      'domains.yml:4:3: hosts.eu.removals: unknown policy "delete" (one of: sync, keep)\n\nThe configuration has 1 problem.\n',
    );
    assert.doesNotMatch(renderMarkdown(result), /Plan checksum/);
  });
});

describe('renderMarkdown', () => {
  test('matches the snapshot', () => {
    expectSnapshot('plan.md', renderMarkdown(sampleRunResult(), { maxLength: 65_536 }));
  });

  test('summarises a run over maxLength and links to it', () => {
    const full = renderMarkdown(hugeResult(3000));
    assert.ok(full.length > 65_536, 'the full report is long enough to need a summary');
    const comment = renderMarkdown(hugeResult(3000), { maxLength: 65_536, runUrl: 'https://github.com/o/r/actions/runs/1' });
    assert.ok(comment.length <= 65_536);
    assert.match(comment, /\| production \(closte\) \| 3000 \| 0 \| 0 \| 0 \| ok \|/);
    assert.match(comment, /…and 2980 more changes\./);
    assert.match(comment, /\[workflow run\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/1\)/);
    assert.match(comment, /Plan checksum: `sha256:feedface`/);
  });

  test('matches the summary snapshot', () => {
    const full = renderMarkdown(sampleRunResult());
    const summary = renderMarkdown(sampleRunResult(), { maxLength: 1_600, runUrl: 'https://github.com/o/r/actions/runs/1' });
    assert.ok(full.length > 1_600 && summary.length <= 1_600, `${full.length} → ${summary.length} characters`);
    expectSnapshot('plan-summary.md', summary);
  });

  test('never exceeds maxLength, keeping the link and the checksum', () => {
    const comment = renderMarkdown(hugeResult(50), { maxLength: 400, runUrl: 'https://github.com/o/r/actions/runs/1' });
    assert.ok(comment.length <= 400, `${comment.length} characters`);
    assert.match(comment, /actions\/runs\/1/);
    assert.match(comment, /Plan checksum: `sha256:feedface`/);
  });

  test('free text cannot inject HTML or break a table', () => {
    const result = sampleRunResult();
    const [production] = result.hosts;
    assert.ok(production);
    production.warnings = ['<img src=x onerror=alert(1)>'];
    const markdown = renderMarkdown(result);
    assert.doesNotMatch(markdown, /<img/);
    assert.match(markdown, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(markdown, /\*\.runcloud\.link \\\| not example\.at/);
  });
});

describe('toJson', () => {
  test('matches the snapshot', () => {
    expectSnapshot('plan.json', `${JSON.stringify(toJson(sampleRunResult()), null, 2)}\n`);
  });

  test('leaves out panel ids and never writes undefined', () => {
    const json = toJson(sampleRunResult());
    const text = JSON.stringify(json);
    assert.doesNotMatch(text, /"id":"17"/);
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value !== null && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          assert.notEqual(inner, undefined, `${key} is undefined`);
          walk(inner);
        }
      }
    };
    walk(json);
  });
});
