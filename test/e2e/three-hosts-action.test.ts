import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { configDirectory, panelsConfig, startPanels, Transcript, type Panels } from './panels.js';

const issuanceDelayMs = 400;

interface SslOutput {
  name: string;
  host: string;
  state: string;
  expires?: string;
}

describe('the bundled Action takes ServerPilot, RunCloud and Closte from one domains.yml to convergence', () => {
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

  test('mode apply waits for the certificates and fills the outputs; mode plan then finds no changes', async () => {
    panels.serverpilot.seed([{ name: 'retired.example.com' }]);
    panels.closte.seed([]);
    const directory = await configDirectory(
      panelsConfig(panels, {
        production: ['example.com'],
        eu: ['{ name: shop.example.de, www: never }'],
        edge: ['blog.example.org', 'docs.example.org'],
      }),
    );

    const apply = await transcript.action(
      { mode: 'apply', 'connect-to': panels.tls.connectTo, 'ssl-interval': '0.1', 'ssl-timeout': '15' },
      directory,
    );
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    assert.equal(apply.stdout.split('\n')[0], 'mode: apply (set by the mode input)');
    assert.equal(apply.outputs['result'], 'applied');
    assert.equal(apply.outputs['changes'], '6', 'five hostnames added and one removed');
    const byHostAndName = (a: { host: string; name: string }, b: { host: string; name: string }): number =>
      `${a.host} ${a.name}`.localeCompare(`${b.host} ${b.name}`);
    assert.deepEqual((JSON.parse(apply.outputs['added']!) as { host: string; name: string }[]).sort(byHostAndName), [
      { host: 'edge', name: 'blog.example.org' },
      { host: 'edge', name: 'docs.example.org' },
      { host: 'eu', name: 'shop.example.de' },
      { host: 'production', name: 'example.com' },
      { host: 'production', name: 'www.example.com' },
    ]);
    assert.deepEqual(JSON.parse(apply.outputs['removed']!), [{ host: 'production', name: 'retired.example.com' }]);
    const ssl = JSON.parse(apply.outputs['ssl']!) as SslOutput[];
    assert.deepEqual(ssl.map((entry) => [entry.host, entry.name, entry.state]).sort(), [
      ['edge', 'blog.example.org', 'ok'],
      ['edge', 'docs.example.org', 'ok'],
      ['eu', 'shop.example.de', 'ok'],
      ['production', 'example.com', 'ok'],
      ['production', 'www.example.com', 'ok'],
    ]);
    for (const entry of ssl) assert.match(entry.expires ?? '', /^\d{4}-\d\d-\d\dT/, `${entry.name} has an expiry date`);
    assert.deepEqual(JSON.parse(apply.outputs['hosts-matrix']!), ['production', 'eu', 'edge']);
    assert.match(apply.summary, /### SSL/);
    for (const entry of ssl) {
      assert.ok(apply.summary.includes(`| \`${entry.name}\` | ${entry.host} | ok |`), `the summary's SSL table has ${entry.name}`);
    }

    assert.deepEqual(panels.serverpilot.hostnames().sort(), ['example.com', 'www.example.com']);
    assert.ok(panels.runcloud.hostnames().includes('shop.example.de'));
    assert.deepEqual(panels.closte.hostnames().sort(), ['blog.example.org', 'docs.example.org']);

    const plan = await transcript.action({ mode: 'plan' }, directory);
    assert.equal(plan.code, 0, plan.stdout + plan.stderr);
    assert.equal(plan.outputs['result'], 'no-changes');
    assert.equal(plan.outputs['changes'], '0');
    assert.deepEqual(JSON.parse(plan.outputs['added']!), []);
    assert.deepEqual(JSON.parse(plan.outputs['ssl']!), []);
  });
});
