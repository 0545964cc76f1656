import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { workspace } from '../../scripts/run-built.js';
import { silentLogger } from '../../src/log.js';
import { run } from '../../src/run.js';
import type { Mode, Settings } from '../../src/settings.js';
import { startRunCloudSimulator, type RunCloudSimulator } from '../../src/simulators/runcloud.js';
import { startServerPilotSimulator, type ServerPilotSimulator } from '../../src/simulators/serverpilot.js';
import { RecordingClock } from '../http/recording-clock.js';

describe('run(): what a user reads when something is off', () => {
  let serverpilot: ServerPilotSimulator;
  let runcloud: RunCloudSimulator;
  let configPath: string;

  before(async () => {
    serverpilot = await startServerPilotSimulator({ appId: 'app', clientId: 'client', apiKey: 'serverpilot-key-1' });
    runcloud = await startRunCloudSimulator({ token: 'runcloud-token-right', serverId: '1', appId: '2', primaryDomain: null });
    const dir = await workspace({});
    configPath = join(dir, 'domains.yml');
    await writeFile(
      configPath,
      [
        'version: 1',
        'defaults: { removals: sync, ssl: { wait: false } }',
        'hosts:',
        `  production: { provider: serverpilot, app: app, api_url: "${serverpilot.apiUrl}", domains: [shop.example.com] }`,
        `  eu: { provider: runcloud, server: 1, app: 2, api_url: "${runcloud.apiUrl}", domains: [shop.example.de] }`,
        '',
      ].join('\n'),
    );
  });
  after(async () => {
    await Promise.all([serverpilot.close(), runcloud.close()]);
  });

  function settings(mode: Mode, env: Record<string, string>): Settings {
    return {
      mode,
      configPath,
      hosts: [],
      force: false,
      ssl: { intervalMs: 10, check: false, resolve: [], connectTo: [] },
      env,
      clock: new RecordingClock(),
      log: silentLogger,
    };
  }

  const goodEnv = { WU_SERVER_PILOT_CLIENT_ID: 'client', WU_SERVER_PILOT_API_KEY: 'serverpilot-key-1', WU_RUNCLOUD_API_TOKEN: 'runcloud-token-right' };

  test('refused credentials name the variable they came from; the other host is still planned', async () => {
    const result = await run(settings('plan', { ...goodEnv, WU_RUNCLOUD_API_TOKEN: 'runcloud-token-wrong' }));
    assert.equal(result.result, 'failed');
    const eu = result.hosts.find((h) => h.id === 'eu');
    assert.match(eu?.error ?? '', /401/);
    assert.match(eu?.error ?? '', /WU_RUNCLOUD_API_TOKEN/);
    assert.doesNotMatch(eu?.error ?? '', /WU_RUNCLOUD_API_KEY/, 'only the variable actually used');
    assert.deepEqual(result.hosts.find((h) => h.id === 'production')?.changes.map((c) => c.name), ['shop.example.com']);
  });

  test('apply with nothing to do reports no-changes and writes nothing', async () => {
    serverpilot.seed([{ name: 'shop.example.com' }]);
    runcloud.seed([{ name: 'shop.example.de', www: false }]);
    const writesBefore = serverpilot.requests.filter((r) => r.method !== 'GET').length + runcloud.requests.filter((r) => r.method !== 'GET').length;
    const result = await run(settings('apply', goodEnv));
    assert.equal(result.result, 'no-changes');
    assert.deepEqual(result.hosts.map((h) => h.apiCalls), [1, 1]);
    const writesAfter = serverpilot.requests.filter((r) => r.method !== 'GET').length + runcloud.requests.filter((r) => r.method !== 'GET').length;
    assert.equal(writesAfter, writesBefore);
  });

  test('doctor fails only for the host whose checks fail', async () => {
    const result = await run(settings('doctor', { ...goodEnv, WU_RUNCLOUD_API_TOKEN: 'runcloud-token-wrong' }));
    assert.equal(result.result, 'failed');
    assert.ok(result.hosts.find((h) => h.id === 'production')?.doctor?.every((c) => c.ok));
    assert.ok(result.hosts.find((h) => h.id === 'eu')?.doctor?.some((c) => !c.ok));
  });

  test('a --hosts filter that matches no host is an error naming the hosts there are', async () => {
    const result = await run({ ...settings('plan', goodEnv), hosts: ['prod'] });
    assert.equal(result.result, 'failed');
    assert.match(result.errors.join('\n'), /prod.*matches no host.*production, eu/);
  });
});
