import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summaryLine } from '../../src/plan/summary-line.js';
import { renderMarkdown } from '../../src/plan/render-markdown.js';
import { renderText } from '../../src/plan/render-text.js';
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
