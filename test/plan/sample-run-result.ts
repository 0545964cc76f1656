import type { HostOutcome, RunResult } from '../../src/result.js';
import type { Change } from '../../src/plan/change.js';
import { hostChecksum, planChecksum } from '../../src/plan/checksum.js';

/** A plan run over three hosts with every kind of change, a failed host, a refusal and SSL states. */

const productionChanges: Change[] = [
  { action: 'add', name: 'new.example.com', wildcard: false },
  { action: 'add', name: 'www.new.example.com', wildcard: false },
  { action: 'move', name: 'moved.example.com', from: 'production', to: 'eu', wildcard: false, www: false },
  { action: 'remove', name: 'old.example.com', wildcard: false },
];

const euChanges: Change[] = [
  { action: 'add', name: 'example.at', www: true, wildcard: false },
  { action: 'move', name: 'moved.example.com', from: 'production', to: 'eu', wildcard: false, www: false },
  { action: 'update', name: 'example.de', www: { from: false, to: true }, id: '17' },
];

function outcome(id: string, provider: HostOutcome['provider'], changes: Change[], extra: Partial<HostOutcome> = {}): HostOutcome {
  return { id, provider, checksum: hostChecksum(changes, id), apiCalls: 2, changes, warnings: [], ...extra };
}

export function sampleRunResult(): RunResult {
  const hosts: HostOutcome[] = [
    outcome('production', 'serverpilot', productionChanges, {
      warnings: ['moved.example.com moves to eu: removed from production first, then added on eu.'],
    }),
    outcome('eu', 'runcloud', euChanges, {
      apiCalls: 3,
      warnings: ['moved.example.com moves from production: added on eu only after production has removed it.'],
    }),
    outcome('edge', 'closte', [], {
      apiCalls: 1,
      error: 'closte answered 503 Service Unavailable to GET https://app.closte.com/api/client/domains?apikey=***',
    }),
  ];
  return {
    mode: 'plan',
    result: 'failed',
    checksum: planChecksum(hosts.map((host) => ({ host: host.id, checksum: host.checksum }))),
    hosts,
    ssl: [
      { name: 'example.com', host: 'production', state: 'ok', expires: '2025-09-01T12:00:00.000Z', detail: 'valid for 80 days' },
      { name: 'example.de', host: 'eu', state: 'dns-pending', detail: 'A record 198.51.100.4, expected 203.0.113.20' },
      {
        name: 'example.at',
        host: 'eu',
        state: 'timeout',
        lastState: 'wrong-certificate',
        expires: '2026-01-01T00:00:00.000Z',
        detail: 'certificate covers *.runcloud.link | not example.at',
      },
      { name: 'cdn.example.com', host: 'production', state: 'skipped', detail: 'ssl: false' },
    ],
    configIssues: [],
    refusals: [
      {
        host: 'production',
        guard: 'max-removals',
        limit: 1,
        actual: 2,
        forceable: true,
        message: 'max-removals: the plan removes 2 hostnames from production (moved.example.com, old.example.com), more than max-removals 1 allows.',
      },
    ],
    errors: [],
  };
}
