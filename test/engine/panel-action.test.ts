import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { defaultActionPolling } from '../../src/engine/poll-action.js';
import { run } from '../../src/run.js';
import { startServerPilotSimulator, type ServerPilotSimulator } from '../../src/simulators/serverpilot.js';
import { RecordingClock } from '../http/recording-clock.js';
import { RecordingLogger, settingsFor, writeConfig } from './run-harness.js';

const env = { WU_SERVER_PILOT_CLIENT_ID: 'client', WU_SERVER_PILOT_API_KEY: 'serverpilot-key-1' };

describe("apply and ServerPilot's action: the write is done when the panel's action is", () => {
  let serverpilot: ServerPilotSimulator;
  let configPath: string;

  before(async () => {
    serverpilot = await startServerPilotSimulator({ appId: 'app', clientId: 'client', apiKey: 'serverpilot-key-1', actionDelayPolls: 2 });
    configPath = await writeConfig([
      'version: 1',
      'defaults: { removals: sync, www: never, ssl: { wait: false } }',
      'hosts:',
      `  production: { provider: serverpilot, app: app, api_url: "${serverpilot.apiUrl}", domains: [a.example.com] }`,
    ]);
  });
  after(() => serverpilot.close());

  async function apply(outcome: 'success' | 'error' | 'open') {
    serverpilot.seed([]);
    serverpilot.actionOutcome = outcome;
    const clock = new RecordingClock();
    const log = new RecordingLogger();
    const result = await run(settingsFor(configPath, env, clock, { log }));
    const polls = serverpilot.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/actions/')).length;
    serverpilot.requests.length = 0;
    return { result, clock, log, polls };
  }

  test('an action that finishes: applied, after the polls it took, and the wait is in the log', async () => {
    const { result, polls, log } = await apply('success');
    assert.equal(result.result, 'applied');
    assert.equal(polls, 3);
    const waits = log.lines.filter((line) => line.includes("waiting for the panel's action"));
    assert.deepEqual(waits.map((line) => / \((\S+) so far\)\.$/.exec(line)?.[1]), [undefined, '1s'], waits.join('\n'));
  });

  test('an action the panel reports as failed fails the host, although the list shows the name', async () => {
    const { result } = await apply('error');
    assert.equal(result.result, 'failed');
    assert.match(result.hosts[0]?.error ?? '', /^production: the panel saved the domains, but reported its action action\d+ as failed$/);
    assert.deepEqual(result.hosts[0]?.changes.map((c) => c.name), ['a.example.com'], 'what landed is still reported');
  });

  test('an action that never finishes fails the host after the last poll, with backoff between polls', async () => {
    const { result, polls, clock } = await apply('open');
    assert.equal(result.result, 'failed');
    assert.match(result.hosts[0]?.error ?? '', /action action\d+ was still open after 20 polls/);
    assert.equal(polls, defaultActionPolling.maxPolls);
    assert.deepEqual(clock.sleeps.slice(0, 5), [1000, 2000, 4000, 8000, 15_000]);
  });
});
