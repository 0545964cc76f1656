import type { Change } from '../../src/plan/change.js';
import { hostChecksum } from '../../src/plan/checksum.js';
import type { HostOutcome, RunResult } from '../../src/result.js';

/** A scheduled `check --ssl` that found drift on three hosts, a host it could not read, and one in sync. */

function outcome(id: string, provider: HostOutcome['provider'], changes: Change[], extra: Partial<HostOutcome> = {}): HostOutcome {
  return { id, provider, checksum: hostChecksum(changes, id), apiCalls: 1, changes, warnings: [], ...extra };
}

export function driftRunResult(): RunResult {
  return {
    mode: 'check',
    result: 'drift',
    checksum: 'sha256:0f0f',
    hosts: [
      outcome('production', 'serverpilot', [
        { action: 'add', name: 'shop.example.com', wildcard: false },
        { action: 'move', name: 'moved.example.com', from: 'production', to: 'eu', wildcard: false, www: false },
        { action: 'remove', name: 'old.example.com', wildcard: false },
      ]),
      outcome('eu', 'runcloud', [
        { action: 'add', name: 'example.at', www: true, wildcard: false },
        { action: 'move', name: 'moved.example.com', from: 'production', to: 'eu', wildcard: false, www: false },
        { action: 'update', name: 'example.de', www: { from: false, to: true }, id: '17' },
      ]),
      outcome('edge', 'closte', [], { error: 'edge: closte answered 503 Service Unavailable to GET https://app.closte.com/api/client/domains?apikey=***' }),
      outcome('staging', 'serverpilot', []),
      outcome('certs', 'runcloud', []),
    ],
    ssl: [
      { name: 'example.com', host: 'production', state: 'ok', expires: '2030-03-01T12:00:00.000Z', detail: 'valid for 59 more days' },
      { name: 'www.example.com', host: 'production', state: 'expiring', expires: '2030-01-04T00:00:00.000Z', detail: 'expires in 3 days, fewer than min-days 7' },
      { name: 'cdn.example.com', host: 'production', state: 'skipped', detail: 'ssl: false in domains.yml' },
      { name: 'secure.example.net', host: 'certs', state: 'dns-pending', detail: 'secure.example.net has A 198.51.100.4; it should point to 203.0.113.20' },
    ],
    configIssues: [],
    refusals: [],
    errors: [],
  };
}
