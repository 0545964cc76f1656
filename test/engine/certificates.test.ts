import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { RunResult } from '../../src/result.js';
import { run } from '../../src/run.js';
import type { Settings } from '../../src/settings.js';
import type { Probe } from '../../src/ssl/probe.js';
import { startRunCloudSimulator, type RunCloudSimulator } from '../../src/simulators/runcloud.js';
import { startServerPilotSimulator, type ServerPilotSimulator } from '../../src/simulators/serverpilot.js';
import { createTestCa, type TestCa } from '../../src/simulators/test-ca.js';
import { startTlsSimulator, type TlsSimulator } from '../../src/simulators/tls-server.js';
import { parseConnectTo } from '../../src/ssl/routes.js';
import { FakeResolver } from '../ssl/fake-resolver.js';
import { loopbackProbe, RecordingLogger, settingsFor, writeConfig, type SettingsOverrides } from './run-harness.js';
import { SteppingClock } from './stepping-clock.js';

const address = '203.0.113.10';

function explain(result: RunResult, settings: Settings): string {
  return JSON.stringify({ result, log: (settings.log as RecordingLogger).lines }, null, 2);
}

/** A resolver where `name` starts resolving to the host after its first `failures` lookups. */
class LateResolver extends FakeResolver {
  constructor(records: ConstructorParameters<typeof FakeResolver>[0], private readonly late: string, private failures: number) {
    super(records);
  }
  override resolve4(name: string): Promise<string[]> {
    if (name === this.late && this.failures-- === 0) this.set(name, { a: [address] });
    return super.resolve4(name);
  }
}

