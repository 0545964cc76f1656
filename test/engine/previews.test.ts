import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { RunResult } from '../../src/result.js';
import { run } from '../../src/run.js';
import type { Settings } from '../../src/settings.js';
import { startRunCloudSimulator, type RunCloudSimulator } from '../../src/simulators/runcloud.js';
import { createTestCa, type TestCa } from '../../src/simulators/test-ca.js';
import { startTlsSimulator, type TlsSimulator } from '../../src/simulators/tls-server.js';
import { parseConnectTo } from '../../src/ssl/routes.js';
import { FakeResolver } from '../ssl/fake-resolver.js';
import { loopbackProbe, RecordingLogger, settingsFor, writeConfig, type SettingsOverrides } from './run-harness.js';
import { SteppingClock } from './stepping-clock.js';

const production = [
  { name: 'app5678.runcloud.link', type: 'primary' },
  { name: 'example.de', www: true },
  { name: 'old.example.de' },
];

function configFor(sim: RunCloudSimulator): string[] {
  return [
    'version: 1',
    'defaults:',
    '  removals: sync',
    'hosts:',
    '  eu:',
    '    provider: runcloud',
    `    server: ${sim.serverId}`,
    `    app: ${sim.appId}`,
    `    api_url: ${sim.apiUrl}`,
    // new.example.at is missing on the host and old.example.de is not in the file: a main sync
    // would add and remove; a preview run must do neither.
    '    domains: [example.de, new.example.at]',
    '    ignore: [pr-9.preview.example.de]',
    'previews:',
    '  host: eu',
    '  domain: "pr-{number}.preview.example.de"',
  ];
}

function writes(sim: RunCloudSimulator, since: number): string[] {
  return sim.requests.slice(since).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
}

function explain(result: RunResult, settings: Settings): string {
  return JSON.stringify({ result, log: (settings.log as RecordingLogger).lines }, null, 2);
}

