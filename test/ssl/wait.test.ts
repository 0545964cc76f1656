import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CertificateRequestOutcome } from '../../src/hosts/provider.js';
import type { Probe, ProbeResult, ProbeTarget } from '../../src/ssl/probe.js';
import { parseConnectTo } from '../../src/ssl/routes.js';
import { probeOnce } from '../../src/ssl/probe-once.js';
import { waitForCertificates, type WaitInput, type WaitProgress, type WaitTarget } from '../../src/ssl/wait.js';
import { FakeResolver } from './fake-resolver.js';
import { VirtualClock } from './virtual-clock.js';

const minute = 60_000;
const noRoutes = { resolve: [], connectTo: [] };

/** Web servers whose names get valid certificates at chosen (virtual) times. */
class FakeWeb {
  readonly probes: { name: string; at: number; target: ProbeTarget }[] = [];
  private readonly validFrom = new Map<string, number>();
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly clock: VirtualClock) {}

  certificateAt(names: string[], at: number): void {
    for (const name of names) this.validFrom.set(name, at);
  }

  probesOf(name: string): number[] {
    return this.probes.filter((probe) => probe.name === name).map((probe) => probe.at);
  }

  readonly probe: Probe = async (target): Promise<ProbeResult> => {
    this.probes.push({ name: target.name, at: this.clock.now(), target });
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    for (let tick = 0; tick < 3; tick += 1) await Promise.resolve();
    this.inFlight -= 1;
    const from = this.validFrom.get(target.name);
    if (from !== undefined && this.clock.now() >= from) {
      return { state: 'ok', detail: `valid (${target.name})`, expires: '2030-06-01T00:00:00.000Z' };
    }
    return { state: 'wrong-certificate', detail: `a self-signed certificate that does not cover ${target.name}` };
  };
}

/** A wait target; `minDays` and `timeoutMs` default to 7 days and the test's timeout. */
type TargetSpec = Omit<WaitTarget, 'minDays' | 'timeoutMs'> & Partial<Pick<WaitTarget, 'minDays' | 'timeoutMs'>>;

function setup(records: ConstructorParameters<typeof FakeResolver>[0] = {}) {
  const clock = new VirtualClock();
  const web = new FakeWeb(clock);
  const dns = new FakeResolver(records);
  const start = clock.now();
  const base = (targets: TargetSpec[], timeoutMs = 20 * minute): WaitInput => ({
    targets: targets.map((target) => ({ minDays: 7, timeoutMs, ...target })),
    hosts: [],
    routes: noRoutes,
    clock,
    intervalMs: 10_000,
    wait: true,
    probe: web.probe,
    dns,
  });
  return { clock, web, dns, start, base, elapsed: () => clock.now() - start };
}

const resolving = (names: string[]) => Object.fromEntries(names.map((name) => [name, { a: ['203.0.113.10'] }]));

