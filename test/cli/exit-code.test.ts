import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exitCodeFor } from '../../src/exit-code.js';
import type { ResultKind } from '../../src/result.js';
import type { Mode } from '../../src/settings.js';
import { hostOutcome, runResult } from './run-result-fixture.js';

describe('exitCodeFor', () => {
  const table: Array<[Mode, ResultKind, 0 | 1 | 2]> = [
    ['validate', 'valid', 0],
    ['validate', 'invalid', 1],
    ['validate', 'failed', 1],
    ['plan', 'no-changes', 0],
    ['plan', 'changes', 2],
    ['plan', 'failed', 1],
    ['apply', 'applied', 0],
    ['apply', 'no-changes', 0],
    ['apply', 'failed', 1],
    ['check', 'no-changes', 0],
    ['check', 'drift', 2],
    ['check', 'failed', 1],
    ['doctor', 'no-changes', 0],
    ['doctor', 'failed', 1],
  ];
  for (const [mode, result, code] of table) {
    test(`${mode} ${result} → ${code}`, () => {
      assert.equal(exitCodeFor(runResult({ mode, result })), code);
    });
  }

  test('import: 0 with a generated file, 1 without', () => {
    assert.equal(exitCodeFor(runResult({ mode: 'import', importedConfig: 'version: 1\n' })), 0);
    assert.equal(exitCodeFor(runResult({ mode: 'import' })), 1);
    assert.equal(exitCodeFor(runResult({ mode: 'import', result: 'failed', importedConfig: '' })), 1);
  });

  test('a host error fails the run even when the kind says otherwise', () => {
    const hosts = [hostOutcome({ id: 'eu', error: 'credentials refused' })];
    assert.equal(exitCodeFor(runResult({ mode: 'plan', result: 'changes', hosts })), 1);
    assert.equal(exitCodeFor(runResult({ mode: 'check', result: 'no-changes', hosts })), 1);
  });

  test('refusals and run-level errors are errors', () => {
    const refusal = { host: 'eu', guard: 'max-removals' as const, limit: 5, actual: 9, forceable: true, message: 'too many' };
    assert.equal(exitCodeFor(runResult({ mode: 'plan', result: 'changes', refusals: [refusal] })), 1);
    assert.equal(exitCodeFor(runResult({ mode: 'apply', result: 'applied', errors: ['checksum mismatch'] })), 1);
  });

  test('check: a plan that a guard would refuse is still drift, not an error', () => {
    const refusal = { host: 'eu', guard: 'max-removals' as const, limit: 5, actual: 9, forceable: true, message: 'too many' };
    assert.equal(exitCodeFor(runResult({ mode: 'check', result: 'drift', refusals: [refusal] })), 2);
    assert.equal(exitCodeFor(runResult({ mode: 'check', result: 'drift', refusals: [refusal], errors: ['previews: busy'] })), 1);
  });

  test('doctor: any failed check is a problem', () => {
    const check = (ok: boolean) => ({ name: 'credentials', ok, detail: ok ? 'accepted' : 'refused' });
    const healthy = [hostOutcome({ id: 'a', doctor: [check(true)] }), hostOutcome({ id: 'b', doctor: [check(true)] })];
    assert.equal(exitCodeFor(runResult({ mode: 'doctor', hosts: healthy })), 0);
    const sick = [hostOutcome({ id: 'a', doctor: [check(true)] }), hostOutcome({ id: 'b', doctor: [check(false)] })];
    assert.equal(exitCodeFor(runResult({ mode: 'doctor', hosts: sick })), 1);
  });
});