describe('certificates after apply, through run(), against the panel and TLS simulators', () => {
  let ca: TestCa;
  let tls: TlsSimulator;
  let runcloud: RunCloudSimulator;
  let serverpilot: ServerPilotSimulator;
  let clock: SteppingClock;

  before(async () => {
    ca = await createTestCa();
    tls = await startTlsSimulator({ ca });
    runcloud = await startRunCloudSimulator({ rateLimit: { limit: 10_000 }, ssl: { id: 9001, method: 'letsencrypt' }, primaryDomain: null });
    serverpilot = await startServerPilotSimulator();
  });

  beforeEach(() => {
    clock = new SteppingClock();
    runcloud.onCertificatesRequested = (names) => clock.waitFor(tls.issue(names));
    serverpilot.onCertificatesRequested = (names) => clock.waitFor(tls.issue(names));
  });

  after(async () => {
    await Promise.all([runcloud.close(), serverpilot.close()]);
    await tls.close();
    await ca.dispose();
  });

  /** Routes only these names to the TLS simulator: every other name goes through the DNS pre-check. */
  const routed = (...names: string[]) => names.map((name) => parseConnectTo(`${name}:443${tls.connectTo.slice(1)}`));

  function settings(configPath: string, overrides: SettingsOverrides = {}): Settings {
    return settingsFor(
      configPath,
      { WU_RUNCLOUD_API_TOKEN: runcloud.token, WU_SERVER_PILOT_CLIENT_ID: serverpilot.clientId, WU_SERVER_PILOT_API_KEY: serverpilot.apiKey },
      clock,
      { ...overrides, ssl: { intervalMs: 10_000, probe: loopbackProbe(ca.certificate), ...overrides.ssl } },
    );
  }

  /** The probe, with these names already serving a valid certificate (their DNS is the test's to decide). */
  const alreadyValid = (...names: string[]): Probe => {
    const loopback = loopbackProbe(ca.certificate);
    return async (target, options) => (names.includes(target.name) ? { state: 'ok', detail: 'valid (already issued)' } : loopback(target, options));
  };

  const euConfig = (domains: string, ssl = ''): Promise<string> =>
    writeConfig([
      'version: 1',
      `defaults: { removals: sync${ssl} }`,
      'hosts:',
      `  eu: { provider: runcloud, server: ${runcloud.serverId}, app: ${runcloud.appId}, api_url: "${runcloud.apiUrl}", points-to: [${address}], domains: [${domains}] }`,
    ]);

  test("an untouched name whose DNS does not pass keeps the host's certificate back; it is named, not waited for", async () => {
    runcloud.seed([{ name: 'example.de', www: true }]);
    const redeploys = runcloud.redeploys;
    const dns = new FakeResolver({ 'example.de': { a: [address] } });
    const probe = alreadyValid('example.de', 'www.example.de');
    const options = settings(await euConfig('example.de, new.example.de', ', ssl: { timeout: 2m }'), { ssl: { connectTo: routed('new.example.de'), dns, probe } });
    const result = await run(options);

    assert.equal(result.result, 'failed', explain(result, options));
    assert.deepEqual(result.hosts[0]?.changes.map((c) => [c.action, c.name]), [['add', 'new.example.de']]);
    assert.equal(runcloud.redeploys, redeploys, 'no redeploy while www.example.de does not resolve');
    assert.deepEqual(result.ssl.map((s) => [s.name, s.state, s.lastState]), [['new.example.de', 'timeout', 'wrong-certificate']]);
    assert.match(result.ssl[0]?.detail ?? '', /certificates not requested: waiting for the DNS of www\.example\.de$/);
    assert.equal(result.hosts[0]?.certificates?.state, 'not-yet');
    assert.match(result.hosts[0]?.certificates?.detail ?? '', /waiting for the DNS of www\.example\.de$/);
    const checked = new Set(dns.queries.map((q) => q.split(' ')[1]));
    assert.deepEqual([...checked].sort(), ['example.de', 'www.example.de'], 'the routed name skips the DNS pre-check');
  });

  test('the certificate is requested as soon as the untouched name passes, and the touched one verifies', async () => {
    runcloud.seed([{ name: 'example.de', www: true }]);
    const redeploys = runcloud.redeploys;
    const issued = tls.issueRequests.length;
    const dns = new LateResolver({ 'example.de': { a: [address] } }, 'www.example.de', 3);
    const probe = alreadyValid('example.de', 'www.example.de');
    const options = settings(await euConfig('example.de, soon.example.de'), { ssl: { connectTo: routed('soon.example.de'), dns, probe } });
    const result = await run(options);

    assert.equal(result.result, 'applied', explain(result, options));
    assert.equal(runcloud.redeploys, redeploys + 1);
    assert.deepEqual(tls.issueRequests.slice(issued), [['example.de', 'www.example.de', 'soon.example.de']]);
    assert.deepEqual(result.ssl.map((s) => [s.name, s.state]), [['soon.example.de', 'ok']]);
    assert.equal(dns.queries.filter((q) => q === 'a www.example.de').length, 4, 'asked again with backoff until it passed, then no more');
  });

  test('apply run again after a failed wait verifies the names it did not change, and asks for their certificate', async () => {
    runcloud.seed([{ name: 'again.example.de' }, { name: 'fine.example.de' }]);
    const redeploys = runcloud.redeploys;
    const probe = alreadyValid('fine.example.de');
    const options = settings(await euConfig('again.example.de, fine.example.de', ', www: never'), { ssl: { connectTo: routed('again.example.de'), dns: new FakeResolver({ 'fine.example.de': { a: [address] } }), probe } });
    const result = await run(options);

    assert.equal(result.result, 'no-changes', explain(result, options));
    assert.deepEqual(result.hosts[0]?.changes, []);
    assert.equal(runcloud.redeploys, redeploys + 1);
    assert.deepEqual(result.ssl.map((s) => [s.name, s.state]), [['again.example.de', 'ok']], 'a name already valid is not listed');
    assert.ok((options.log as RecordingLogger).lines.some((line) => line.includes('eu: also waiting for names that do not serve a valid certificate yet: again.example.de')));
  });

  test('a name left out of the certificate (ssl: false) does not gate it', async () => {
    runcloud.seed([{ name: 'cdn.example.de' }]);
    const redeploys = runcloud.redeploys;
    const dns = new FakeResolver({});
    const config = await writeConfig([
      'version: 1',
      'defaults: { removals: sync }',
      'hosts:',
      `  eu:`,
      `    provider: runcloud`,
      `    server: ${runcloud.serverId}`,
      `    app: ${runcloud.appId}`,
      `    api_url: "${runcloud.apiUrl}"`,
      `    domains: [{ name: cdn.example.de, ssl: false }, shop.example.de]`,
    ]);
    const options = settings(config, { ssl: { connectTo: routed('shop.example.de'), dns } });
    const result = await run(options);
    assert.equal(result.result, 'applied', explain(result, options));
    assert.equal(runcloud.redeploys, redeploys + 1);
    assert.deepEqual(dns.queries, []);
  });

  test("a redeploy whose answer is lost is sent once, taken as made with a warning, and verified by the probe", async () => {
    runcloud.seed([]);
    runcloud.inject({ method: 'PUT', path: '/ssl/', fault: { kind: 'lose-answer' } });
    const puts = runcloud.requestsTo('PUT').length;
    const options = settings(await euConfig('lost.example.de'), { ssl: { connectTo: routed('lost.example.de') } });
    const result = await run(options);

    assert.equal(result.result, 'applied', explain(result, options));
    assert.equal(runcloud.requestsTo('PUT').length - puts, 1, 'never repeated');
    assert.equal(result.hosts[0]?.certificates?.state, 'requested');
    assert.match(result.hosts[0]?.warnings.join('\n') ?? '', /answer to the Let's Encrypt redeploy of RunCloud web app \S+ was lost.*taken as made/);
    assert.ok((options.log as RecordingLogger).lines.some((line) => /^warn: eu: the answer to the Let's Encrypt redeploy/.test(line)));
    assert.deepEqual(result.ssl.map((s) => [s.name, s.state]), [['lost.example.de', 'ok']]);
  });

  test('a host whose write partly failed still gets certificates for the names that landed', async () => {
    runcloud.seed([]);
    const redeploys = runcloud.redeploys;
    runcloud.inject({ method: 'POST', path: '/domains', fault: { kind: 'before', run: () => undefined } });
    runcloud.inject({ method: 'POST', path: '/domains', fault: { kind: 'respond', response: { status: 422, body: { message: 'The name is not allowed.' } } } });
    const names = ['a.example.de', 'b.example.de', 'c.example.de'];
    const options = settings(await euConfig(names.join(', '), ', www: never'), { ssl: { connectTo: routed(...names), dns: new FakeResolver({}) } });
    const result = await run(options);

    assert.equal(result.result, 'failed', explain(result, options));
    assert.match(result.hosts[0]?.error ?? '', /add b\.example\.de: .*not allowed/);
    assert.equal(runcloud.redeploys, redeploys + 1);
    assert.deepEqual(result.ssl.map((s) => [s.name, s.state]), [['a.example.de', 'ok'], ['c.example.de', 'ok']]);
  });

  test('a custom certificate fails the host at once, before the DNS pre-check, and says why', async () => {
    serverpilot.seed([]);
    serverpilot.installCustomCertificate();
    const dns = new FakeResolver({});
    const config = await writeConfig([
      'version: 1',
      'defaults: { removals: sync }',
      'hosts:',
      `  production: { provider: serverpilot, app: ${serverpilot.appId}, api_url: "${serverpilot.apiUrl}", domains: [custom.example.com] }`,
    ]);
    const options = settings(config, { ssl: { dns } });
    const result = await run(options);

    assert.equal(result.result, 'failed', explain(result, options));
    assert.deepEqual(clock.sleeps, [], 'nothing was waited for');
    assert.equal(result.hosts[0]?.certificates?.state, 'cannot-issue');
    const [entry] = result.ssl;
    assert.equal(entry?.state, 'dns-pending');
    assert.match(entry?.detail ?? '', /does not resolve.*; the panel cannot issue certificates: a custom certificate is installed on ServerPilot app/);
    assert.deepEqual(serverpilot.requestsTo('POST', /\/ssl$/), []);
  });

  test('check --ssl runs the DNS pre-check first: a name still pointing elsewhere is dns-pending, whatever is served there', async () => {
    runcloud.seed([{ name: 'moved.example.de' }, { name: 'here.example.de' }, { name: 'routed.example.de' }]);
    const dns = new FakeResolver({ 'moved.example.de': { a: ['198.51.100.1'] }, 'here.example.de': { a: [address] } });
    const probe = alreadyValid('moved.example.de', 'here.example.de', 'routed.example.de');
    const config = await euConfig('moved.example.de, here.example.de, routed.example.de', ', www: never');
    const options = settings(config, { mode: 'check', ssl: { check: true, dns, probe, connectTo: routed('routed.example.de') } });
    const result = await run(options);

    assert.equal(result.result, 'drift', explain(result, options));
    assert.deepEqual(result.ssl.map((s) => [s.name, s.state]), [
      ['moved.example.de', 'dns-pending'],
      ['here.example.de', 'ok'],
      ['routed.example.de', 'ok'],
    ]);
    assert.equal(result.ssl[0]?.detail, `moved.example.de has A 198.51.100.1, not in points-to; it should point only to A ${address}`);
    assert.ok(!dns.queries.some((query) => query.endsWith('routed.example.de')), 'a routed name skips the DNS pre-check');
  });

  test('--no-ssl-wait warns per host from its request: a host held back by DNS says its certificates were not requested', async () => {
    runcloud.seed([]);
    serverpilot.seed([]);
    serverpilot.setCertificateSetup('issuable');
    const dns = new FakeResolver({ 'ready.example.com': { a: [address] }, 'blocked.example.de': { a: ['198.51.100.7'] } });
    const config = await writeConfig([
      'version: 1',
      'defaults: { removals: sync, www: never }',
      'hosts:',
      `  production: { provider: serverpilot, app: ${serverpilot.appId}, api_url: "${serverpilot.apiUrl}", points-to: [${address}], domains: [ready.example.com] }`,
      `  eu: { provider: runcloud, server: ${runcloud.serverId}, app: ${runcloud.appId}, api_url: "${runcloud.apiUrl}", points-to: [${address}], domains: [blocked.example.de] }`,
    ]);
    const options = settings(config, { ssl: { wait: false, dns } });
    const result = await run(options);

    assert.equal(result.result, 'applied', explain(result, options));
    const warnings = (options.log as RecordingLogger).lines.filter((line) => line.startsWith('warn: '));
    assert.ok(warnings.includes('warn: production: certificates were requested but not verified (the SSL wait is off).'), warnings.join('\n'));
    assert.ok(
      warnings.includes(
        'warn: eu: certificates were not requested: waiting for the DNS of blocked.example.de (the SSL wait is off, so they are not asked for later).',
      ),
      warnings.join('\n'),
    );
    assert.ok(!warnings.some((line) => /eu: certificates were requested/.test(line)));
  });

  test("each host's names wait with its own ssl.timeout and min-days", async () => {
    runcloud.seed([]);
    serverpilot.seed([]);
    serverpilot.setCertificateSetup('issuable');
    runcloud.onCertificatesRequested = () => undefined;
    const config = await writeConfig([
      'version: 1',
      'defaults: { removals: sync, ssl: { timeout: 3m } }',
      'hosts:',
      `  production: { provider: serverpilot, app: ${serverpilot.appId}, api_url: "${serverpilot.apiUrl}", domains: [long.example.com], ssl: { timeout: 1m, min-days: 400 } }`,
      `  eu: { provider: runcloud, server: ${runcloud.serverId}, app: ${runcloud.appId}, api_url: "${runcloud.apiUrl}", domains: [never.example.de] }`,
    ]);
    const options = settings(config, { ssl: { connectTo: routed('long.example.com', 'never.example.de') } });
    const result = await run(options);

    assert.equal(result.result, 'failed', explain(result, options));
    const byName = new Map(result.ssl.map((s) => [s.name, s]));
    assert.equal(byName.get('long.example.com')?.lastState, 'expiring', 'a 90-day certificate is too short for min-days 400');
    assert.match(byName.get('long.example.com')?.detail ?? '', /^no valid certificate after 1m;/);
    assert.equal(byName.get('never.example.de')?.lastState, 'wrong-certificate');
    assert.match(byName.get('never.example.de')?.detail ?? '', /^no valid certificate after 3m;/);
  });
});
