import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { load } from 'js-yaml';
import { actionOutputs } from '../../src/action/outputs.js';
import { runResult } from '../cli/run-result-fixture.js';

interface ActionYml {
  name: string;
  description: string;
  branding: { icon: string; color: string };
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const actionYml = load(await readFile(new URL('../../../action.yml', import.meta.url), 'utf8')) as ActionYml;

/** Contract §4, in its order. */
const contractInputs: Record<string, string> = {
  config: 'domains.yml',
  mode: 'auto',
  hosts: '',
  force: 'false',
  'ssl-wait': '',
  'ssl-timeout': '',
  'ssl-interval': '10s',
  'ssl-check': 'false',
  resolve: '',
  'connect-to': '',
  comment: 'true',
  'drift-issue': 'false',
  'fail-on-drift': 'true',
  'expect-checksum': '',
  'github-token': '${{ github.token }}',
};

test('action.yml runs dist/index.js on node24 and is branded', () => {
  assert.deepEqual(actionYml.runs, { using: 'node24', main: 'dist/index.js' });
  assert.ok(actionYml.name && actionYml.description);
  assert.ok(actionYml.branding.icon && actionYml.branding.color);
});

test('every input of the contract is declared, described, with its default', () => {
  assert.deepEqual(Object.keys(actionYml.inputs), Object.keys(contractInputs));
  for (const [name, fallback] of Object.entries(contractInputs)) {
    const input = actionYml.inputs[name]!;
    assert.ok(input.description.length > 10, `${name} is described`);
    assert.equal(input.default, fallback, `${name}'s default`);
    assert.notEqual(input.required, true, `${name} is optional`);
  }
});

test('every output the Action sets is declared and described, and no other', () => {
  assert.deepEqual(Object.keys(actionYml.outputs).sort(), Object.keys(actionOutputs(runResult())).sort());
  for (const [name, output] of Object.entries(actionYml.outputs)) assert.ok(output.description, `${name} is described`);
});
