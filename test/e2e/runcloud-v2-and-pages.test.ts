import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  configDirectory,
  panelsConfig,
  parseJson,
  runCloudV2Credentials,
  sslStates,
  startPanels,
  Transcript,
  type Panels,
} from './panels.js';

const issuanceDelayMs = 300;
/** The simulator answers at most 20 domains a page, whatever the client asks for. */
const pageSize = 20;

describe('RunCloud through the built CLI: legacy API v2, and a list spread over pages', () => {
  let panels: Panels;
  let v3: Transcript;
  let v2: Transcript;
  before(async () => {
    panels = await startPanels({ issuanceDelayMs, runCloudMaxPerPage: pageSize });
    v3 = new Transcript(() => panels.env);
    v2 = new Transcript(() => {
      const env: Record<string, string> = { ...panels.env, ...runCloudV2Credentials };
      delete env['WU_RUNCLOUD_API_TOKEN'];
      return env;
    });
  });
  after(async () => {
    await panels.close();
    assert.ok(v2.size > 0 && v3.size > 0);
    v2.assertNoSecrets();
    v3.assertNoSecrets();
  });

  test('a key and secret (Basic) select v2: apply adds, updates the www flag and removes, then plan is clean', async () => {
    const primary = `app${panels.runcloud.appId}.runcloud.link`;
    panels.runcloud.seed([
      { name: primary, type: 'primary' },
      { name: 'example.de', www: false, redirection: 'non-www' },
      { name: 'old.example.de' },
    ]);
    const directory = await configDirectory(panelsConfig(panels, { eu: ['example.de', 'new.example.de'] }, { runCloudVersion: 'v2' }));
    const first = panels.runcloud.requests.length;

    const apply = await v2.cli(
      ['apply', '--json', '--connect-to', panels.tls.connectTo, '--ssl-interval', '0.1', '--ssl-timeout', '10'],
      directory,
    );
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    const json = parseJson(apply);
    assert.deepEqual(
      json.hosts[0]?.changes.map((c) => [c.action, c.name]).sort(),
      [
        ['add', 'new.example.de'],
        ['remove', 'old.example.de'],
        ['update', 'example.de'],
      ],
    );
    assert.deepEqual(sslStates(json), { 'www.example.de': 'ok', 'new.example.de': 'ok', 'example.de': 'ok' }, 'example.de had no valid certificate: verified too');

    const sent = panels.runcloud.requests.slice(first);
    const basic = `Basic ${Buffer.from(`${runCloudV2Credentials.WU_RUNCLOUD_API_KEY}:${runCloudV2Credentials.WU_RUNCLOUD_API_SECRET}`).toString('base64')}`;
    assert.ok(sent.length > 0);
    for (const request of sent) {
      assert.match(request.path, /^\/api\/v2\//, `${request.method} ${request.path} uses v2`);
      assert.equal(request.headers['authorization'], basic);
      assert.match(request.headers['accept'] ?? '', /application\/json/);
    }
    const patch = sent.filter((r) => r.method === 'PATCH');
    assert.equal(patch.length, 1, 'the www flag is an update, not a delete and an add');
    assert.deepEqual(patch[0]?.body, { type: 'alias', redirection: 'non-www', www: true }, 'type and redirection are left as the panel has them');
    assert.deepEqual(
      panels.runcloud.domainRecords().map((r) => [r.name, r.www, r.redirection]).sort(),
      [
        [primary, false, 'none'],
        ['example.de', true, 'non-www'],
        ['new.example.de', false, 'none'],
      ],
    );

    const plan = await v2.cli(['plan'], directory);
    assert.equal(plan.code, 0, plan.stdout + plan.stderr);
  });

  test('an app with 45 domains is read over 3 pages and plans no changes when the file lists all of them', async () => {
    const names = Array.from({ length: 45 }, (_, index) => `site-${String(index).padStart(2, '0')}.example.net`);
    panels.runcloud.seed(names.map((name, index) => ({ name, type: index === 0 ? 'primary' : 'alias' })));
    const directory = await configDirectory(panelsConfig(panels, { eu: names }));
    const first = panels.runcloud.requests.length;

    const plan = await v3.cli(['plan', '--json'], directory);
    assert.equal(plan.code, 0, plan.stdout + plan.stderr);
    const json = parseJson(plan);
    assert.equal(json.result, 'no-changes');
    assert.deepEqual(json.hosts[0]?.changes, []);
    const pages = panels.runcloud
      .requests.slice(first)
      .filter((r) => r.method === 'GET' && r.path.endsWith('/domains'))
      .map((r) => r.query['page']);
    assert.deepEqual(pages, ['1', '2', '3']);
    assert.equal(json.hosts[0]?.apiCalls, 3);

    const shortened = await configDirectory(panelsConfig(panels, { eu: names.slice(0, 44) }));
    const dropped = await v3.cli(['plan', '--json'], shortened);
    assert.equal(dropped.code, 2, 'the last name, on page 3, was read');
    assert.deepEqual(parseJson(dropped).hosts[0]?.changes.map((c) => [c.action, c.name]), [['remove', 'site-44.example.net']]);
  });
});
