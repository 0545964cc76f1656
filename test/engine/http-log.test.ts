import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { run } from '../../src/run.js';
import { startRunCloudSimulator, type RunCloudSimulator } from '../../src/simulators/runcloud.js';
import { RecordingClock } from '../http/recording-clock.js';
import { RecordingLogger, settingsFor, writeConfig } from './run-harness.js';

describe('waits for a rate limit and retries are told in the run log', () => {
  const clock = new RecordingClock();
  let runcloud: RunCloudSimulator;
  let configPath: string;

  before(async () => {
    runcloud = await startRunCloudSimulator({ token: 'runcloud-token-1', serverId: '1', appId: '2', primaryDomain: null, clock, rateLimit: { limit: 4, windowMs: 60_000 } });
    configPath = await writeConfig([
      'version: 1',
      'defaults: { removals: sync, www: never, ssl: { wait: false } }',
      'hosts:',
      `  eu: { provider: runcloud, server: 1, app: 2, api_url: "${runcloud.apiUrl}", domains: [a.example.de, b.example.de, c.example.de] }`,
    ]);
  });
  after(() => runcloud.close());

  test('apply over the panel rate limit logs each wait and each retry', async () => {
    runcloud.seed([{ name: 'old1.example.de' }, { name: 'old2.example.de' }]);
    runcloud.inject({ method: 'GET', path: '/domains', fault: { kind: 'respond', response: { status: 503, body: { message: 'Maintenance.' } } } });
    const log = new RecordingLogger();

    const result = await run(settingsFor(configPath, { WU_RUNCLOUD_API_TOKEN: 'runcloud-token-1' }, clock, { log }));

    assert.equal(result.hosts[0]?.error, undefined, log.lines.join('\n'));
    assert.deepEqual(runcloud.hostnames().sort(), ['a.example.de', 'b.example.de', 'c.example.de']);
    assert.ok(log.lines.some((line) => /^info: eu: waited 1m for the runcloud rate limit$/.test(line)), log.lines.join('\n'));
    assert.ok(log.lines.some((line) => /^info: eu: GET \S+ failed \(.*503.*\), retrying in \d+ms$/.test(line)), log.lines.join('\n'));
  });
});
