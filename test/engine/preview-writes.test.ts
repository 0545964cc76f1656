import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { run } from '../../src/run.js';
import { startServerPilotSimulator, type ServerPilotSimulator } from '../../src/simulators/serverpilot.js';
import { FakeResolver } from '../ssl/fake-resolver.js';
import { loopbackProbe, settingsFor, writeConfig } from './run-harness.js';
import { SteppingClock } from './stepping-clock.js';

const appPath = /\/apps\/app-preview$/;
const seeded = ['app-preview.serverpilot.io', 'example.com', 'www.example.com', 'old.example.com'];

describe('preview writes go through the apply machinery (ServerPilot: one list for the whole app)', () => {
  let sim: ServerPilotSimulator;
  let configPath: string;

  before(async () => {
    sim = await startServerPilotSimulator({ appId: 'app-preview', clientId: 'cid-preview', apiKey: 'key-preview' });
    configPath = await writeConfig([
      'version: 1',
      'defaults:',
      '  removals: sync',
      '  ssl:',
      '    wait: false',
      'hosts:',
      '  production:',
      '    provider: serverpilot',
      '    app: app-preview',
      `    api_url: ${sim.apiUrl}`,
      '    domains: [example.com, shop.example.com]',
      'previews:',
      '  host: production',
      '  domain: "pr-{number}.preview.example.com"',
    ]);
  });

  after(() => sim.close());

  function open(pullNumber: number) {
    return run(
      settingsFor(configPath, { WU_SERVER_PILOT_CLIENT_ID: 'cid-preview', WU_SERVER_PILOT_API_KEY: 'key-preview' }, new SteppingClock(), {
        preview: { number: pullNumber, action: 'open' },
        ssl: { dns: new FakeResolver(), probe: loopbackProbe('') },
      }),
    );
  }

  test('the list written keeps every other name, pending main-sync changes included', async () => {
    sim.seed(seeded.map((name) => ({ name })));
    const posts = sim.requestsTo('POST', appPath).length;
    const result = await open(4);
    assert.equal(result.result, 'no-changes', JSON.stringify(result));
    const written = sim.requestsTo('POST', appPath).slice(posts);
    assert.deepEqual(written.map((r) => r.body), [{ domains: [...seeded, 'pr-4.preview.example.com'] }]);
    assert.deepEqual(result.ssl.map((s) => [s.name, s.state]), [['pr-4.preview.example.com', 'dns-pending']]);
  });

  test('a write whose answer is lost is only ever repeated with the same list', async () => {
    sim.seed(seeded.map((name) => ({ name })));
    sim.inject({ method: 'POST', path: appPath, fault: { kind: 'lose-answer' } });
    const posts = sim.requestsTo('POST', appPath).length;
    const result = await open(5);
    assert.equal(result.result, 'no-changes', JSON.stringify(result));
    const bodies = sim.requestsTo('POST', appPath).slice(posts).map((r) => r.body);
    assert.ok(bodies.length >= 1);
    for (const body of bodies) assert.deepEqual(body, { domains: [...seeded, 'pr-5.preview.example.com'] });
    assert.deepEqual(sim.hostnames(), [...seeded, 'pr-5.preview.example.com']);
  });

  test('a name someone adds between the read and the write is kept', async () => {
    sim.seed(seeded.map((name) => ({ name })));
    let reads = 0;
    sim.inject({
      method: 'GET',
      path: appPath,
      times: 2,
      fault: { kind: 'before', run: () => (++reads === 2 ? sim.seed([...seeded, 'edit.example.org'].map((name) => ({ name }))) : undefined) },
    });
    const result = await open(6);
    assert.equal(result.result, 'no-changes', JSON.stringify(result));
    assert.equal(result.hosts[0]?.replanned, true);
    assert.deepEqual(sim.hostnames(), [...seeded, 'edit.example.org', 'pr-6.preview.example.com']);
  });
});
