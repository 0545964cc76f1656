import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunResult } from '../../src/result.js';
import { run } from '../../src/run.js';
import type { Mode } from '../../src/settings.js';
import { startClosteSimulator } from '../../src/simulators/closte.js';
import type { FakeHttpServer } from '../../src/simulators/fake-server.js';
import { startRunCloudSimulator } from '../../src/simulators/runcloud.js';
import { startServerPilotSimulator } from '../../src/simulators/serverpilot.js';
import { RecordingClock } from '../http/recording-clock.js';
import { RecordingLogger, settingsFor, writeConfig } from './run-harness.js';

/** One host on one panel simulator, as apply sees it through run(). */
interface Panel {
  name: string;
  fake: FakeHttpServer & { seed(domains: { name: string }[]): void; hostnames(): string[] };
  /** The path of the panel's list request. */
  listPath: RegExp;
  hostLine: (domains: string[], extra?: string) => string;
  env: Record<string, string>;
}

const panels: Panel[] = [];

before(async () => {
  const serverpilot = await startServerPilotSimulator({ appId: 'app', clientId: 'client', apiKey: 'serverpilot-key-1' });
  const runcloud = await startRunCloudSimulator({ token: 'runcloud-token-1', serverId: '1', appId: '2', primaryDomain: null });
  const closte = await startClosteSimulator({ apiKey: 'closte-key-1' });
  panels.push(
    {
      name: 'ServerPilot',
      fake: serverpilot,
      listPath: /^\/v1\/apps\/app$/,
      hostLine: (domains, extra = '') => `  h: { provider: serverpilot, app: app, api_url: "${serverpilot.apiUrl}", domains: [${domains.join(', ')}]${extra} }`,
      env: { WU_SERVER_PILOT_CLIENT_ID: 'client', WU_SERVER_PILOT_API_KEY: 'serverpilot-key-1' },
    },
    {
      name: 'RunCloud',
      fake: runcloud,
      listPath: /\/domains$/,
      hostLine: (domains, extra = '') => `  h: { provider: runcloud, server: 1, app: 2, api_url: "${runcloud.apiUrl}", domains: [${domains.join(', ')}]${extra} }`,
      env: { WU_RUNCLOUD_API_TOKEN: 'runcloud-token-1' },
    },
    {
      name: 'Closte',
      fake: closte,
      listPath: /getdomains$/,
      hostLine: (domains, extra = '') => `  h: { provider: closte, api_url: "${closte.apiUrl}", domains: [${domains.join(', ')}]${extra} }`,
      env: { CLOSTE_CLIENT_API_KEY: 'closte-key-1' },
    },
  );
});
after(async () => {
  await Promise.all(panels.map((panel) => panel.fake.close()));
});

async function runOn(panel: Panel, domains: string[], mode: Mode = 'apply', extra = ''): Promise<RunResult> {
  const config = await writeConfig(['version: 1', 'defaults: { removals: sync, www: never, ssl: { wait: false } }', 'hosts:', panel.hostLine(domains, extra)]);
  return run(settingsFor(config, panel.env, new RecordingClock(), { mode, log: new RecordingLogger() }));
}

const writes = (panel: Panel): number => panel.fake.requests.filter((request) => request.method !== 'GET').length;

describe('apply on every panel: a lost answer and an edit by someone else', () => {
  for (const [index, name] of ['ServerPilot', 'RunCloud', 'Closte'].entries()) {
    const panel = (): Panel => panels[index]!;

    test(`${name}: a write whose answer is lost lands once and is reported as applied (per-domain panels learn it from a fresh read)`, async () => {
      const p = panel();
      p.fake.seed([{ name: 'keep.example.com' }]);
      p.fake.requests.length = 0;
      p.fake.inject({ method: 'POST', fault: { kind: 'lose-answer' } });

      const result = await runOn(p, ['keep.example.com', 'lost.example.com']);

      assert.equal(result.result, 'applied', `${p.name}: ${JSON.stringify(result.hosts)}`);
      assert.deepEqual(p.fake.hostnames().sort(), ['keep.example.com', 'lost.example.com'], p.name);
      const posts = p.fake.requests.filter((request) => request.method === 'POST' && !/ssl|autossl/.test(request.path));
      if (p.name === 'ServerPilot') {
        // A whole-list write is idempotent: it is sent again with the same list, never re-read and appended.
        assert.ok(posts.every((post) => post.rawBody === posts[0]!.rawBody), `${p.name}: the same list each time`);
      } else {
        assert.equal(posts.length, 1, `${p.name}: the lost write is not repeated`);
        const after = p.fake.requests.slice(p.fake.requests.indexOf(posts[0]!) + 1);
        assert.ok(after.some((request) => request.method === 'GET' && p.listPath.test(request.path)), `${p.name}: a fresh read follows`);
      }
      assert.equal((await runOn(p, ['keep.example.com', 'lost.example.com'], 'plan')).result, 'no-changes');
    });

    test(`${name}: a host edited between plan and write is planned and guarded again; a refusal then writes nothing`, async () => {
      const p = panel();
      const editAtReread = (): void => {
        let reads = 0;
        p.fake.inject({
          method: 'GET',
          path: p.listPath,
          times: 2,
          fault: { kind: 'before', run: () => void (++reads === 2 && p.fake.seed([{ name: 'keep.example.com' }, { name: 'stray.example.com' }])) },
        });
      };

      p.fake.seed([{ name: 'keep.example.com' }]);
      editAtReread();
      const replanned = await runOn(p, ['keep.example.com', 'new.example.com']);
      assert.equal(replanned.hosts[0]?.replanned, true, p.name);
      assert.deepEqual(replanned.hosts[0]?.changes.map((c) => [c.action, c.name]).sort(), [['add', 'new.example.com'], ['remove', 'stray.example.com']], p.name);
      assert.deepEqual(p.fake.hostnames().sort(), ['keep.example.com', 'new.example.com'], p.name);

      p.fake.seed([{ name: 'keep.example.com' }]);
      editAtReread();
      const before = writes(p);
      const refused = await runOn(p, ['keep.example.com', 'new.example.com'], 'apply', ', max-removals: 0');
      assert.equal(refused.result, 'failed', p.name);
      assert.deepEqual(refused.refusals.map((r) => r.guard), ['max-removals'], p.name);
      assert.equal(writes(p), before, `${p.name}: nothing written after the refusal`);
    });
  }
});
