import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import type { Change } from '../../src/plan/change.js';
import { hostChecksum, noChangesChecksum, planChecksum } from '../../src/plan/checksum.js';

const changes: Change[] = [
  { action: 'add', name: 'a.example.de', www: true, wildcard: false },
  { action: 'update', name: 'b.example.de', www: { from: false, to: true }, id: '4' },
  { action: 'remove', name: 'c.example.de', www: false, wildcard: false, id: '7' },
  { action: 'move', name: 'd.example.de', from: 'production', to: 'eu', www: false, wildcard: false },
];

describe('hostChecksum', () => {
  test('is sha256 hex with a prefix, the same on every call', () => {
    const checksum = hostChecksum(changes, 'production');
    assert.match(checksum, /^sha256:[0-9a-f]{64}$/);
    assert.equal(hostChecksum(structuredClone(changes), 'production'), checksum);
  });

  test('an empty plan has a fixed checksum: sha256 of []', () => {
    const expected = `sha256:${createHash('sha256').update('[]').digest('hex')}`;
    assert.equal(hostChecksum([], 'production'), expected);
    assert.equal(noChangesChecksum, expected);
    assert.equal(expected, 'sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945');
  });

  test('ignores the order of changes and of their keys', () => {
    const reordered: Change[] = [
      { wildcard: false, to: 'eu', from: 'production', name: 'd.example.de', action: 'move', www: false },
      changes[2] as Change,
      changes[0] as Change,
      changes[1] as Change,
    ];
    assert.equal(hostChecksum(reordered, 'production'), hostChecksum(changes, 'production'));
  });

  test('ignores panel ids, which differ between runs for the same change', () => {
    const otherIds = changes.map((change) => ('id' in change && change.id ? { ...change, id: '999' } : change));
    assert.equal(hostChecksum(otherIds, 'production'), hostChecksum(changes, 'production'));
  });

  test('changes when any change changes', () => {
    const base = hostChecksum(changes, 'production');
    const variants: Change[][] = [
      changes.slice(1),
      [{ ...(changes[0] as Change), name: 'x.example.de' } as Change, ...changes.slice(1)],
      [{ action: 'add', name: 'a.example.de', www: false, wildcard: false }, ...changes.slice(1)],
      [{ action: 'remove', name: 'a.example.de', www: true, wildcard: false }, ...changes.slice(1)],
      [...changes.slice(0, 3), { action: 'move', name: 'd.example.de', from: 'production', to: 'eu', www: false, sourceWww: true, wildcard: false }],
      [changes[0] as Change, { action: 'update', name: 'b.example.de', www: { from: true, to: false } }, ...changes.slice(2)],
    ];
    const checksums = variants.map((variant) => hostChecksum(variant, 'production'));
    for (const checksum of checksums) assert.notEqual(checksum, base);
    assert.equal(new Set(checksums).size, variants.length);
  });
});

test('a move counts as what it does on the host: an addition where it arrives, a removal where it leaves', () => {
  const move: Change = { action: 'move', name: 'shop.example.com', from: 'production', to: 'eu', www: true, sourceWww: false, wildcard: false };
  const add: Change = { action: 'add', name: 'shop.example.com', www: true, wildcard: false };
  const remove: Change = { action: 'remove', name: 'shop.example.com', www: false, wildcard: false };
  assert.equal(hostChecksum([move], 'eu'), hostChecksum([add], 'eu'), 'the destination applied after its source: the same checksum as reviewed');
  assert.equal(hostChecksum([move], 'production'), hostChecksum([remove], 'production'));
  assert.notEqual(hostChecksum([move], 'eu'), hostChecksum([move], 'production'));
});

describe('planChecksum', () => {
  const hosts = [
    { host: 'production', checksum: hostChecksum(changes, 'production') },
    { host: 'eu', checksum: hostChecksum([], 'production') },
  ];

  test('is stable and independent of host order', () => {
    const checksum = planChecksum(hosts);
    assert.match(checksum, /^sha256:[0-9a-f]{64}$/);
    assert.equal(planChecksum([...hosts].reverse()), checksum);
  });

  test('changes when a host checksum or the id of a host with changes changes', () => {
    const base = planChecksum(hosts);
    assert.notEqual(planChecksum([{ host: 'production', checksum: hostChecksum(changes.slice(1), 'production') }, hosts[1]!]), base);
    assert.notEqual(planChecksum([{ host: 'edge', checksum: hostChecksum(changes, 'production') }, hosts[1]!]), base);
    assert.notEqual(planChecksum([hosts[0]!, { host: 'eu', checksum: hostChecksum(changes.slice(2), 'eu') }]), base);
  });

  test('covers the changes only: hosts with nothing to do do not count', () => {
    const base = planChecksum(hosts);
    assert.equal(planChecksum([hosts[0]!]), base, 'without the host that has no changes');
    assert.equal(planChecksum([...hosts, { host: 'edge', checksum: noChangesChecksum }]), base, 'with one more such host');
    assert.equal(planChecksum([{ host: 'eu', checksum: noChangesChecksum }]), planChecksum([]));
  });

  test('a plan with no hosts has a fixed checksum', () => {
    assert.equal(planChecksum([]), 'sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945');
  });
});