describe('preview domains through run(), against the RunCloud and TLS simulators', () => {
  let ca: TestCa;
  let tls: TlsSimulator;
  let sim: RunCloudSimulator;
  let clock: SteppingClock;
  let configPath: string;

  before(async () => {
    ca = await createTestCa();
    tls = await startTlsSimulator({ ca });
    sim = await startRunCloudSimulator({ rateLimit: { limit: 10_000 }, ssl: { id: 9001, method: 'letsencrypt' } });
    sim.onCertificatesRequested = (names) => clock.waitFor(tls.issue(names));
    configPath = await writeConfig(configFor(sim));
  });

  beforeEach(() => {
    clock = new SteppingClock();
  });

  after(async () => {
    await sim.close();
    await tls.close();
    await ca.dispose();
  });

  function settings(preview: Settings['preview'], overrides: SettingsOverrides = {}): Settings {
    return settingsFor(configPath, { WU_RUNCLOUD_API_TOKEN: sim.token }, clock, {
      preview,
      ...overrides,
      ssl: { connectTo: [parseConnectTo(tls.connectTo)], probe: loopbackProbe(ca.certificate), ...overrides.ssl },
    });
  }

  test('open adds only the preview domain, asks for the certificate and waits until it is valid', async () => {
    sim.seed(production);
    const since = sim.requests.length;
    const redeploys = sim.redeploys;
    const options = settings({ number: 7, action: 'open' });
    const result = await run(options);

    assert.equal(result.result, 'no-changes', `a preview is not an apply of domains.yml: ${explain(result, options)}`);
    assert.deepEqual(
      sim.domains().map((d) => [d.name, d.www]),
      [...production.map((d) => [d.name, d.www ?? false]), ['pr-7.preview.example.de', false]],
    );
    const app = `/api/v3/servers/${sim.serverId}/webapps/${sim.appId}`;
    assert.deepEqual(writes(sim, since), [`POST ${app}/domains`, `PUT ${app}/ssl/9001`]);
    assert.equal(sim.redeploys, redeploys + 1);
    assert.deepEqual(result.hosts.map((h) => [h.id, h.applied, h.changes]), [
      ['eu', true, [{ action: 'add', name: 'pr-7.preview.example.de', www: false, wildcard: false }]],
    ]);
    assert.equal(result.hosts[0]?.certificates?.state, 'requested');
    assert.deepEqual(result.ssl.map((s) => [s.name, s.host, s.state]), [['pr-7.preview.example.de', 'eu', 'ok']]);
    assert.deepEqual(result.previews, {
      host: 'eu',
      pullRequest: { number: 7, name: 'pr-7.preview.example.de' },
      added: ['pr-7.preview.example.de'],
      removed: [],
      kept: [],
    });
  });

  test('open again (a push to the pull request) writes nothing and asks for no certificate', async () => {
    const since = sim.requests.length;
    const redeploys = sim.redeploys;
    const options = settings({ number: 7, action: 'open' });
    const result = await run(options);

    assert.equal(result.result, 'no-changes', explain(result, options));
    assert.deepEqual(writes(sim, since), []);
    assert.equal(sim.redeploys, redeploys);
    assert.deepEqual(result.hosts[0]?.changes, []);
    assert.deepEqual(result.ssl.map((s) => [s.name, s.state]), [['pr-7.preview.example.de', 'ok']]);
    assert.deepEqual(result.previews?.added, []);
  });

  test('plan mode says what open would do and writes nothing', async () => {
    const since = sim.requests.length;
    const result = await run(settings({ number: 12, action: 'open' }, { mode: 'plan' }));
    assert.equal(result.result, 'no-changes', 'previews are not the main sync: `previews` says what would change');
    assert.deepEqual(result.previews?.added, ['pr-12.preview.example.de']);
    assert.deepEqual(writes(sim, since), []);
    assert.deepEqual(result.hosts[0]?.changes.map((c) => [c.action, c.name]), [['add', 'pr-12.preview.example.de']]);
    assert.deepEqual(result.ssl, []);
  });

  test('close removes only the preview domain; closing again is a no-op', async () => {
    const since = sim.requests.length;
    const options = settings({ number: 7, action: 'close' });
    const closed = await run(options);
    assert.equal(closed.result, 'no-changes', explain(closed, options));
    assert.deepEqual(sim.domains().map((d) => d.name), production.map((d) => d.name));
    assert.deepEqual(writes(sim, since).map((w) => w.split(' ')[0]), ['DELETE']);
    assert.deepEqual(closed.hosts[0]?.changes.map((c) => [c.action, c.name]), [['remove', 'pr-7.preview.example.de']]);
    assert.deepEqual(closed.ssl, []);
    assert.deepEqual(closed.previews?.removed, ['pr-7.preview.example.de']);

    const again = sim.requests.length;
    const noop = await run(settings({ number: 7, action: 'close' }));
    assert.equal(noop.result, 'no-changes');
    assert.deepEqual(writes(sim, again), []);
    assert.deepEqual(noop.hosts[0]?.changes, []);
    assert.deepEqual(noop.previews?.removed, []);
  });

  test('an add whose answer is lost is reconciled by a fresh read, never sent twice', async () => {
    sim.seed(production);
    sim.inject({ method: 'POST', path: /\/domains$/, fault: { kind: 'lose-answer' } });
    const posts = sim.requestsTo('POST', /\/domains$/).length;
    const options = settings({ number: 11, action: 'open' }, { ssl: { wait: false } });
    const result = await run(options);
    assert.equal(result.result, 'no-changes', explain(result, options));
    assert.equal(sim.requestsTo('POST', /\/domains$/).length - posts, 1);
    assert.deepEqual(sim.domains().filter((d) => d.name.startsWith('pr-')).map((d) => d.name), ['pr-11.preview.example.de']);
    assert.deepEqual(result.previews?.added, ['pr-11.preview.example.de']);
  });

  test('a preview whose DNS is not ready is added but makes the panel reissue nothing', async () => {
    sim.seed(production);
    const redeploys = sim.redeploys;
    const issued = tls.issueRequests.length;
    const dns = new FakeResolver({ 'example.de': { a: ['203.0.113.20'] }, 'www.example.de': { a: ['203.0.113.20'] } });
    const options = settings({ number: 8, action: 'open' }, { ssl: { connectTo: [], dns, wait: false } });
    const result = await run(options);

    assert.equal(result.result, 'no-changes', explain(result, options));
    assert.ok(sim.domains().some((d) => d.name === 'pr-8.preview.example.de'));
    assert.equal(sim.redeploys, redeploys, 'no redeploy while the preview does not resolve');
    assert.equal(tls.issueRequests.length, issued);
    assert.deepEqual(result.ssl.map((s) => [s.name, s.state]), [['pr-8.preview.example.de', 'dns-pending']]);
    assert.equal(result.hosts[0]?.certificates?.state, 'not-yet');
    assert.match(result.hosts[0]?.certificates?.detail ?? '', /waiting for the DNS of pr-8\.preview\.example\.de$/);
    const checked = new Set(dns.queries.map((q) => q.split(' ')[1]));
    assert.deepEqual([...checked].sort(), ['example.de', 'pr-8.preview.example.de', 'www.example.de'], 'every name the certificate covers is checked');
  });

  test('a preview name the file ignores is never touched', async () => {
    sim.seed([...production, { name: 'pr-9.preview.example.de' }]);
    const since = sim.requests.length;
    const result = await run(settings({ number: 9, action: 'close' }));
    assert.equal(result.result, 'failed');
    assert.match(result.errors.join('\n'), /pr-9\.preview\.example\.de matches `ignore` for eu/);
    assert.equal(sim.requests.length, since, 'not even read');
  });

  test('without a previews block, a preview run fails and says why', async () => {
    const bare = await writeConfig(configFor(sim).slice(0, -3));
    const result = await run(settingsFor(bare, { WU_RUNCLOUD_API_TOKEN: sim.token }, clock, { preview: { number: 3, action: 'open' } }));
    assert.equal(result.result, 'failed');
    assert.match(result.errors[0] ?? '', /has no `previews:` block/);
  });
});
