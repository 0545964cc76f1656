import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnnotationProperties } from '@actions/core';
import { annotateConfigIssues, annotationPath, configAnnotationLimit, errorAnnotationLimit } from '../../src/action/annotations.js';
import type { ConfigIssue } from '../../src/errors.js';

function issue(line: number): ConfigIssue {
  return {
    location: { file: 'infra/domains.yml', line, column: 7, path: `hosts.eu.domains[${line}]` },
    message: 'not a valid domain name',
    hint: 'e.g. example.com',
  };
}

function record(issues: ConfigIssue[]): Array<{ message: string; properties?: AnnotationProperties }> {
  const annotations: Array<{ message: string; properties?: AnnotationProperties }> = [];
  annotateConfigIssues(issues, (message, properties) => {
    annotations.push({ message: String(message), ...(properties ? { properties } : {}) });
  });
  return annotations;
}

test('each problem is annotated on its line and column of the file', () => {
  assert.deepEqual(record([issue(4)]), [
    {
      message: 'hosts.eu.domains[4]: not a valid domain name (e.g. example.com)',
      properties: { title: 'Invalid configuration', file: 'infra/domains.yml', startLine: 4, startColumn: 7 },
    },
  ]);
});

test("past GitHub's per-step limit less one, kept for the step's failure, the last annotation counts the rest", () => {
  const annotations = record(Array.from({ length: 14 }, (_, index) => issue(index + 1)));
  assert.equal(annotations.length, errorAnnotationLimit - 1);
  assert.equal(annotations[7]?.properties?.startLine, 8);
  assert.deepEqual(annotations[8], { message: '…and 6 more problems in the configuration: see the log or the job summary.' });
});

test("the configuration's share fits without a summary; one more does not", () => {
  const fitting = record(Array.from({ length: configAnnotationLimit }, (_, index) => issue(index + 1)));
  assert.equal(fitting.length, configAnnotationLimit);
  assert.equal(fitting.at(-1)?.properties?.startLine, configAnnotationLimit);
  const over = record(Array.from({ length: errorAnnotationLimit }, (_, index) => issue(index + 1)));
  assert.equal(over.length, configAnnotationLimit);
  assert.match(over.at(-1)?.message ?? '', /^…and 2 more problems/);
});

test('paths are relative to the repository, as GitHub places annotations', () => {
  assert.equal(annotationPath('/home/runner/work/sites/sites/infra/domains.yml', '/home/runner/work/sites/sites'), 'infra/domains.yml');
  assert.equal(annotationPath('./domains.yml', '/home/runner/work/sites/sites'), 'domains.yml');
  assert.equal(annotationPath('/tmp/elsewhere/domains.yml', '/home/runner/work/sites/sites'), '/tmp/elsewhere/domains.yml');
  assert.equal(annotationPath('/tmp/x/domains.yml', undefined), '/tmp/x/domains.yml');
});
