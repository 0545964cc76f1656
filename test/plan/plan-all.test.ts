import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DesiredHost } from '../../src/config/desired-state.js';
import { capabilitiesOf } from '../../src/hosts/capabilities.js';
import type { HostSnapshot } from '../../src/hosts/provider.js';
import type { Change, HostPlan, Plan } from '../../src/plan/change.js';
import { hostChecksum, planChecksum } from '../../src/plan/checksum.js';
import { guardHostPlan } from '../../src/plan/guard.js';
import { planAll, planContextFor, replanHost } from '../../src/plan/plan-all.js';
import { current, desiredHost, desiredState, domain, manyNames } from './fixtures.js';

function hostOf(plan: Plan, id: string): HostPlan {
  const host = plan.hosts.find((candidate) => candidate.host === id);
  assert.ok(host, `no plan for ${id}`);
  return host;
}

const names = (changes: readonly Change[]): string[] => changes.map((change) => `${change.action} ${change.name}`);

describe('planAll', () => {
  test('plans only the hosts that were read, in file order', () => {
    const state = desiredState([
      desiredHost('production', 'serverpilot', [domain('example.com')]),
      desiredHost('eu', 'runcloud', [domain('example.de')]),
      desiredHost('edge', 'closte', [domain('example.org')]),
    ]);
    const plan = planAll(state, new Map([['edge', current()], ['production', current()]]), { force: false });
    assert.deepEqual(plan.hosts.map((host) => host.host), ['production', 'edge']);
    assert.equal(plan.checksum, planChecksum(plan.hosts));
  });

  test('the plan checksum is the same whether or not hosts with nothing to do are planned too', () => {
    const production = desiredHost('production', 'serverpilot', [domain('example.com'), domain('shop.example.com')]);
    const edge = desiredHost('edge', 'closte', [domain('example.org')]);
    const snapshots = new Map<string, HostSnapshot>([
      ['production', current('example.com')],
      ['edge', current('example.org')],
    ]);
    const both = planAll(desiredState([production, edge]), snapshots, { force: false });
    const alone = planAll(desiredState([production]), snapshots, { force: false });
    assert.deepEqual(names(hostOf(both, 'edge').changes), []);
    assert.deepEqual(names(hostOf(both, 'production').changes), ['add shop.example.com']);
    assert.equal(both.checksum, alone.checksum);
  });

  test('a name leaving one host for another is one move, listed on both, with a warning on both', () => {
    const state = desiredState([
      desiredHost('production', 'serverpilot', [domain('example.com')]),
      desiredHost('eu', 'closte', [domain('example.org'), domain('moved.example.com')]),
    ]);
    const snapshots = new Map<string, HostSnapshot>([
      ['production', current('example.com', 'moved.example.com', 'old.example.com')],
      ['eu', current('example.org')],
    ]);
    const plan = planAll(state, snapshots, { force: false });
    const production = hostOf(plan, 'production');
    const eu = hostOf(plan, 'eu');
    const move = { action: 'move', name: 'moved.example.com', from: 'production', to: 'eu', wildcard: false };
    // A move takes the place of the change it replaces: among the removals here, sorted by name.
    assert.deepEqual(production.changes, [move, { action: 'remove', name: 'old.example.com', wildcard: false }]);
    assert.deepEqual(eu.changes, [move]);
    assert.equal(production.warnings.length, 1);
    assert.match(production.warnings[0] ?? '', /^moved\.example\.com moves to eu: removed from production first, then added on eu/);
    assert.equal(eu.warnings.length, 1);
    assert.match(eu.warnings[0] ?? '', /^moved\.example\.com moves from production: added on eu only after production has removed it/);
    assert.equal(production.checksum, hostChecksum(production.changes, production.host));
    assert.equal(eu.checksum, hostChecksum(eu.changes, eu.host));
    assert.equal(plan.checksum, planChecksum(plan.hosts));
    assert.deepEqual(plan.refusals, []);
  });

  test('a move counts as a removal for the guards of the host it leaves, not the one it joins', () => {
    const state = desiredState([
      desiredHost('production', 'serverpilot', [], { maxRemovals: 1 }),
      desiredHost('eu', 'closte', [domain('a.example.com'), domain('b.example.com')], { maxRemovals: 0 }),
    ]);
    const snapshots = new Map([
      ['production', current('a.example.com', 'b.example.com')],
      ['eu', current()],
    ]);
    const plan = planAll(state, snapshots, { force: false });
    assert.deepEqual(names(hostOf(plan, 'eu').changes), ['move a.example.com', 'move b.example.com']);
    assert.deepEqual(
      plan.refusals.map((refusal) => [refusal.host, refusal.guard, refusal.actual]),
      [['production', 'max-removals', 2]],
    );
    assert.match(hostOf(plan, 'production').warnings[0] ?? '', /^a\.example\.com, b\.example\.com move to eu/);
  });

  test('between www models the companion moves too: separate → flag', () => {
    const state = desiredState([
      desiredHost('production', 'serverpilot', [], { maxRemovals: 1 }),
      desiredHost('eu', 'runcloud', [domain('example.com', { www: true })]),
    ]);
    const snapshots = new Map([
      ['production', current('example.com', 'www.example.com')],
      ['eu', current()],
    ]);
    const plan = planAll(state, snapshots, { force: false });
    assert.deepEqual(hostOf(plan, 'production').changes, [
      { action: 'move', name: 'example.com', from: 'production', to: 'eu', www: true, wildcard: false },
      { action: 'move', name: 'www.example.com', from: 'production', to: 'eu', wildcard: false },
    ]);
    assert.deepEqual(hostOf(plan, 'eu').changes, [
      { action: 'move', name: 'example.com', from: 'production', to: 'eu', www: true, wildcard: false },
    ]);
    assert.equal(plan.refusals[0]?.actual, 2);
  });

  test('between www models the companion moves too: flag → separate', () => {
    const state = desiredState([
      desiredHost('eu', 'runcloud', [], { maxRemovals: 1 }),
      desiredHost('production', 'serverpilot', [domain('example.com', { www: true })]),
    ]);
    const snapshots = new Map([
      ['eu', current({ name: 'example.com', www: true, id: '5' })],
      ['production', current()],
    ]);
    const plan = planAll(state, snapshots, { force: false });
    assert.deepEqual(hostOf(plan, 'eu').changes, [
      { action: 'move', name: 'example.com', from: 'eu', to: 'production', sourceWww: true, wildcard: false, id: '5' },
    ]);
    assert.deepEqual(names(hostOf(plan, 'production').changes), ['move example.com', 'move www.example.com']);
    assert.deepEqual(plan.refusals.map((refusal) => [refusal.host, refusal.actual]), [['eu', 2]]);
  });

  test('refusals are listed for every host, not only the first', () => {
    const state = desiredState([
      desiredHost('production', 'closte', [], { maxRemovals: 1 }),
      desiredHost('eu', 'closte', [], { maxRemovals: 2 }),
    ]);
    const snapshots = new Map([
      ['production', current(...manyNames(2, 'example.com'))],
      ['eu', current(...manyNames(3, 'example.de'))],
    ]);
    const plan = planAll(state, snapshots, { force: false });
    assert.deepEqual(plan.refusals.map((refusal) => refusal.host), ['production', 'eu']);
  });

  test('--force lifts the removal guards but not the 300-domain cap', () => {
    const state = desiredState([
      desiredHost('production', 'serverpilot', manyNames(301, 'example.com').map((name) => domain(name))),
      desiredHost('edge', 'closte', [], { maxRemovals: 0 }),
    ]);
    const snapshots = new Map([
      ['production', current()],
      ['edge', current('old.example.org')],
    ]);
    const unforced = planAll(state, snapshots, { force: false });
    assert.deepEqual(unforced.refusals.map((refusal) => refusal.guard).sort(), ['max-domains', 'max-removals']);
    const forced = planAll(state, snapshots, { force: true });
    assert.deepEqual(forced.refusals.map((refusal) => [refusal.host, refusal.guard]), [['production', 'max-domains']]);
  });

  test('moving a panel-owned domain is planned and refused on its source', () => {
    const state = desiredState([
      desiredHost('eu', 'runcloud', [domain('example.de')]),
      desiredHost('edge', 'closte', [domain('server-name.example.net')]),
    ]);
    const snapshots = new Map([
      ['eu', current({ name: 'example.de', id: '2' }, { name: 'server-name.example.net', id: '1', system: 'primary' })],
      ['edge', current()],
    ]);
    const plan = planAll(state, snapshots, { force: true });
    assert.deepEqual(names(hostOf(plan, 'eu').changes), ['move server-name.example.net']);
    assert.deepEqual(plan.refusals.map((refusal) => [refusal.host, refusal.guard, refusal.forceable]), [
      ['eu', 'system-domain', false],
    ]);
  });

  test('a panel-owned domain the file lists nowhere stays unmanaged', () => {
    const state = desiredState([desiredHost('eu', 'runcloud', [domain('example.de')])]);
    const snapshots = new Map([
      ['eu', current({ name: 'example.de', id: '2' }, { name: 'server-name.example.net', id: '1', system: 'primary' })],
    ]);
    const plan = planAll(state, snapshots, { force: false });
    assert.deepEqual(hostOf(plan, 'eu').changes, []);
    assert.deepEqual(hostOf(plan, 'eu').unmanaged, ['server-name.example.net']);
  });

  test('preview domains (the previews pattern) are unmanaged on every host', () => {
    const state = desiredState(
      [desiredHost('eu', 'runcloud', [domain('example.de')]), desiredHost('edge', 'closte', [])],
      'pr-{number}.preview.example.de',
    );
    const snapshots = new Map([
      ['eu', current('example.de', 'pr-7.preview.example.de')],
      ['edge', current('pr-8.preview.example.de')],
    ]);
    const plan = planAll(state, snapshots, { force: false });
    assert.deepEqual(hostOf(plan, 'eu').unmanaged, ['pr-7.preview.example.de']);
    assert.deepEqual(hostOf(plan, 'edge').unmanaged, ['pr-8.preview.example.de']);
    assert.deepEqual(plan.hosts.flatMap((host) => host.changes), []);
  });
});

