import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createActionLogger } from '../../src/action/action-logger.js';
import { errorAnnotationLimit } from '../../src/action/annotations.js';

test("errors are annotations while GitHub shows them, one kept for the step's failure message; later ones are log lines", () => {
  const annotated: string[] = [];
  const printed: string[] = [];
  const log = createActionLogger({ annotate: (m) => annotated.push(m), print: (m) => printed.push(m) });
  const errors = Array.from({ length: 12 }, (_, i) => `host-${i}: failed`);
  for (const error of errors) log.error(error);

  assert.equal(annotated.length, errorAnnotationLimit - 1);
  assert.deepEqual(log.errorsLogged, annotated, 'only annotated errors are left out of the failure message');
  assert.deepEqual(printed, errors.slice(errorAnnotationLimit - 1).map((e) => `Error: ${e}`));
});
