import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { run } from '../../src/run.js';
import type { RunResult } from '../../src/result.js';
import type { Mode } from '../../src/settings.js';
import { startClosteSimulator, type ClosteSimulator } from '../../src/simulators/closte.js';
import { startRunCloudSimulator, type RunCloudSimulator } from '../../src/simulators/runcloud.js';
import { startServerPilotSimulator, type ServerPilotSimulator } from '../../src/simulators/serverpilot.js';
import { RecordingClock } from '../http/recording-clock.js';
import { RecordingLogger, settingsFor, writeConfig } from './run-harness.js';

const env = {
  WU_SERVER_PILOT_CLIENT_ID: 'client',
  WU_SERVER_PILOT_API_KEY: 'serverpilot-key-1',
  WU_SERVER_PILOT_APP_ID: 'app',
  WU_RUNCLOUD_API_TOKEN: 'runcloud-token-1',
  WU_RUNCLOUD_SERVER_ID: '1',
  CLOSTE_CLIENT_API_KEY: 'closte-key-1',
  CLOSTE_OTHER_KEY: 'closte-key-1',
};

describe('two hosts that resolve to the same panel app through the environment', () => {
  let serverpilot: ServerPilotSimulator;
  let runcloud: RunCloudSimulator;
  let closte: ClosteSimulator;
  let configPath: string;

  before(async () => {
    serverpilot = await startServerPilotSimulator({ appId: 'app', clientId: 'client', apiKey: 'serverpilot-key-1' });
    runcloud = await startRunCloudSimulator({ token: 'runcloud-token-1', serverId: '1', appId: '2', primaryDomain: null });
    closte = await startClosteSimulator({ apiKey: 'closte-key-1' });
    configPath = await writeConfig([
      'version: 1',
      'defaults: { removals: sync, www: never, ssl: { wait: false } }',
      'hosts:',
      `  one: { provider: serverpilot, api_url: "${serverpilot.apiUrl}", domains: [a.example.com] }`,
      `  two: { provider: serverpilot, app: app, api_url: "${serverpilot.apiUrl}", domains: [b.example.com] }`,
      `  eu: { provider: runcloud, app: 2, api_url: "${runcloud.apiUrl}", domains: [example.de] }`,
      `  edge: { provider: closte, api_url: "${closte.apiUrl}", domains: [example.org] }`,
      `  edge-copy: { provider: closte, api_url: "${closte.apiUrl}", credentials: { api_key: CLOSTE_OTHER_KEY }, domains: [example.net] }`,
    ]);
  });
  after(async () => {
    await Promise.all([serverpilot.close(), runcloud.close(), closte.close()]);
  });
  beforeEach(() => {
    serverpilot.seed([{ name: 'a.example.com' }, { name: 'b.example.com' }]);
    runcloud.seed([]);
    closte.seed([{ name: 'example.org' }, { name: 'example.net' }]);
  });

  async function runMode(mode: Mode, hosts: string[] = []): Promise<{ result: RunResult; log: RecordingLogger }> {
    const log = new RecordingLogger();
    const result = await run(settingsFor(configPath, env, new RecordingClock(), { mode, hosts, log }));
    return { result, log };
  }
  const messageOf = (result: RunResult, id: string): string => {
    const host = result.hosts.find((h) => h.id === id);
    assert.ok(host, `no outcome for ${id}`);
    return host.error ?? (host.doctor ?? []).map((check) => check.detail).join('\n');
  };

  for (const mode of ['plan', 'check', 'apply', 'import', 'doctor'] as const) {
    test(`${mode}: both hosts fail, naming each other and where each got its id, before any request to their panel`, async () => {
      const serverpilotCalls = serverpilot.requests.length;
      const closteCalls = closte.requests.length;
      const runcloudCalls = runcloud.requests.length;
      const { result, log } = await runMode(mode);

      assert.equal(result.result, 'failed');
      assert.match(messageOf(result, 'one'), /`one` and `two` are on the same serverpilot app \(app app\): `one` takes its app id from \$WU_SERVER_PILOT_APP_ID; `two` takes its app id from its host block/);
      assert.match(messageOf(result, 'two'), /`two` and `one` are on the same serverpilot app/);
      assert.match(messageOf(result, 'edge'), /`edge` and `edge-copy` are on the same Closte site \(the same API key\): `edge` takes its API key from \$CLOSTE_CLIENT_API_KEY; `edge-copy` takes its API key from \$CLOSTE_OTHER_KEY/);
      assert.match(messageOf(result, 'edge-copy'), /`edge-copy` and `edge` are on the same Closte site/);
      assert.equal(serverpilot.requests.length, serverpilotCalls, 'the shared ServerPilot app is neither read nor written');
      assert.equal(closte.requests.length, closteCalls, 'the shared Closte site is neither read nor written');
      assert.deepEqual(serverpilot.hostnames().sort(), ['a.example.com', 'b.example.com']);
      assert.doesNotMatch(JSON.stringify(result) + log.lines.join('\n'), /closte-key-1/);
      assert.ok(runcloud.requests.length > runcloudCalls, 'a host on its own app goes on');
    });
  }

  test('selecting one of the two hosts still refuses it', async () => {
    const serverpilotCalls = serverpilot.requests.length;
    const { result } = await runMode('apply', ['one']);
    assert.match(messageOf(result, 'one'), /`one` and `two` are on the same serverpilot app/);
    assert.equal(serverpilot.requests.length, serverpilotCalls);
  });
});
