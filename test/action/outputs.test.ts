import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as core from '@actions/core';
import { actionOutputs, resultOutput } from '../../src/action/outputs.js';
import type { ResultKind, RunResult } from '../../src/result.js';
import { hostOutcome, runResult } from '../cli/run-result-fixture.js';
import { withRunnerEnv } from './runner-env.js';

/** Parses a GITHUB_OUTPUT file: `name<<delimiter`, the value's lines, `delimiter`. */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const header = /^([^<]+)<<(ghadelimiter_[0-9a-f-]+)$/.exec(lines[index]!);
    if (!header) continue;
    const [, name, delimiter] = header as unknown as [string, string, string];
    const end = lines.indexOf(delimiter, index + 1);
    assert.ok(end > index, `output ${name} is closed`);
    outputs[name] = lines.slice(index + 1, end).join('\n');
    index = end;
  }
  return outputs;
}

const planned: RunResult = runResult({
  mode: 'plan',
  result: 'changes',
  checksum: 'c0ffee',
  hosts: [
    hostOutcome({
      id: 'production',
      checksum: 'aa',
      changes: [
        { action: 'add', name: 'example.com', wildcard: false },
        { action: 'add', name: 'www.example.com', wildcard: false },
        { action: 'move', name: 'shop.example.com', from: 'eu', to: 'production', wildcard: false },
      ],
    }),
    hostOutcome({
      id: 'eu',
      provider: 'runcloud',
      checksum: 'bb',
      changes: [
        { action: 'add', name: 'example.de', www: true, wildcard: false },
        { action: 'remove', name: 'old.example.de', www: true, wildcard: false, id: '17' },
        { action: 'update', name: 'example.at', www: { from: true, to: false }, id: '18' },
        { action: 'move', name: 'shop.example.com', from: 'eu', to: 'production', wildcard: false },
      ],
    }),
  ],
  ssl: [{ name: 'example.com', host: 'production', state: 'ok', expires: '2030-01-01', detail: 'valid' }],
});

describe('actionOutputs', () => {
  test('written to GITHUB_OUTPUT in the runner format and read back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'domain-sync-outputs-'));
    const file = join(dir, 'output');
    await writeFile(file, '');
    withRunnerEnv({}, { GITHUB_OUTPUT: file }, () => {
      for (const [name, value] of Object.entries(actionOutputs(planned))) core.setOutput(name, value);
    });
    const outputs = parseOutputFile(await readFile(file, 'utf8'));
    assert.deepEqual(Object.keys(outputs).sort(), [
      'added',
      'changes',
      'hosts-matrix',
      'plan',
      'plan-checksum',
      'removed',
      'result',
      'ssl',
    ]);
    assert.equal(outputs['result'], 'changes');
    // 2 adds on production, 2 on eu (www flag), 2 removed (www flag), 1 update, 1 move.
    assert.equal(outputs['changes'], '8');
    assert.deepEqual(JSON.parse(outputs['added']!), [
      { host: 'production', name: 'example.com' },
      { host: 'production', name: 'www.example.com' },
      { host: 'production', name: 'shop.example.com' },
      { host: 'eu', name: 'example.de' },
      { host: 'eu', name: 'www.example.de' },
    ]);
    assert.deepEqual(JSON.parse(outputs['removed']!), [
      { host: 'eu', name: 'old.example.de' },
      { host: 'eu', name: 'www.old.example.de' },
      { host: 'eu', name: 'www.example.at' },
      { host: 'eu', name: 'shop.example.com' },
    ]);
    assert.equal(outputs['plan-checksum'], 'c0ffee');
    const plan = JSON.parse(outputs['plan']!) as { result: string; checksum: string; hosts: Array<{ id: string; checksum: string }> };
    assert.equal(plan.result, 'changes');
    assert.equal(plan.checksum, 'c0ffee');
    assert.deepEqual(plan.hosts.map((host) => [host.id, host.checksum]), [['production', 'aa'], ['eu', 'bb']]);
    assert.deepEqual(JSON.parse(outputs['ssl']!), [
      { name: 'example.com', host: 'production', state: 'ok', expires: '2030-01-01', detail: 'valid' },
    ]);
    assert.deepEqual(JSON.parse(outputs['hosts-matrix']!), ['production', 'eu']);
  });

  test('nothing to do: empty lists, zero changes', () => {
    const outputs = actionOutputs(runResult({ mode: 'check', result: 'no-changes', hosts: [hostOutcome({ id: 'a' })] }));
    assert.equal(outputs['result'], 'no-changes');
    assert.equal(outputs['changes'], '0');
    assert.equal(outputs['added'], '[]');
    assert.equal(outputs['removed'], '[]');
    assert.equal(outputs['ssl'], '[]');
    assert.equal(outputs['plan-checksum'], '');
    assert.equal(outputs['hosts-matrix'], '["a"]');
  });
});

describe('resultOutput', () => {
  const table: Array<[ResultKind, string]> = [
    ['valid', 'no-changes'],
    ['invalid', 'failed'],
    ['no-changes', 'no-changes'],
    ['changes', 'changes'],
    ['drift', 'drift'],
    ['applied', 'applied'],
    ['failed', 'failed'],
  ];
  for (const [kind, output] of table) {
    test(`${kind} → ${output}`, () => assert.equal(resultOutput(kind), output));
  }
});