describe('replanHost', () => {
  const production = desiredHost('production', 'serverpilot', [domain('example.com')], { maxRemovals: 2 });
  const eu = desiredHost('eu', 'runcloud', [domain('example.de'), domain('moved.example.com', { www: true })]);
  const state = desiredState([production, eu]);
  const original = planAll(
    state,
    new Map([
      ['production', current('example.com', 'moved.example.com', 'www.moved.example.com')],
      ['eu', current({ name: 'example.de', id: '1' })],
    ]),
    { force: false },
  );
  const replan = (host: DesiredHost, fresh: HostSnapshot): HostPlan =>
    replanHost(host, fresh, hostOf(original, host.id), planContextFor(state, host));

  test('the original plan links the moves', () => {
    assert.deepEqual(names(hostOf(original, 'eu').changes), ['move moved.example.com']);
    assert.deepEqual(names(hostOf(original, 'production').changes), ['move moved.example.com', 'move www.moved.example.com']);
  });

  test('a destination that changed keeps its move in and plans the rest afresh', () => {
    const plan = replan(eu, current({ name: 'example.de', id: '1' }, { name: 'surprise.example.de', id: '8' }));
    assert.deepEqual(plan.changes, [
      { action: 'move', name: 'moved.example.com', from: 'production', to: 'eu', www: true, wildcard: false },
      { action: 'remove', name: 'surprise.example.de', www: false, wildcard: false, id: '8' },
    ]);
    assert.equal(plan.warnings.length, 1);
    assert.match(plan.warnings[0] ?? '', /moves from production/);
    assert.equal(plan.checksum, hostChecksum(plan.changes, plan.host));
  });

  test('a source that changed keeps its moves out, and its guards count them', () => {
    const plan = replan(production, current('moved.example.com', 'www.moved.example.com', 'new-1.example.com', 'new-2.example.com'));
    assert.deepEqual(names(plan.changes), [
      'add example.com',
      'move moved.example.com',
      'remove new-1.example.com',
      'remove new-2.example.com',
      'move www.moved.example.com',
    ]);
    assert.equal(plan.resultingCount, 1);
    const refusals = guardHostPlan(plan, production, capabilitiesOf.serverpilot, false);
    assert.deepEqual(refusals.map((refusal) => [refusal.guard, refusal.actual]), [['max-removals', 4]]);
  });

  test('a move whose name already left the source is no longer planned there', () => {
    const plan = replan(production, current('example.com'));
    assert.deepEqual(plan.changes, []);
    assert.deepEqual(plan.warnings, []);
    assert.equal(plan.checksum, hostChecksum([], 'production'));
  });
});

