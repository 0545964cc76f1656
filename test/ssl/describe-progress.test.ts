import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeProgress } from '../../src/ssl/describe-progress.js';
import type { PendingName } from '../../src/ssl/wait.js';

const panelDefault =
  'a self-signed certificate that does not cover {name} (subject CN=panel-default.invalid; issuer CN=panel-default.invalid; names panel-default.invalid; not after 2036-01-01T00:00:00.000Z); the panel issues certificates on its own (Closte issues certificates on its own once an alias is added, usually within 5 to 10 minutes)';

function pending(count: number, state: PendingName['state'], prefix: string): PendingName[] {
  return Array.from({ length: count }, (_, index) => {
    const name = `${prefix}${index}.example.org`;
    return { name, host: 'edge', state, detail: panelDefault.replace('{name}', name) };
  });
}

describe('describeProgress', () => {
  test('60 names: counts per state, five names with the gist, the rest counted, names not probed yet counted', () => {
    const lines = describeProgress({
      elapsedMs: 30_400,
      total: 60,
      finished: 2,
      pending: [
        ...pending(50, 'wrong-certificate', 'site'),
        { name: 'new.example.org', host: 'edge', state: 'dns-pending', detail: 'new.example.org has A 198.51.100.7, not in points-to; it should point only to A 203.0.113.10' },
      ],
      notProbed: 7,
    });
    assert.deepEqual(lines, [
      'Certificates: 2 of 60 settled after 30s; waiting on 58: 50 wrong-certificate, 1 dns-pending, 7 not probed yet.',
      '  site0.example.org (edge): wrong-certificate, a self-signed certificate that does not cover site0.example.org',
      '  site1.example.org (edge): wrong-certificate, a self-signed certificate that does not cover site1.example.org',
      '  site2.example.org (edge): wrong-certificate, a self-signed certificate that does not cover site2.example.org',
      '  site3.example.org (edge): wrong-certificate, a self-signed certificate that does not cover site3.example.org',
      '  site4.example.org (edge): wrong-certificate, a self-signed certificate that does not cover site4.example.org',
      '  and 46 more.',
    ]);
    assert.ok(lines.join('\n').length < 1000);
  });

  test('a few names are all listed; a DNS detail keeps what was found; a long detail is cut', () => {
    const long = `x${'y'.repeat(300)}`;
    const lines = describeProgress({
      elapsedMs: 60_000,
      total: 2,
      finished: 0,
      pending: [
        { name: 'a.example', host: 'eu', state: 'dns-pending', detail: 'a.example has A 198.51.100.7, not in points-to; it should point only to A 203.0.113.10' },
        { name: 'b.example', host: 'eu', state: 'unreachable', detail: long },
      ],
      notProbed: 0,
    });
    assert.equal(lines[0], 'Certificates: 0 of 2 settled after 1m; waiting on 2: 1 dns-pending, 1 unreachable.');
    assert.equal(lines[1], '  a.example (eu): dns-pending, a.example has A 198.51.100.7, not in points-to');
    assert.equal(lines[2], `  b.example (eu): unreachable, ${long.slice(0, 99)}…`);
    assert.equal(lines.length, 3);
  });
});
