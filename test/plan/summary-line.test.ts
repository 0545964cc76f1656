import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { summaryLine } from '../../src/plan/summary-line.js';
import { renderMarkdown } from '../../src/plan/render-markdown.js';
import { renderText } from '../../src/plan/render-text.js';
import { sampleRunResult } from './sample-run-result.js';
import { hostOutcome, runResult } from '../cli/run-result-fixture.js';

test('an apply refused before writing never says it applied', () => {
  const refused = {
    ...sampleRunResult(),
    mode: 'apply' as const,
    result: 'failed' as const,
    refusals: [{ host: 'production', guard: 'max-removals' as const, limit: 5, actual: 7, forceable: true, message: '7 removals' }],
  };
  assert.match(summaryLine(refused), /^Nothing was applied: the plan \(.*\) was refused\.$/);
});

test('an apply that ran names the hosts that failed', () => {
  const applied = { ...sampleRunResult(), mode: 'apply' as const, result: 'failed' as const, refusals: [], errors: [] };
  const line = summaryLine(applied);
  assert.match(line, /^Applied: /);
  assert.match(line, /1 host failed\.$/);
});

test('a refusal says apply wrote nothing, and a plan says apply would write nothing', () => {
  const plan = sampleRunResult();
  assert.ok(plan.refusals.length > 0);
  assert.equal(plan.mode, 'plan');
  assert.match(renderText(plan), /^Refused: apply would change nothing on any host\.$/m);
  assert.match(renderMarkdown(plan), /^Apply would change nothing on any host\.$/m);
  const apply = { ...plan, mode: 'apply' as const, result: 'failed' as const };
  assert.match(renderText(apply), /^Refused: nothing was changed on any host\.$/m);
  assert.match(renderMarkdown(apply), /^Nothing was changed on any host\.$/m);
});

describe('a run that planned nothing says so, never that the hosts match', () => {
  const location = { file: 'domains.yml', line: 3, column: 5, path: 'hosts.eu' };
  const problem = { location, message: 'unknown key' };

  test('an invalid file in plan mode counts its problems', () => {
    const invalid = runResult({ mode: 'plan', result: 'failed', configIssues: [problem, problem] });
    assert.equal(summaryLine(invalid), 'The configuration has 2 problems; nothing was planned.');
    assert.match(renderText(invalid), /^The configuration has 2 problems; nothing was planned\.$/m);
    assert.match(renderMarkdown(invalid), /^\*\*The configuration has 2 problems; nothing was planned\.\*\*$/m);
  });

  test('a run refused before reading any host gives its reason', () => {
    const refused = runResult({ mode: 'apply', result: 'failed', errors: ['expect-checksum: from-pr found no merged pull request.'] });
    assert.equal(summaryLine(refused), 'Nothing was planned: expect-checksum: from-pr found no merged pull request.');
  });

  test('several errors, or one over several lines, are pointed at', () => {
    assert.equal(summaryLine(runResult({ mode: 'check', result: 'failed', errors: ['a', 'b'] })), 'Nothing was planned: see the 2 errors.');
    assert.equal(summaryLine(runResult({ mode: 'plan', result: 'failed', errors: ['a\nb'] })), 'Nothing was planned: see the error.');
  });

  test('a plan with no changes still says the hosts match', () => {
    assert.equal(summaryLine(runResult({ mode: 'plan', result: 'no-changes', hosts: [hostOutcome({ id: 'eu' })] })), 'No changes. The hosts match domains.yml.');
  });
});

describe('check with certificate probes counts the certificates that are not valid', () => {
  const ssl = [
    { name: 'a.example.com', host: 'eu', state: 'ok' as const, detail: 'valid' },
    { name: 'b.example.com', host: 'eu', state: 'wrong-certificate' as const, detail: 'default certificate' },
    { name: 'c.example.com', host: 'eu', state: 'dns-pending' as const, detail: 'no A record' },
    { name: 'd.example.com', host: 'eu', state: 'skipped' as const, detail: 'ssl: false' },
  ];

  test('no domain changes, but certificates not valid', () => {
    const drift = runResult({ mode: 'check', result: 'drift', hosts: [hostOutcome({ id: 'eu' })], ssl });
    assert.equal(summaryLine(drift), 'No domain changes; 2 certificates not valid.');
  });

  test('domain changes and certificates not valid', () => {
    const changes = [{ action: 'add' as const, name: 'e.example.com', wildcard: false }];
    const drift = runResult({ mode: 'check', result: 'drift', hosts: [hostOutcome({ id: 'eu', changes })], ssl: ssl.slice(0, 2) });
    assert.equal(summaryLine(drift), 'Drift: 1 to add, 0 to change, 0 to remove, 0 to move; 1 certificate not valid.');
  });

  test('a failed host as well', () => {
    const hosts = [hostOutcome({ id: 'eu' }), hostOutcome({ id: 'edge', error: 'edge: GET failed' })];
    const failed = runResult({ mode: 'check', result: 'failed', hosts, ssl });
    assert.equal(summaryLine(failed), 'No domain changes on the hosts that could be read; 2 certificates not valid; 1 host failed.');
  });
});

test('an apply that changed nothing but left a certificate not valid says so, and calls no host applied', () => {
  const sample = sampleRunResult();
  const host = { ...sample.hosts[0]!, changes: [], applied: true };
  const failed = {
    ...sample,
    mode: 'apply' as const,
    result: 'failed' as const,
    hosts: [host],
    refusals: [],
    errors: [],
    ssl: [{ name: 'example.com', host: host.id, state: 'timeout' as const, lastState: 'wrong-certificate' as const, detail: 'no valid certificate after 20m' }],
  };
  assert.equal(summaryLine(failed), 'No domain changes; 1 certificate not valid.');
  assert.match(renderText(failed), new RegExp(`^${host.id} \\(${host.provider}\\)$`, 'm'));
});

test('validate with a hosts filter that matches nothing: the file is valid, and the line says what is not', () => {
  const result = { ...sampleRunResult(), mode: 'validate' as const, result: 'failed' as const, hosts: [], refusals: [], errors: ['--hosts nope matches no host in the file (hosts: production, eu)'] };
  assert.equal(summaryLine(result), 'The configuration is valid, but --hosts nope matches no host in the file (hosts: production, eu).');
});