describe('planAll with read-only hosts (outside --hosts)', () => {
  const production = desiredHost('production', 'serverpilot', [domain('example.com')]);
  const eu = desiredHost('eu', 'runcloud', [domain('example.de'), domain('moved.example.com', { www: true })]);
  const state = desiredState([production, eu]);
  const snapshots = new Map([
    ['production', current('example.com', 'moved.example.com', 'www.moved.example.com')],
    ['eu', current({ name: 'example.de', id: '1' })],
  ]);

  test('a name moving in from a read-only host is held back, with a warning naming the host to apply first', () => {
    const plan = planAll(state, snapshots, { force: false, readOnly: new Set(['production']) });
    assert.deepEqual(plan.hosts.map((host) => host.host), ['eu'], 'a read-only host gets no plan');
    const held = hostOf(plan, 'eu');
    assert.deepEqual(held.changes, []);
    assert.deepEqual(held.warnings, ['`moved.example.com` is still on `production`; apply `production` first']);
    assert.equal(held.checksum, hostChecksum([], 'production'));
    assert.equal(held.resultingCount, 1);
    assert.equal(plan.checksum, planChecksum(plan.hosts));
  });

  test('a name moving out to a read-only host stays a move, with a warning to apply that host next', () => {
    const plan = planAll(state, snapshots, { force: false, readOnly: new Set(['eu']) });
    const source = hostOf(plan, 'production');
    assert.deepEqual(names(source.changes), ['move moved.example.com', 'move www.moved.example.com']);
    assert.ok(source.warnings.includes('`moved.example.com`, `www.moved.example.com` are added on `eu` only when `eu` is applied; apply `eu` next to serve them again'), source.warnings.join('\n'));
  });

  test('a plan made again before writing keeps holding the name back', () => {
    const original = hostOf(planAll(state, snapshots, { force: false, readOnly: new Set(['production']) }), 'eu');
    const fresh = current({ name: 'example.de', id: '1' }, { name: 'surprise.example.de', id: '8' });
    const plan = replanHost(eu, fresh, original, planContextFor(state, eu));
    assert.deepEqual(names(plan.changes), ['remove surprise.example.de']);
    assert.deepEqual(plan.warnings, ['`moved.example.com` is still on `production`; apply `production` first']);
    assert.equal(plan.checksum, hostChecksum(plan.changes, plan.host));
  });
});

