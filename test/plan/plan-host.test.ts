import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DesiredDomain, ProviderName } from '../../src/config/desired-state.js';
import { capabilitiesOf } from '../../src/hosts/capabilities.js';
import type { HostSnapshot } from '../../src/hosts/provider.js';
import type { Change } from '../../src/plan/change.js';
import { hostChecksum } from '../../src/plan/checksum.js';
import { planHost } from '../../src/plan/plan-host.js';
import { current, desiredHost, domain, type HostOptions } from './fixtures.js';

interface PlannerCase {
  title: string;
  provider: ProviderName;
  desired: DesiredDomain[];
  options?: HostOptions;
  unmanagedGlobs?: string[];
  listedElsewhere?: string[];
  snapshot: HostSnapshot;
  changes: Change[];
  unmanaged?: string[];
  managedCount: number;
  resultingCount: number;
}

const cases: PlannerCase[] = [
  {
    title: 'an empty host gets every hostname added, www companions as their own entries',
    provider: 'serverpilot',
    desired: [domain('example.com', { www: true }), domain('shop.example.com')],
    snapshot: current(),
    changes: [
      { action: 'add', name: 'example.com', wildcard: false },
      { action: 'add', name: 'shop.example.com', wildcard: false },
      { action: 'add', name: 'www.example.com', wildcard: false },
    ],
    managedCount: 0,
    resultingCount: 3,
  },
  {
    title: 'a host that matches the file has no changes',
    provider: 'serverpilot',
    desired: [domain('example.com', { www: true })],
    snapshot: current('www.example.com', 'example.com'),
    changes: [],
    managedCount: 2,
    resultingCount: 2,
  },
  {
    title: 'removals: sync removes what the file does not list',
    provider: 'closte',
    desired: [domain('example.org')],
    snapshot: current('example.org', 'old.example.org'),
    changes: [{ action: 'remove', name: 'old.example.org', wildcard: false }],
    managedCount: 2,
    resultingCount: 1,
  },
  {
    title: 'removals: keep never removes, but still adds and counts what it keeps',
    provider: 'closte',
    desired: [domain('example.org'), domain('new.example.org')],
    options: { removals: 'keep' },
    snapshot: current('example.org', 'old.example.org'),
    changes: [{ action: 'add', name: 'new.example.org', wildcard: false }],
    managedCount: 2,
    resultingCount: 3,
  },
  {
    title: 'names matching the host ignore globs are unmanaged',
    provider: 'serverpilot',
    desired: [domain('example.com')],
    options: { ignore: ['*.internal.example.com'] },
    snapshot: current('example.com', 'a.internal.example.com'),
    changes: [],
    unmanaged: ['a.internal.example.com'],
    managedCount: 1,
    resultingCount: 2,
  },
  {
    title: 'names matching the previews pattern are unmanaged',
    provider: 'runcloud',
    desired: [domain('example.de')],
    unmanagedGlobs: ['pr-*.preview.example.de'],
    snapshot: current('example.de', 'pr-12.preview.example.de'),
    changes: [],
    unmanaged: ['pr-12.preview.example.de'],
    managedCount: 1,
    resultingCount: 2,
  },
  {
    title: "the panel's own system domains are unmanaged and count towards the resulting total",
    provider: 'serverpilot',
    desired: [domain('b.example.com')],
    snapshot: current('a.example.com', 'app-1a2b.serverpilot.io'),
    changes: [
      { action: 'add', name: 'b.example.com', wildcard: false },
      { action: 'remove', name: 'a.example.com', wildcard: false },
    ],
    unmanaged: ['app-1a2b.serverpilot.io'],
    managedCount: 1,
    resultingCount: 2,
  },
  {
    title: "RunCloud's primary domain, not listed in the file, is unmanaged",
    provider: 'runcloud',
    desired: [domain('example.de')],
    snapshot: current({ name: 'example.de', id: '2' }, { name: 'server-name.example.net', id: '1', system: 'primary' }),
    changes: [],
    unmanaged: ['server-name.example.net'],
    managedCount: 1,
    resultingCount: 2,
  },
  {
    title: "RunCloud's primary domain listed on another host is managed here, so its removal is planned",
    provider: 'runcloud',
    desired: [domain('example.de')],
    listedElsewhere: ['server-name.example.net'],
    snapshot: current({ name: 'example.de', id: '2' }, { name: 'server-name.example.net', id: '1', system: 'primary' }),
    changes: [
      { action: 'remove', name: 'server-name.example.net', www: false, wildcard: false, id: '1', system: 'primary' },
    ],
    managedCount: 2,
    resultingCount: 1,
  },
  {
    title: 'flag model: a www flag that differs is an update, never a remove and an add',
    provider: 'runcloud',
    desired: [domain('example.de', { www: true }), domain('example.at')],
    snapshot: current({ name: 'example.de', id: '3' }, { name: 'example.at', www: true, id: '4' }),
    changes: [
      { action: 'update', name: 'example.at', www: { from: true, to: false }, id: '4' },
      { action: 'update', name: 'example.de', www: { from: false, to: true }, id: '3' },
    ],
    managedCount: 3,
    resultingCount: 2,
  },
  {
    title: 'flag model under keep: a dropped www flag is a removal and is not planned; a new one is',
    provider: 'runcloud',
    desired: [domain('example.de', { www: true }), domain('example.at')],
    options: { removals: 'keep' },
    snapshot: current({ name: 'example.de', id: '3' }, { name: 'example.at', www: true, id: '4' }),
    changes: [{ action: 'update', name: 'example.de', www: { from: false, to: true }, id: '3' }],
    managedCount: 3,
    resultingCount: 2,
  },
  {
    title: 'flag model: adds carry the flag, removals say whether the companion goes too',
    provider: 'runcloud',
    desired: [domain('new.example.de', { www: true })],
    snapshot: current({ name: 'old.example.de', www: true, id: '9' }),
    changes: [
      { action: 'add', name: 'new.example.de', www: true, wildcard: false },
      { action: 'remove', name: 'old.example.de', www: true, wildcard: false, id: '9' },
    ],
    managedCount: 2,
    resultingCount: 1,
  },
  {
    title: 'a www. name listed on its own is not doubled by its apex companion',
    provider: 'closte',
    desired: [domain('example.org', { www: true }), domain('www.example.org')],
    snapshot: current('example.org'),
    changes: [{ action: 'add', name: 'www.example.org', wildcard: false }],
    managedCount: 1,
    resultingCount: 2,
  },
  {
    title: 'wildcards keep their flag',
    provider: 'closte',
    desired: [domain('*.sites.example.org')],
    snapshot: current('*.old.example.org'),
    changes: [
      { action: 'add', name: '*.sites.example.org', wildcard: true },
      { action: 'remove', name: '*.old.example.org', wildcard: true },
    ],
    managedCount: 1,
    resultingCount: 1,
  },
  {
    title: 'order: adds, then updates, then removes, each sorted by name',
    provider: 'runcloud',
    desired: [domain('z.example.de'), domain('c.example.de', { www: true }), domain('a.example.de'), domain('m.example.de', { www: true })],
    snapshot: current(
      { name: 'y.example.de', id: '1' },
      { name: 'm.example.de', id: '2' },
      { name: 'b.example.de', id: '3' },
      { name: 'c.example.de', id: '4' },
    ),
    changes: [
      { action: 'add', name: 'a.example.de', www: false, wildcard: false },
      { action: 'add', name: 'z.example.de', www: false, wildcard: false },
      { action: 'update', name: 'c.example.de', www: { from: false, to: true }, id: '4' },
      { action: 'update', name: 'm.example.de', www: { from: false, to: true }, id: '2' },
      { action: 'remove', name: 'b.example.de', www: false, wildcard: false, id: '3' },
      { action: 'remove', name: 'y.example.de', www: false, wildcard: false, id: '1' },
    ],
    managedCount: 4,
    resultingCount: 4,
  },
  {
    title: 'a name the panel lists twice counts once',
    provider: 'serverpilot',
    desired: [domain('example.com')],
    snapshot: current('example.com', 'example.com', 'old.example.com'),
    changes: [{ action: 'remove', name: 'old.example.com', wildcard: false }],
    managedCount: 2,
    resultingCount: 1,
  },
  {
    title: 'a name the file lists is managed even where an ignore glob matches it',
    provider: 'serverpilot',
    desired: [domain('keep.internal.example.com')],
    options: { ignore: ['*.internal.example.com'] },
    snapshot: current('other.internal.example.com'),
    changes: [{ action: 'add', name: 'keep.internal.example.com', wildcard: false }],
    unmanaged: ['other.internal.example.com'],
    managedCount: 0,
    resultingCount: 2,
  },
];

describe('planHost', () => {
  for (const plannerCase of cases) {
    test(plannerCase.title, () => {
      const host = desiredHost('production', plannerCase.provider, plannerCase.desired, plannerCase.options);
      const plan = planHost(host, plannerCase.snapshot, {
        capabilities: capabilitiesOf[plannerCase.provider],
        unmanaged: plannerCase.unmanagedGlobs ?? [],
        listedElsewhere: new Set(plannerCase.listedElsewhere ?? []),
      });
      assert.deepEqual(plan.changes, plannerCase.changes);
      assert.deepEqual(plan.unmanaged, plannerCase.unmanaged ?? []);
      assert.equal(plan.managedCount, plannerCase.managedCount, 'managedCount');
      assert.equal(plan.resultingCount, plannerCase.resultingCount, 'resultingCount');
      assert.equal(plan.host, 'production');
      assert.equal(plan.provider, plannerCase.provider);
      assert.equal(plan.checksum, hostChecksum(plannerCase.changes, plan.host));
    });
  }
});
