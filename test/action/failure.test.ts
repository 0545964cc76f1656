import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stepFailure } from '../../src/action/failure.js';
import { summaryLine } from '../../src/plan/summary-line.js';
import type { Mode } from '../../src/settings.js';
import type { ResultKind } from '../../src/result.js';
import { hostOutcome, runResult } from '../cli/run-result-fixture.js';

describe('stepFailure', () => {
  const succeeds: Array<[Mode, ResultKind]> = [
    ['validate', 'valid'],
    ['plan', 'no-changes'],
    ['plan', 'changes'],
    ['apply', 'applied'],
    ['apply', 'no-changes'],
    ['check', 'no-changes'],
  ];
  for (const [mode, result] of succeeds) {
    test(`${mode} ${result} succeeds`, () => assert.equal(stepFailure(runResult({ mode, result }), true), undefined));
  }

  test('drift fails only with fail-on-drift', () => {
    const drift = runResult({
      mode: 'check',
      result: 'drift',
      hosts: [hostOutcome({ id: 'a', changes: [{ action: 'add', name: 'example.com', wildcard: false }] })],
    });
    assert.match(stepFailure(drift, true) ?? '', /^Drift: 1 to add.*fail-on-drift: false/);
    assert.equal(stepFailure(drift, false), undefined);
  });

  test('an invalid file fails, pointing at the annotations', () => {
    const location = { file: 'domains.yml', line: 3, column: 5, path: 'defaults.removals' };
    const invalid = runResult({ mode: 'validate', result: 'invalid', configIssues: [{ location, message: 'missing' }] });
    assert.equal(stepFailure(invalid, true), 'The configuration has 1 problem; see the annotations on the file.');
  });

  test('apply fails with each reason: errors, refusals, host errors, unverified certificates', () => {
    const failed = runResult({
      mode: 'apply',
      result: 'failed',
      errors: ['the plan differs from the reviewed one'],
      refusals: [{ host: 'eu', guard: 'max-removals', limit: 5, actual: 9, forceable: true, message: 'would remove 9 hostnames' }],
      hosts: [hostOutcome({ id: 'edge', error: 'credentials refused (401)' })],
      ssl: [
        { name: 'a.example.com', host: 'production', state: 'ok', detail: 'valid' },
        { name: 'b.example.com', host: 'production', state: 'timeout', lastState: 'dns-pending', detail: 'no A record after 20m' },
        { name: 'c.example.com', host: 'production', state: 'skipped', detail: 'ssl: false' },
      ],
    });
    assert.equal(
      stepFailure(failed, true),
      [
        'the plan differs from the reviewed one',
        'eu: would remove 9 hostnames',
        'edge: credentials refused (401)',
        'b.example.com (production): certificate timeout: no A record after 20m',
      ].join('\n'),
    );
  });

  test('a long list of reasons is cut with a pointer to the rest', () => {
    const failed = runResult({ mode: 'plan', result: 'failed', errors: Array.from({ length: 8 }, (_, i) => `error ${i}`) });
    const message = stepFailure(failed, true) ?? '';
    assert.equal(message.split('\n').length, 6);
    assert.match(message, /…and 3 more: see the log and the job summary$/);
  });

  test("a host's error that already starts with its id is not prefixed again", () => {
    const failed = runResult({
      mode: 'plan',
      result: 'failed',
      hosts: [
        hostOutcome({ id: 'eu', error: 'eu: GET https://manage.runcloud.io/api/v3/servers answered 500' }),
        hostOutcome({ id: 'edge', error: 'set CLOSTE_CLIENT_API_KEY' }),
      ],
    });
    assert.equal(stepFailure(failed, true), 'eu: GET https://manage.runcloud.io/api/v3/servers answered 500\nedge: set CLOSTE_CLIENT_API_KEY');
  });

  test('a reason the run already annotated as an error is not repeated', () => {
    const failed = runResult({
      mode: 'apply',
      result: 'failed',
      errors: ['The plan differs from the reviewed one'],
      hosts: [hostOutcome({ id: 'eu', error: 'eu: GET failed' }), hostOutcome({ id: 'edge', error: 'edge: GET failed' })],
    });
    assert.equal(stepFailure(failed, true, ['The plan differs from the reviewed one', 'eu: GET failed']), 'edge: GET failed');
    const refused = runResult({
      mode: 'apply',
      result: 'failed',
      refusals: [{ host: 'eu', guard: 'max-removals', limit: 5, actual: 9, forceable: true, message: 'would remove 9 hostnames' }],
    });
    const logged = ['The plan was refused, nothing was changed on any host:\n  eu: would remove 9 hostnames'];
    assert.equal(stepFailure(refused, true, logged), summaryLine(refused), 'every reason logged: the summary line fails the step');
  });

  test('check with certificates that are not valid fails as drift, counting them', () => {
    const drift = runResult({
      mode: 'check',
      result: 'drift',
      hosts: [hostOutcome({ id: 'eu' })],
      ssl: [{ name: 'example.de', host: 'eu', state: 'wrong-certificate', detail: 'the panel default certificate' }],
    });
    assert.equal(stepFailure(drift, true), 'No domain changes; 1 certificate not valid. (set fail-on-drift: false to report drift without failing)');
  });
});
