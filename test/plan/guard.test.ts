import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ProviderName } from '../../src/config/desired-state.js';
import { capabilitiesOf } from '../../src/hosts/capabilities.js';
import type { Change, HostPlan } from '../../src/plan/change.js';
import { guardHostPlan } from '../../src/plan/guard.js';
import { desiredHost, manyNames } from './fixtures.js';

function removals(count: number): Change[] {
  return manyNames(count, 'example.com').map((name) => ({ action: 'remove', name, wildcard: false }));
}

function hostPlan(changes: Change[], counts: { managed: number; resulting?: number }, provider: ProviderName = 'closte'): HostPlan {
  return {
    host: 'production',
    provider,
    changes,
    managedCount: counts.managed,
    resultingCount: counts.resulting ?? 1,
    unmanaged: [],
    warnings: [],
    checksum: 'sha256:unused',
  };
}

function guard(plan: HostPlan, limits: { maxRemovals?: number; maxRemovalPercent?: number }, force = false) {
  const host = desiredHost('production', plan.provider, [], limits);
  return guardHostPlan(plan, host, capabilitiesOf[plan.provider], force);
}

describe('max-removals', () => {
  test('exactly at the limit passes, one over refuses', () => {
    assert.deepEqual(guard(hostPlan(removals(5), { managed: 8 }), { maxRemovals: 5, maxRemovalPercent: 100 }), []);
    const [refusal, ...others] = guard(hostPlan(removals(6), { managed: 8 }), { maxRemovals: 5, maxRemovalPercent: 100 });
    assert.equal(others.length, 0);
    assert.ok(refusal);
    assert.equal(refusal.guard, 'max-removals');
    assert.equal(refusal.limit, 5);
    assert.equal(refusal.actual, 6);
    assert.equal(refusal.forceable, true);
    assert.equal(refusal.host, 'production');
  });

  test('the message names the guard, the numbers, the first names and how to proceed', () => {
    const [refusal] = guard(hostPlan(removals(7), { managed: 8 }), { maxRemovals: 5, maxRemovalPercent: 100 });
    assert.ok(refusal);
    assert.match(refusal.message, /^max-removals: /);
    assert.match(refusal.message, /removes 7 hostnames from production/);
    assert.match(refusal.message, /name-1\.example\.com, name-2\.example\.com, name-3\.example\.com, name-4\.example\.com, name-5\.example\.com and 2 more/);
    assert.match(refusal.message, /max-removals 5/);
    assert.match(refusal.message, /Raise max-removals for production in domains\.yml, or run again with --force/);
  });

  test('one removal over a limit of zero is one hostname', () => {
    const [refusal] = guard(hostPlan(removals(1), { managed: 8 }), { maxRemovals: 0, maxRemovalPercent: 100 });
    assert.match(refusal?.message ?? '', /removes 1 hostname from production \(name-1\.example\.com\)/);
  });

  test('counts hostnames: a flagged domain removed is two, a dropped www flag is one', () => {
    const flagged: Change[] = [{ action: 'remove', name: 'example.de', www: true, wildcard: false }];
    const [twoRemoved] = guard(hostPlan(flagged, { managed: 4 }, 'runcloud'), { maxRemovals: 1, maxRemovalPercent: 100 });
    assert.equal(twoRemoved?.actual, 2);
    assert.match(twoRemoved?.message ?? '', /example\.de, www\.example\.de/);

    const dropped: Change[] = [
      { action: 'update', name: 'example.de', www: { from: true, to: false } },
      { action: 'update', name: 'example.at', www: { from: false, to: true } },
    ];
    assert.deepEqual(guard(hostPlan(dropped, { managed: 4 }, 'runcloud'), { maxRemovals: 1, maxRemovalPercent: 100 }), []);
    const [oneOver] = guard(hostPlan(dropped, { managed: 4 }, 'runcloud'), { maxRemovals: 0, maxRemovalPercent: 100 });
    assert.equal(oneOver?.actual, 1);
    assert.match(oneOver?.message ?? '', /www\.example\.de/);
  });

  test('a move away counts as a removal on its source only', () => {
    const away: Change[] = [{ action: 'move', name: 'example.de', from: 'production', to: 'eu', wildcard: false, sourceWww: true }];
    assert.equal(guard(hostPlan(away, { managed: 4 }), { maxRemovals: 1, maxRemovalPercent: 100 })[0]?.actual, 2);
    const here: Change[] = [{ action: 'move', name: 'example.de', from: 'eu', to: 'production', wildcard: false, www: true }];
    assert.deepEqual(guard(hostPlan(here, { managed: 4 }), { maxRemovals: 0, maxRemovalPercent: 0 }), []);
  });

  test('--force lifts it', () => {
    assert.deepEqual(guard(hostPlan(removals(6), { managed: 8 }), { maxRemovals: 5, maxRemovalPercent: 100 }, true), []);
  });
});

