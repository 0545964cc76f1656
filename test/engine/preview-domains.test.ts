import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DesiredHost, DesiredState } from '../../src/config/desired-state.js';
import { livePreviews, previewDomainFor, previewNumberOf } from '../../src/engine/preview-domains.js';
import { previewHostPlan } from '../../src/engine/preview-plan.js';

const pattern = 'pr-{number}.preview.example.de';
const source = { file: 'domains.yml', line: 1, column: 1, path: 'hosts.eu' };

function host(provider: DesiredHost['provider'], ignore: string[] = []): DesiredHost {
  return {
    id: 'eu',
    provider,
    credentials: { variables: {}, explicit: false },
    pointsTo: [],
    domains: [],
    ignore,
    removals: 'sync',
    guards: { maxRemovals: 0, maxRemovalPercent: 0 },
    ssl: { wait: true, timeoutMs: 60_000, minDays: 7 },
    source,
  };
}

describe('preview domain names', () => {
  test('previewDomainFor puts the number in place of {number}', () => {
    assert.equal(previewDomainFor(pattern, 7), 'pr-7.preview.example.de');
    assert.equal(previewDomainFor('{number}.pr.example.com', 1234), '1234.pr.example.com');
  });

  test('previewDomainFor refuses what is not a pull request number', () => {
    for (const bad of [0, -3, 1.5, Number.NaN, 2 ** 60]) assert.throws(() => previewDomainFor(pattern, bad), RangeError);
  });

  test('previewNumberOf reads back only the names previewDomainFor makes', () => {
    assert.equal(previewNumberOf(pattern, 'pr-7.preview.example.de'), 7);
    assert.equal(previewNumberOf(pattern, 'pr-4096.preview.example.de'), 4096);
    for (const name of [
      'pr-007.preview.example.de',
      'pr-0.preview.example.de',
      'pr-.preview.example.de',
      'pr-x.preview.example.de',
      'pr-7.preview.example.de.evil.test',
      'xpr-7.preview.example.de',
      'pr-7.other.example.de',
      'pr-1-2.preview.example.de',
      'pr-99999999999999999999.preview.example.de',
    ]) {
      assert.equal(previewNumberOf(pattern, name), undefined, name);
    }
  });

  test('livePreviews: preview names on the host, ignored ones left out, by number', () => {
    const eu = host('runcloud', ['pr-3.preview.example.de']);
    const desired: DesiredState = { file: 'domains.yml', hosts: [eu], previews: { host: 'eu', domain: pattern, source } };
    const snapshot = {
      domains: ['pr-12.preview.example.de', 'example.de', 'pr-3.preview.example.de', 'pr-2.preview.example.de', 'pr-02.preview.example.de'].map(
        (name) => ({ name, www: false, wildcard: false }),
      ),
    };
    assert.deepEqual(livePreviews(desired, eu, snapshot), [
      { name: 'pr-2.preview.example.de', pullNumber: 2 },
      { name: 'pr-12.preview.example.de', pullNumber: 12 },
    ]);
    assert.deepEqual(livePreviews({ ...desired, previews: undefined } as DesiredState, eu, snapshot), []);
  });
});

describe('previewHostPlan', () => {
  const current = {
    domains: [
      { name: 'example.de', www: true, wildcard: false, id: '1' },
      { name: 'pr-1.preview.example.de', www: false, wildcard: false, id: '2' },
    ],
  };

  test('adds what is missing and removes what is there, nothing else (flag model)', () => {
    const plan = previewHostPlan(host('runcloud'), current, {
      arriving: ['pr-2.preview.example.de', 'pr-1.preview.example.de'],
      leaving: ['pr-1.preview.example.de', 'pr-9.preview.example.de'],
    });
    assert.deepEqual(plan.changes, [
      { action: 'add', name: 'pr-2.preview.example.de', www: false, wildcard: false },
      { action: 'remove', name: 'pr-1.preview.example.de', wildcard: false, www: false, id: '2' },
    ]);
    assert.equal(plan.managedCount, 0);
    assert.equal(plan.resultingCount, 2);
  });

  test('separate model: no www flag on the changes; nothing to do is an empty plan', () => {
    const plan = previewHostPlan(host('serverpilot'), current, { arriving: ['pr-3.preview.example.de'], leaving: [] });
    assert.deepEqual(plan.changes, [{ action: 'add', name: 'pr-3.preview.example.de', wildcard: false }]);
    const none = previewHostPlan(host('serverpilot'), current, { arriving: ['pr-1.preview.example.de'], leaving: ['pr-5.preview.example.de'] });
    assert.deepEqual(none.changes, []);
  });
});
