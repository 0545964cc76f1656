import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { run } from '../../src/run.js';
import type { Mode } from '../../src/settings.js';
import { startServerPilotSimulator, type ServerPilotSimulator } from '../../src/simulators/serverpilot.js';
import { settingsFor, writeConfig } from './run-harness.js';
import { SteppingClock } from './stepping-clock.js';

const appPath = /\/apps\/app-reap$/;
const production = ['app-reap.serverpilot.io', 'example.com', 'www.example.com', 'old.example.com'];
const notPreviews = [
  'pr-007.preview.example.com', // nobody's preview: pull request 7's is pr-7
  'pr-x.preview.example.com',
  'pr-1.other.example.com',
  'pr-10.preview.example.com', // ignored in the file
];
const previews = ['pr-1.preview.example.com', 'pr-2.preview.example.com', 'pr-3.preview.example.com'];

describe('reaping the previews of closed pull requests through run()', () => {
  let sim: ServerPilotSimulator;
  let configPath: string;

  before(async () => {
    sim = await startServerPilotSimulator({ appId: 'app-reap', clientId: 'cid-reap', apiKey: 'key-reap' });
    configPath = await writeConfig([
      'version: 1',
      'defaults:',
      '  removals: sync',
      'hosts:',
      '  production:',
      '    provider: serverpilot',
      '    app: app-reap',
      `    api_url: ${sim.apiUrl}`,
      '    domains: [example.com, shop.example.com]',
      '    ignore: [pr-10.preview.example.com]',
      'previews:',
      '  host: production',
      '  domain: "pr-{number}.preview.example.com"',
    ]);
  });

  after(() => sim.close());

  function reap(mode: Mode, openPulls: number[]) {
    const env = { WU_SERVER_PILOT_CLIENT_ID: 'cid-reap', WU_SERVER_PILOT_API_KEY: 'key-reap' };
    return run(settingsFor(configPath, env, new SteppingClock(), { mode, reapPreviews: { openPulls } }));
  }

  test('a scheduled check removes the previews of closed pull requests and keeps the open ones', async () => {
    sim.seed([...production, ...notPreviews, ...previews].map((name) => ({ name })));
    const posts = sim.requestsTo('POST', appPath).length;
    const result = await reap('check', [2, 7]);

    assert.deepEqual(sim.hostnames(), [...production, ...notPreviews, 'pr-2.preview.example.com']);
    assert.equal(sim.requestsTo('POST', appPath).length - posts, 1, 'one write of the whole list');
    assert.deepEqual(result.previews, {
      host: 'production',
      added: [],
      removed: ['pr-1.preview.example.com', 'pr-3.preview.example.com'],
      kept: ['pr-2.preview.example.com'],
    });
    // The check itself still reports the file's drift, and reaped previews are not part of it.
    assert.equal(result.mode, 'check');
    assert.equal(result.result, 'drift');
    assert.deepEqual(result.hosts[0]?.changes.map((c) => [c.action, c.name]), [
      ['add', 'shop.example.com'],
      ['remove', 'old.example.com'],
      ['remove', 'pr-1.other.example.com'],
    ]);
  });

  test('with every preview open, nothing is written', async () => {
    sim.seed([...production, ...previews].map((name) => ({ name })));
    const posts = sim.requestsTo('POST').length;
    const result = await reap('check', [1, 2, 3]);
    assert.equal(sim.requestsTo('POST').length, posts);
    assert.deepEqual(result.previews?.removed, []);
    assert.deepEqual(result.previews?.kept, previews);
  });

  test('plan mode says what it would remove and writes nothing', async () => {
    sim.seed([...production, ...previews].map((name) => ({ name })));
    const posts = sim.requestsTo('POST').length;
    const result = await reap('plan', [3]);
    assert.equal(sim.requestsTo('POST').length, posts);
    assert.deepEqual(result.previews?.removed, ['pr-1.preview.example.com', 'pr-2.preview.example.com']);
    assert.deepEqual(sim.hostnames(), [...production, ...previews]);
  });

  test('a failed reap fails the run and says why', async () => {
    sim.seed([...production, ...previews].map((name) => ({ name })));
    sim.inject({ method: 'POST', path: appPath, fault: { kind: 'respond', response: { status: 400, body: { error: { message: 'busy' } } } } });
    const result = await reap('check', []);
    assert.equal(result.result, 'failed');
    assert.match(result.errors.join('\n'), /^previews: production: .*\n.*400 Bad Request: busy/);
    assert.deepEqual(result.previews?.removed, []);
    assert.deepEqual(sim.hostnames(), [...production, ...previews]);
  });
});
