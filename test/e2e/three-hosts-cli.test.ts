import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  configDirectory,
  panelsConfig,
  parseJson,
  sslStates,
  startPanels,
  Transcript,
  type Panels,
} from './panels.js';

const issuanceDelayMs = 400;
const sslFlags = (panels: Panels): string[] => ['--connect-to', panels.tls.connectTo, '--ssl-interval', '0.1', '--ssl-timeout', '15s'];

describe('the built CLI takes ServerPilot, RunCloud and Closte from one domains.yml to convergence', () => {
  let panels: Panels;
  let transcript: Transcript;
  before(async () => {
    panels = await startPanels({ issuanceDelayMs });
    transcript = new Transcript(() => panels.env);
  });
  after(async () => {
    await panels.close();
    assert.ok(transcript.size > 0);
    transcript.assertNoSecrets();
  });

  test('plan exits 2, apply waits for every certificate and exits 0, plan again exits 0', async () => {
    panels.serverpilot.seed([{ name: `${panels.serverpilot.appId}.serverpilot.io` }, { name: 'old-campaign.example.com' }]);
    panels.closte.seed([{ name: 'example.org' }]);
    const directory = await configDirectory(
      panelsConfig(panels, {
        production: ['example.com', 'shop.example.com'],
        eu: ['example.de', '{ name: api.example.de, www: never }'],
        edge: ['example.org', '{ name: "*.sites.example.org", probe: demo.sites.example.org }'],
      }),
    );

    const plan = await transcript.cli(['plan'], directory);
    assert.equal(plan.code, 2, plan.stdout + plan.stderr);
    for (const line of [
      '+ example.com',
      '+ www.example.com',
      '+ shop.example.com',
      '- old-campaign.example.com',
      '+ example.de',
      '+ api.example.de',
      '+ www.example.org',
      '+ *.sites.example.org',
    ]) {
      assert.ok(plan.stdout.includes(line), `the plan shows ${line}:\n${plan.stdout}`);
    }
    assert.doesNotMatch(plan.stdout, /serverpilot\.io|runcloud\.link/, 'system domains are not part of the plan');
    for (const panel of [panels.serverpilot, panels.runcloud, panels.closte]) {
      assert.deepEqual(panel.requests.filter((r) => r.method !== 'GET'), [], 'plan writes nothing');
    }

    const apply = await transcript.cli(['apply', '--json', ...sslFlags(panels)], directory);
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    const applied = parseJson(apply);
    assert.equal(applied.result, 'applied');
    assert.deepEqual(applied.hosts.map((h) => [h.id, h.error]), [['production', undefined], ['eu', undefined], ['edge', undefined]]);
    assert.deepEqual(sslStates(applied), {
      'example.com': 'ok',
      'www.example.com': 'ok',
      'shop.example.com': 'ok',
      'example.de': 'ok',
      'www.example.de': 'ok',
      'api.example.de': 'ok',
      'www.example.org': 'ok',
      'demo.sites.example.org': 'ok',
      'example.org': 'ok', // on the host before, without a valid certificate: verified too
    });

    assert.deepEqual(panels.serverpilot.hostnames().sort(), [
      `${panels.serverpilot.appId}.serverpilot.io`,
      'example.com',
      'shop.example.com',
      'www.example.com',
    ]);
    assert.deepEqual(
      panels.runcloud
        .domains()
        .map((d) => [d.name, d.www, d.type])
        .sort(),
      [
        ['api.example.de', false, 'alias'],
        [`app${panels.runcloud.appId}.runcloud.link`, false, 'primary'],
        ['example.de', true, 'alias'],
      ],
    );
    assert.deepEqual(panels.closte.hostnames().sort(), ['*.sites.example.org', 'example.org', 'www.example.org']);
    assert.equal(panels.serverpilot.autoSslEnabled, true, 'AutoSSL was switched on');
    assert.equal(panels.runcloud.redeploys, 1, "one Let's Encrypt redeploy for the web app, not one per domain");

    const again = await transcript.cli(['plan'], directory);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /no changes/);
  });

  test('a name moving from RunCloud to ServerPilot leaves RunCloud before it arrives on ServerPilot, with a warning', async () => {
    panels.serverpilot.seed([{ name: 'stay.example.net' }]);
    panels.runcloud.seed([{ name: `app${panels.runcloud.appId}.runcloud.link`, type: 'primary' }, { name: 'moving.example.net' }]);
    const directory = await configDirectory(panelsConfig(panels, { production: ['stay.example.net', 'moving.example.net'], eu: [] }));

    const plan = await transcript.cli(['plan', '--json'], directory);
    assert.equal(plan.code, 2, plan.stdout + plan.stderr);
    const planned = parseJson(plan);
    for (const id of ['production', 'eu']) {
      const host = planned.hosts.find((h) => h.id === id);
      assert.deepEqual(
        host?.changes.map((c) => [c.action, c.name, c.from, c.to]),
        [['move', 'moving.example.net', 'eu', 'production']],
        `${id} shows the move`,
      );
    }

    const serverPilotMark = panels.serverpilot.requests.length;
    const runCloudMark = panels.runcloud.requests.length;
    const apply = await transcript.cli(['apply', ...sslFlags(panels)], directory);
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    assert.match(apply.stdout, /moving\.example\.net moves to production: removed from eu first, then added on production/);

    const removal = panels.runcloud.requests.slice(runCloudMark).find((r) => r.method === 'DELETE');
    const arrival = panels.serverpilot.requests
      .slice(serverPilotMark)
      .find((r) => r.method === 'POST' && /\/apps\/[^/]+$/.test(r.path) && JSON.stringify(r.body).includes('moving.example.net'));
    assert.ok(removal, 'RunCloud got a DELETE');
    assert.ok(arrival, 'ServerPilot got the list with the name');
    assert.ok(removal.sequence < arrival.sequence, `removed (#${removal.sequence}) before added (#${arrival.sequence})`);
    assert.deepEqual(panels.runcloud.hostnames(), [`app${panels.runcloud.appId}.runcloud.link`]);
    assert.deepEqual(panels.serverpilot.hostnames().sort(), ['moving.example.net', 'stay.example.net']);
  });
});