describe('max-removal-percent', () => {
  test('does not apply below 10 managed hostnames', () => {
    assert.deepEqual(guard(hostPlan(removals(8), { managed: 9 }), { maxRemovals: 100, maxRemovalPercent: 30 }), []);
  });

  test('from 10 managed: exactly at the percentage passes, above it refuses', () => {
    assert.deepEqual(guard(hostPlan(removals(3), { managed: 10 }), { maxRemovals: 100, maxRemovalPercent: 30 }), []);
    const [refusal, ...others] = guard(hostPlan(removals(4), { managed: 10 }), { maxRemovals: 100, maxRemovalPercent: 30 });
    assert.equal(others.length, 0);
    assert.equal(refusal?.guard, 'max-removal-percent');
    assert.equal(refusal?.limit, 30);
    assert.equal(refusal?.actual, 40);
    assert.equal(refusal?.forceable, true);
    assert.match(refusal?.message ?? '', /removes 4 of the 10 hostnames production manages \(40%/);
    assert.match(refusal?.message ?? '', /--force/);
  });

  test('rounds the reported share to one decimal', () => {
    const [refusal] = guard(hostPlan(removals(4), { managed: 12 }), { maxRemovals: 100, maxRemovalPercent: 30 });
    assert.equal(refusal?.actual, 33.3);
  });

  test('--force lifts it', () => {
    assert.deepEqual(guard(hostPlan(removals(4), { managed: 10 }), { maxRemovals: 100, maxRemovalPercent: 30 }, true), []);
  });

  test('both removal guards can refuse the same plan', () => {
    const guards = guard(hostPlan(removals(6), { managed: 10 }), { maxRemovals: 5, maxRemovalPercent: 30 }).map((r) => r.guard);
    assert.deepEqual(guards, ['max-removals', 'max-removal-percent']);
  });
});

describe('max-domains (ServerPilot: 300 per app)', () => {
  const adds: Change[] = [{ action: 'add', name: 'new.example.com', wildcard: false }];

  test('300 passes, 301 refuses, and --force does not lift it', () => {
    assert.deepEqual(guard(hostPlan(adds, { managed: 299, resulting: 300 }, 'serverpilot'), {}), []);
    for (const force of [false, true]) {
      const [refusal] = guard(hostPlan(adds, { managed: 300, resulting: 301 }, 'serverpilot'), {}, force);
      assert.equal(refusal?.guard, 'max-domains');
      assert.equal(refusal?.limit, 300);
      assert.equal(refusal?.actual, 301);
      assert.equal(refusal?.forceable, false);
      assert.match(refusal?.message ?? '', /--force does not lift this limit: split the domains/);
    }
  });

  test('a host already over the cap with nothing to change is not refused', () => {
    assert.deepEqual(guard(hostPlan([], { managed: 305, resulting: 305 }, 'serverpilot'), {}), []);
  });

  test('providers without a cap are never refused for size', () => {
    assert.deepEqual(guard(hostPlan(adds, { managed: 5000, resulting: 5001 }, 'closte'), {}), []);
  });
});

describe('system-domain', () => {
  test('removing a panel-owned domain is refused, even with --force', () => {
    const changes: Change[] = [
      { action: 'remove', name: 'server-name.example.net', www: false, wildcard: false, id: '1', system: 'primary' },
    ];
    for (const force of [false, true]) {
      const [refusal, ...others] = guard(hostPlan(changes, { managed: 3 }, 'runcloud'), {}, force);
      assert.equal(others.length, 0);
      assert.equal(refusal?.guard, 'system-domain');
      assert.equal(refusal?.forceable, false);
      assert.equal(refusal?.actual, 1);
      assert.match(refusal?.message ?? '', /server-name\.example\.net \(primary\)/);
    }
  });

  test('moving a panel-owned domain away is refused on its source', () => {
    const changes: Change[] = [
      { action: 'move', name: 'server-name.example.net', from: 'production', to: 'eu', wildcard: false, system: 'primary' },
    ];
    assert.equal(guard(hostPlan(changes, { managed: 3 }, 'runcloud'), {})[0]?.guard, 'system-domain');
  });
});