describe('waitForCertificates', () => {
  test('names whose certificates appear at different times finish at the slowest one, never the sum', async () => {
    const { web, base, start, elapsed } = setup(resolving(['a.example', 'b.example', 'c.example']));
    web.certificateAt(['a.example'], start + 2 * minute);
    web.certificateAt(['b.example'], start + 5 * minute);
    web.certificateAt(['c.example'], start + 9 * minute);
    const targets = ['a.example', 'b.example', 'c.example'].map((name) => ({ name, host: 'prod', pointsTo: ['203.0.113.10'] }));

    const results = await waitForCertificates(base(targets));

    assert.deepEqual(results.map((result) => [result.name, result.state]), [
      ['a.example', 'ok'],
      ['b.example', 'ok'],
      ['c.example', 'ok'],
    ]);
    assert.ok(elapsed() >= 9 * minute && elapsed() <= 10 * minute, `took ${elapsed()} ms`);
    const aProbes = web.probesOf('a.example');
    assert.ok(aProbes.at(-1)! >= start + 2 * minute, 'a is probed until its certificate is there');
    assert.ok(aProbes.slice(0, -1).every((at) => at < start + 2 * minute), 'and never again once ok');
  });

  test('a certificate that appears in the last interval is still seen: the last probe comes just before the deadline', async () => {
    const { web, base, start, elapsed } = setup(resolving(['late.example']));
    web.certificateAt(['late.example'], start + 2_000);
    const [result] = await waitForCertificates(base([{ name: 'late.example', host: 'prod', pointsTo: [] }], 10_000));
    assert.equal(result?.state, 'ok');
    assert.deepEqual(web.probesOf('late.example').map((at) => at - start), [0, 9_000]);
    assert.equal(elapsed(), 9_000);
  });

  test('each name backs off from the interval ×1.5, capped at 60 s', async () => {
    const { web, base, start } = setup(resolving(['slow.example']));
    web.certificateAt(['slow.example'], start + 5 * minute);
    await waitForCertificates(base([{ name: 'slow.example', host: 'prod', pointsTo: [] }]));
    const times = web.probesOf('slow.example');
    const gaps = times.slice(1).map((at, index) => at - times[index]!);
    assert.deepEqual(gaps.slice(0, 8), [10_000, 15_000, 22_500, 33_750, 50_625, 60_000, 60_000, 60_000]);
  });

  test('a name that never gets a certificate ends in timeout with its last state', async () => {
    const { base, elapsed } = setup(resolving(['never.example']));
    const [result] = await waitForCertificates({
      ...base([{ name: 'never.example', host: 'prod', pointsTo: [] }], 5 * minute),
    });
    assert.equal(result?.state, 'timeout');
    assert.equal(result?.lastState, 'wrong-certificate');
    assert.match(result?.detail ?? '', /^no valid certificate after 5m; last seen wrong-certificate: a self-signed certificate/);
    assert.equal(elapsed(), 5 * minute - 5_000, 'the last probe starts 5 s before the deadline and ends within it');
  });

  test('certificates are requested once per host, only when every name passes the DNS pre-check', async () => {
    const { clock, web, dns, base, start } = setup({
      'a.example': { a: ['203.0.113.10'] },
      'b.example': { a: ['198.51.100.7'] },
    });
    void clock.sleep(3 * minute).then(() => dns.set('b.example', { a: ['203.0.113.10'] }));
    const requestedAt: number[] = [];
    const outcomes: [string, CertificateRequestOutcome][] = [];
    const progress: WaitProgress[] = [];
    const requestCertificates = async (): Promise<CertificateRequestOutcome> => {
      requestedAt.push(clock.now());
      web.certificateAt(['a.example', 'b.example'], clock.now() + minute);
      return { state: 'requested', detail: 'AutoSSL enabled' };
    };
    const targets = ['a.example', 'b.example'].map((name) => ({ name, host: 'prod', pointsTo: ['203.0.113.10'] }));

    const results = await waitForCertificates({
      ...base(targets),
      hosts: [{ id: 'prod', requestCertificates }],
      onProgress: (summary) => progress.push(summary),
      onCertificateRequest: (host, outcome) => outcomes.push([host, outcome]),
    });

    assert.deepEqual(results.map((result) => result.state), ['ok', 'ok']);
    assert.equal(requestedAt.length, 1);
    assert.ok(requestedAt[0]! >= start + 3 * minute && requestedAt[0]! < start + 4 * minute, `requested at +${requestedAt[0]! - start} ms`);
    assert.deepEqual(outcomes, [['prod', { state: 'requested', detail: 'AutoSSL enabled' }]]);

    const early = progress[0]!;
    assert.ok(early.elapsedMs >= 30_000);
    const a = early.pending.find((name) => name.name === 'a.example');
    const b = early.pending.find((name) => name.name === 'b.example');
    assert.equal(b?.state, 'dns-pending');
    assert.match(b?.detail ?? '', /has A 198.51.100.7, not in points-to; it should point only to A 203.0.113.10/);
    assert.match(a?.detail ?? '', /certificates not requested: waiting for the DNS of b.example$/);
    const gaps = progress.slice(1).map((summary, index) => summary.elapsedMs - progress[index]!.elapsedMs);
    assert.ok(gaps.every((gap) => gap >= 30_000), `progress gaps ${gaps.join(', ')}`);
  });

  test('a panel that cannot issue yet is asked again on later polls, with backoff', async () => {
    const { clock, web, base, start } = setup(resolving(['a.example']));
    const requestedAt: number[] = [];
    const requestCertificates = async (): Promise<CertificateRequestOutcome> => {
      requestedAt.push(clock.now());
      if (requestedAt.length < 3) return { state: 'not-yet', detail: 'autossl.available is false' };
      web.certificateAt(['a.example'], clock.now());
      return { state: 'requested', detail: 'AutoSSL enabled' };
    };
    const [result] = await waitForCertificates({
      ...base([{ name: 'a.example', host: 'prod', pointsTo: [] }]),
      hosts: [{ id: 'prod', requestCertificates }],
    });
    assert.equal(result?.state, 'ok');
    assert.deepEqual(requestedAt.map((at) => at - start), [0, 10_000, 25_000]);
  });

  test('a failing request is retried and its error shows meanwhile', async () => {
    const { clock, base } = setup(resolving(['a.example']));
    let calls = 0;
    const results = await waitForCertificates({
      ...base([{ name: 'a.example', host: 'prod', pointsTo: [] }], 30_000),
      hosts: [
        {
          id: 'prod',
          requestCertificates: async () => {
            calls += 1;
            throw new Error(`HTTP 503 at ${clock.now()}`);
          },
        },
      ],
    });
    assert.equal(calls, 3, "asked at 0 s, 10 s and 25 s");
    assert.equal(results[0]?.state, 'timeout');
    assert.match(results[0]?.detail ?? '', /the certificate request failed, asking again later: HTTP 503/);
  });

  test('a host that cannot issue fails its names at once, while other hosts go on', async () => {
    const { web, base, start, elapsed } = setup(resolving(['x.example', 'y.example', 'z.example']));
    web.certificateAt(['z.example'], start + 4 * minute);
    const results = await waitForCertificates({
      ...base([
        { name: 'x.example', host: 'custom', pointsTo: [] },
        { name: 'y.example', host: 'custom', pointsTo: [] },
        { name: 'z.example', host: 'other', pointsTo: [] },
      ]),
      hosts: [
        { id: 'custom', requestCertificates: async () => ({ state: 'cannot-issue', detail: 'a custom certificate is installed' }) },
        { id: 'other' },
      ],
    });
    for (const result of results.slice(0, 2)) {
      assert.equal(result.state, 'wrong-certificate');
      assert.match(result.detail, /; the panel cannot issue certificates: a custom certificate is installed$/);
    }
    assert.equal(results[2]?.state, 'ok');
    assert.ok([...web.probesOf('x.example'), ...web.probesOf('y.example')].every((at) => at === start));
    assert.ok(elapsed() < 5 * minute);
  });

  test('a gated name that is not waited for holds the request back until its DNS passes, and has no result', async () => {
    const { clock, web, dns, base, start } = setup({ 'new.example': { a: ['203.0.113.10'] } });
    void clock.sleep(2 * minute).then(() => dns.set('old.example', { a: ['203.0.113.10'] }));
    const requestedAt: number[] = [];
    const results = await waitForCertificates({
      ...base([{ name: 'new.example', host: 'prod', pointsTo: ['203.0.113.10'] }]),
      hosts: [
        {
          id: 'prod',
          gate: [
            { name: 'new.example', pointsTo: ['203.0.113.10'] },
            { name: 'old.example', pointsTo: ['203.0.113.10'] },
          ],
          requestCertificates: async () => {
            requestedAt.push(clock.now());
            web.certificateAt(['new.example', 'old.example'], clock.now());
            return { state: 'requested', detail: 'AutoSSL enabled' };
          },
        },
      ],
    });
    assert.deepEqual(results.map((result) => [result.name, result.state]), [['new.example', 'ok']]);
    assert.equal(requestedAt.length, 1);
    assert.ok(requestedAt[0]! >= start + 2 * minute && requestedAt[0]! < start + 3 * minute, `requested at +${requestedAt[0]! - start} ms`);
    assert.deepEqual(web.probesOf('old.example'), [], 'an untouched name is never probed');
  });

  test('a gated name routed with --connect-to skips the DNS pre-check, so it holds nothing back', async () => {
    const { clock, web, dns, base, start } = setup({});
    const requestedAt: number[] = [];
    const [result] = await waitForCertificates({
      ...base([{ name: 'new.example', host: 'prod', pointsTo: ['203.0.113.10'] }]),
      routes: { resolve: [], connectTo: [parseConnectTo('::127.0.0.1:8443')] },
      hosts: [
        {
          id: 'prod',
          gate: [{ name: 'old.example', pointsTo: ['203.0.113.10'] }],
          requestCertificates: async () => {
            requestedAt.push(clock.now());
            web.certificateAt(['new.example'], clock.now());
            return { state: 'requested', detail: 'AutoSSL enabled' };
          },
        },
      ],
    });
    assert.equal(result?.state, 'ok');
    assert.deepEqual(requestedAt, [start]);
    assert.deepEqual(dns.queries, []);
  });

  test('a setup read that fails is shown while DNS holds the request back; the request goes out once DNS passes', async () => {
    const { clock, web, dns, base, start } = setup({});
    void clock.sleep(minute).then(() => dns.set('a.example', { a: ['203.0.113.10'] }));
    const progress: WaitProgress[] = [];
    const requestedAt: number[] = [];
    const [result] = await waitForCertificates({
      ...base([{ name: 'a.example', host: 'prod', pointsTo: ['203.0.113.10'] }, { name: 'b.example', host: 'prod', pointsTo: ['203.0.113.10'] }]),
      routes: { resolve: [], connectTo: [parseConnectTo('b.example:443:127.0.0.1:8443')] },
      hosts: [
        {
          id: 'prod',
          readIssuance: async () => {
            throw new Error('HTTP 503 from GET /ssl');
          },
          requestCertificates: async () => {
            requestedAt.push(clock.now());
            web.certificateAt(['a.example', 'b.example'], clock.now());
            return { state: 'requested', detail: 'redeploy started' };
          },
        },
      ],
      onProgress: (summary) => progress.push(summary),
    });
    const b = progress[0]?.pending.find((name) => name.name === 'b.example');
    assert.match(b?.detail ?? '', /waiting for the DNS of a\.example \(and the certificate setup could not be read: HTTP 503 from GET \/ssl\)$/);
    assert.equal(requestedAt.length, 1);
    assert.ok(requestedAt[0]! >= start + minute);
    assert.equal(result?.state, 'ok');
  });

  test('a host that cannot issue is known before any DNS lookup or request, and its names say why', async () => {
    const { dns, base, elapsed } = setup({});
    let requests = 0;
    const order: string[] = [];
    const [result] = await waitForCertificates({
      ...base([{ name: 'x.example', host: 'custom', pointsTo: ['203.0.113.10'] }]),
      dns: { ...dns, resolve4: (name) => (order.push('dns'), dns.resolve4(name)), resolve6: (name) => dns.resolve6(name), resolveCname: (name) => dns.resolveCname(name) },
      hosts: [
        {
          id: 'custom',
          readIssuance: async () => (order.push('setup'), { canIssue: false, reason: 'a custom certificate is installed' }),
          requestCertificates: async () => {
            requests += 1;
            return { state: 'requested', detail: 'asked' };
          },
        },
      ],
    });
    assert.equal(order[0], 'setup');
    assert.equal(requests, 0);
    assert.equal(elapsed(), 0);
    assert.equal(result?.state, 'dns-pending');
    assert.match(result?.detail ?? '', /; the panel cannot issue certificates: a custom certificate is installed$/);
  });

  test('each name waits with its own timeout and min-days', async () => {
    const { web, base, start } = setup(resolving(['short.example', 'long.example']));
    const seenMinDays = new Map<string, number>();
    const probe: typeof web.probe = async (target, options) => {
      seenMinDays.set(target.name, options.minDays);
      return web.probe(target, options);
    };
    const results = await waitForCertificates({
      ...base([
        { name: 'short.example', host: 'a', pointsTo: [], timeoutMs: minute, minDays: 3 },
        { name: 'long.example', host: 'b', pointsTo: [], timeoutMs: 4 * minute, minDays: 30 },
      ]),
      probe,
    });
    assert.match(results[0]?.detail ?? '', /^no valid certificate after 1m;/);
    assert.match(results[1]?.detail ?? '', /^no valid certificate after 4m;/);
    assert.deepEqual(Object.fromEntries(seenMinDays), { 'short.example': 3, 'long.example': 30 });
    assert.ok(web.probesOf('short.example').every((at) => at <= start + minute));
  });

  test('a host that cannot issue, whose certificate covers the name anyway, is ok', async () => {
    const { web, base, start } = setup(resolving(['x.example']));
    web.certificateAt(['x.example'], start);
    const [result] = await waitForCertificates({
      ...base([{ name: 'x.example', host: 'custom', pointsTo: [] }]),
      hosts: [{ id: 'custom', requestCertificates: async () => ({ state: 'cannot-issue', detail: 'custom certificate' }) }],
    });
    assert.equal(result?.state, 'ok');
  });

  test('without waiting: request what can be requested now, probe once, return', async () => {
    const { clock, web, base, start } = setup({
      ...resolving(['a.example', 'b.example', 'c.example']),
      'd.example': { a: ['198.51.100.7'] },
    });
    const requested: string[] = [];
    const outcomes: [string, CertificateRequestOutcome][] = [];
    const request = (host: string) => async (): Promise<CertificateRequestOutcome> => {
      requested.push(host);
      return { state: 'requested', detail: 'redeploy started' };
    };
    const results = await waitForCertificates({
      ...base([
        { name: 'a.example', host: 'p', pointsTo: ['203.0.113.10'] },
        { name: 'b.example', host: 'p', pointsTo: ['203.0.113.10'] },
        { name: 'c.example', host: 'q', pointsTo: ['203.0.113.10'] },
        { name: 'd.example', host: 'q', pointsTo: ['203.0.113.10'] },
      ]),
      wait: false,
      hosts: [
        { id: 'p', requestCertificates: request('p') },
        { id: 'q', requestCertificates: request('q') },
      ],
      onCertificateRequest: (host, outcome) => outcomes.push([host, outcome]),
    });
    assert.equal(clock.now(), start);
    assert.deepEqual(requested, ['p']);
    assert.deepEqual(results.map((result) => result.state), ['wrong-certificate', 'wrong-certificate', 'wrong-certificate', 'dns-pending']);
    assert.match(results[0]!.detail, /certificates requested \(redeploy started\)$/);
    assert.match(results[2]!.detail, /certificates not requested: waiting for the DNS of d.example$/);
    assert.deepEqual(outcomes, [
      ['p', { state: 'requested', detail: 'redeploy started' }],
      ['q', { state: 'not-yet', detail: 'certificates not requested: waiting for the DNS of d.example' }],
    ]);
    assert.deepEqual(web.probes.map((probe) => probe.name).sort(), ['a.example', 'b.example', 'c.example']);
  });

  test('skipped names are reported, routed names skip the DNS pre-check and connect where routed', async () => {
    const { web, dns, base, start } = setup({});
    web.certificateAt(['staging.example'], start);
    const results = await waitForCertificates({
      ...base([
        { name: 'cdn.example', host: 'prod', pointsTo: [], skipReason: 'ssl: false' },
        { name: 'staging.example', host: 'prod', pointsTo: ['203.0.113.10'] },
      ]),
      routes: { resolve: [], connectTo: [parseConnectTo('staging.example:443:127.0.0.1:8443')] },
    });
    assert.deepEqual(results, [
      { name: 'cdn.example', host: 'prod', state: 'skipped', detail: 'ssl: false' },
      { name: 'staging.example', host: 'prod', state: 'ok', detail: 'valid (staging.example)', expires: '2030-06-01T00:00:00.000Z' },
    ]);
    assert.deepEqual(web.probes[0]?.target, { name: 'staging.example', port: 443, connectHost: '127.0.0.1', connectPort: 8443 });
    assert.deepEqual(dns.queries, []);
  });

  test('polls run in parallel up to the probe limit', async () => {
    const names = ['1', '2', '3', '4', '5', '6'].map((n) => `n${n}.example`);
    const { web, base, start } = setup(resolving(names));
    web.certificateAt(names, start + minute);
    const results = await waitForCertificates({
      ...base(names.map((name) => ({ name, host: 'prod', pointsTo: [] }))),
      probeConcurrency: 2,
    });
    assert.ok(results.every((result) => result.state === 'ok'));
    assert.equal(web.maxInFlight, 2);
  });

  test('24 names behind a server that never completes the handshake time out after ssl.timeout, not longer', async () => {
    const names = Array.from({ length: 24 }, (_, index) => `n${index}.example`);
    const { clock, base, elapsed } = setup(resolving(names));
    const handshakeLimits: number[] = [];
    const results = await waitForCertificates({
      ...base(names.map((name) => ({ name, host: 'edge', pointsTo: [] })), 3_000),
      intervalMs: 1_000,
      probe: async (target, options) => {
        handshakeLimits.push(options.timeoutMs);
        await clock.sleep(options.timeoutMs);
        return { state: 'unreachable', detail: `no TLS handshake with ${target.name}:443 within ${options.timeoutMs} ms` };
      },
    });
    assert.equal(elapsed(), 3_000);
    assert.ok(results.every((result) => result.state === 'timeout' && result.lastState === 'unreachable'));
    assert.match(results[23]!.detail, /^no valid certificate after 3s; last seen unreachable/);
    assert.ok(handshakeLimits.every((limit) => limit <= 3_000), `handshake limits ${[...new Set(handshakeLimits)].join(', ')}`);
  });

  test("each handshake is cut to the name's time left, and the timeout detail says how long it really waited", async () => {
    const { clock, base, elapsed } = setup(resolving(['slow.example']));
    const handshakeLimits: number[] = [];
    const [result] = await waitForCertificates({
      ...base([{ name: 'slow.example', host: 'edge', pointsTo: [] }], 25_000),
      probe: async (_target, options) => {
        handshakeLimits.push(options.timeoutMs);
        await clock.sleep(options.timeoutMs);
        return { state: 'unreachable', detail: 'no TLS handshake' };
      },
    });
    assert.deepEqual(handshakeLimits, [10_000, 5_000], 'a 10 s handshake at 0 s, then what is left after the 10 s pause');
    assert.equal(elapsed(), 25_000);
    assert.match(result?.detail ?? '', /^no valid certificate after 25s;/);
  });

  test('a name whose time is up while it waits for a probe slot is not probed past its timeout', async () => {
    const names = ['a', 'b', 'c', 'd'].map((n) => `${n}.example`);
    const { clock, base, elapsed } = setup(resolving(names));
    const probed: string[] = [];
    const results = await waitForCertificates({
      ...base(names.map((name) => ({ name, host: 'edge', pointsTo: [] })), 3_000),
      probeConcurrency: 2,
      probe: async (target, options) => {
        probed.push(target.name);
        await clock.sleep(options.timeoutMs);
        return { state: 'unreachable', detail: 'no TLS handshake' };
      },
    });
    assert.equal(elapsed(), 3_000);
    assert.deepEqual(probed, ['a.example', 'b.example']);
    assert.match(results[3]!.detail, /last seen unreachable: not probed: the time was up before a probe could start/);
  });

  test('DNS pre-checks do not wait behind hanging probes for the same slots', async () => {
    const names = Array.from({ length: 40 }, (_, index) => `n${index}.example`);
    const { clock, dns, base, start } = setup(resolving(names));
    const lookedUpAt: number[] = [];
    await waitForCertificates({
      ...base(names.map((name) => ({ name, host: 'edge', pointsTo: ['203.0.113.10'] })), 3_000),
      dns: { ...dns, resolve4: (name) => (lookedUpAt.push(clock.now()), dns.resolve4(name)), resolve6: (name) => dns.resolve6(name), resolveCname: (name) => dns.resolveCname(name) },
      probe: async (_target, options) => {
        await clock.sleep(options.timeoutMs);
        return { state: 'unreachable', detail: 'no TLS handshake' };
      },
    });
    assert.deepEqual(lookedUpAt.slice(0, 40), names.map(() => start), 'every name looked up at once');
  });

  test('progress counts the names no probe has reached yet', async () => {
    const names = ['a', 'b', 'c'].map((n) => `${n}.example`);
    const { clock, base } = setup(resolving(names));
    const progress: WaitProgress[] = [];
    await waitForCertificates({
      ...base(names.map((name) => ({ name, host: 'edge', pointsTo: [] })), 5 * minute),
      probeConcurrency: 1,
      probeTimeoutMs: 40_000,
      probe: async (_target, options) => {
        await clock.sleep(options.timeoutMs);
        return { state: 'unreachable', detail: 'no TLS handshake' };
      },
      onProgress: (summary) => progress.push(summary),
    });
    assert.equal(progress[0]?.elapsedMs, 40_000);
    assert.deepEqual(progress[0]?.pending.map((name) => name.name), ['a.example']);
    assert.equal(progress[0]?.notProbed, 2);
  });

  test('a host with many waited names adds no pile of abort listeners (no MaxListenersExceededWarning)', async () => {
    const names = Array.from({ length: 15 }, (_, index) => `n${index}.example`);
    const { clock, base } = setup(resolving(names));
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    try {
      await waitForCertificates({
        ...base(
          names.map((name) => ({ name, host: 'edge', pointsTo: [] })),
          minute,
        ),
        hosts: [
          {
            id: 'edge',
            gate: Array.from({ length: 12 }, (_, index) => ({ name: `old${index}.example`, pointsTo: [] })),
            requestCertificates: async () => ({ state: 'requested', detail: 'asked' }),
          },
        ],
      });
      await clock.sleep(0);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    assert.deepEqual(warnings.map((warning) => warning.name), []);
  });
});

describe('probeOnce', () => {
  test('probes every name once, through its route, without DNS or requests', async () => {
    const { clock, web, start } = setup({});
    web.certificateAt(['a.example'], start);
    const results = await probeOnce({
      targets: [
        { name: 'a.example', host: 'prod' },
        { name: 'b.example', host: 'prod' },
        { name: '*.sites.example', host: 'edge', skipReason: 'a wildcard without a probe name' },
      ],
      routes: { resolve: [], connectTo: [parseConnectTo('::127.0.0.1:9443')] },
      clock,
      minDays: 7,
      probe: web.probe,
    });
    assert.deepEqual(results.map((result) => result.state), ['ok', 'wrong-certificate', 'skipped']);
    assert.deepEqual(web.probes.map((probe) => [probe.name, probe.target.connectPort]), [
      ['a.example', 9443],
      ['b.example', 9443],
    ]);
    assert.equal(clock.now(), start);
  });

  test('with points-to, a name whose DNS does not pass is dns-pending and not probed; a routed one skips the check', async () => {
    const { clock, web, dns, start } = setup({ 'old.example': { a: ['198.51.100.1'] }, 'new.example': { a: ['203.0.113.10'] } });
    web.certificateAt(['old.example', 'new.example', 'routed.example'], start);
    const results = await probeOnce({
      targets: ['old.example', 'new.example', 'routed.example'].map((name) => ({ name, host: 'prod', pointsTo: ['203.0.113.10'] })),
      routes: { resolve: [], connectTo: [parseConnectTo('routed.example:443:127.0.0.1:9443')] },
      clock,
      minDays: 7,
      probe: web.probe,
      dns,
    });
    assert.deepEqual(results.map((result) => [result.name, result.state]), [
      ['old.example', 'dns-pending'],
      ['new.example', 'ok'],
      ['routed.example', 'ok'],
    ]);
    assert.equal(results[0]?.detail, 'old.example has A 198.51.100.1, not in points-to; it should point only to A 203.0.113.10');
    assert.deepEqual(web.probes.map((probe) => probe.name).sort(), ['new.example', 'routed.example']);
    assert.ok(!dns.queries.some((query) => query.endsWith('routed.example')));
  });
});