describe('planAll with hosts whose read failed', () => {
  const production = desiredHost('production', 'serverpilot', [domain('example.com')]);
  const eu = desiredHost('eu', 'runcloud', [domain('example.de'), domain('moved.example.com', { www: true })]);
  const state = desiredState([production, eu]);
  const snapshots = new Map([['production', current('example.com', 'moved.example.com', 'www.moved.example.com', 'old.example.com')]]);
  const unreadable = new Set(['eu']);

  test('a name the file gives to an unreadable host is not removed from its source, nor counted', () => {
    const plan = planAll(state, snapshots, { force: false, unreadable });
    const source = hostOf(plan, 'production');
    assert.deepEqual(names(source.changes), ['remove old.example.com']);
    assert.deepEqual(source.warnings, [
      '`moved.example.com` is not removed: it moves to `eu`, which could not be read',
      '`www.moved.example.com` is not removed: it moves to `eu`, which could not be read',
    ]);
    assert.equal(source.resultingCount, 3);
    assert.equal(source.checksum, hostChecksum(source.changes, source.host));
  });

  test('the held-back removals do not count towards the guards', () => {
    const plan = planAll(state, snapshots, { force: false, unreadable });
    const refusals = guardHostPlan(hostOf(plan, 'production'), { ...production, guards: { maxRemovals: 1, maxRemovalPercent: 100 } }, capabilitiesOf.serverpilot, false);
    assert.deepEqual(refusals, []);
  });

  test('a plan made again before writing keeps the removals held back', () => {
    const original = hostOf(planAll(state, snapshots, { force: false, unreadable }), 'production');
    const fresh = current('example.com', 'moved.example.com', 'www.moved.example.com', 'stray.example.com');
    const plan = replanHost(production, fresh, original, planContextFor(state, production));
    assert.deepEqual(names(plan.changes), ['remove stray.example.com']);
    assert.ok(plan.warnings.includes('`moved.example.com` is not removed: it moves to `eu`, which could not be read'), plan.warnings.join('\n'));
    assert.equal(plan.resultingCount, 3);
  });
});
