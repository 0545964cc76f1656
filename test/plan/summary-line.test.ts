import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summaryLine } from '../../src/plan/summary-line.js';
import { sampleRunResult } from './sample-run-result.js';

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
