import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toJson } from '../../src/plan/render-json.js';
import { renderMarkdown } from '../../src/plan/render-markdown.js';
import { renderText } from '../../src/plan/render-text.js';
import type { PreviewOutcome, RunResult } from '../../src/result.js';
import { runResult } from '../cli/run-result-fixture.js';

function withPreviews(previews: PreviewOutcome, overrides: Partial<RunResult> = {}): RunResult {
  return runResult({ mode: 'check', previews, ...overrides });
}

const reaped = withPreviews({ host: 'eu', added: [], removed: ['pr-3.preview.example.de'], kept: ['pr-5.preview.example.de'] });

describe('previews in the reports', () => {
  test("markdown: the reaper's removals and what it kept", () => {
    assert.match(
      renderMarkdown(reaped),
      /### Previews on eu\n\n- Removed \(pull request closed\): `pr-3\.preview\.example\.de`\n- Kept \(pull request open\): `pr-5\.preview\.example\.de`\n/,
    );
  });

  test("markdown: one pull request's preview, in a plan only what would happen", () => {
    const pullRequest = { number: 7, name: 'pr-7.preview.example.de' };
    const planned = withPreviews({ host: 'eu', pullRequest, added: [pullRequest.name], removed: [], kept: [] }, { mode: 'plan' });
    assert.match(renderMarkdown(planned), /- To add \(pull request #7\): `pr-7\.preview\.example\.de`/);
    const unchanged = withPreviews({ host: 'eu', pullRequest, added: [], removed: [], kept: [] }, { mode: 'apply' });
    assert.match(renderMarkdown(unchanged), /- Unchanged \(pull request #7\): `pr-7\.preview\.example\.de`/);
  });

  test('markdown: long lists are counted, not listed; nothing to say says nothing', () => {
    const kept = Array.from({ length: 25 }, (_, index) => `pr-${index + 1}.preview.example.de`);
    const markdown = renderMarkdown(withPreviews({ host: 'eu', added: [], removed: [], kept }));
    assert.match(markdown, /`pr-20\.preview\.example\.de` and 5 more\n/);
    assert.doesNotMatch(markdown, /pr-21\./);
    assert.doesNotMatch(renderMarkdown(withPreviews({ host: 'eu', added: [], removed: [], kept: [] })), /Previews/);
    assert.doesNotMatch(renderMarkdown(runResult()), /Previews/);
  });

  test('text: one section after the summary line', () => {
    assert.match(
      renderText(reaped),
      /No changes\. The hosts match domains\.yml\.\n\npreviews on eu\n  removed \(pull request closed\): pr-3\.preview\.example\.de\n  kept \(pull request open\): pr-5\.preview\.example\.de\n$/,
    );
  });

  test('JSON: a previews field only when previews were involved', () => {
    assert.deepEqual((toJson(reaped) as { previews?: unknown }).previews, {
      host: 'eu',
      added: [],
      removed: ['pr-3.preview.example.de'],
      kept: ['pr-5.preview.example.de'],
    });
    assert.equal('previews' in toJson(runResult()), false);
  });
});
