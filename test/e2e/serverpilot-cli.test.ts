import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServerPilotSimulator, type ServerPilotSimulator } from '../../src/simulators/serverpilot.js';
import { runCli, workspace, type ProcessResult } from '../../scripts/run-built.js';

const clientId = 'cid-e2e-0001';
const apiKey = 'sp-secret-key-e2e-98765';
const env = { WU_SERVER_PILOT_CLIENT_ID: clientId, WU_SERVER_PILOT_API_KEY: apiKey };
const basic = Buffer.from(`${clientId}:${apiKey}`).toString('base64');

function configFor(sim: ServerPilotSimulator, domains: string[], extra = ''): string {
  return [
    'version: 1',
    'defaults:',
    '  removals: sync',
    '  ssl:',
    '    wait: false',
    extra,
    'hosts:',
    '  production:',
    '    provider: serverpilot',
    '    app: app-e2e',
    `    api_url: ${sim.apiUrl}`,
    '    domains:',
    ...domains.map((d) => `      - ${d}`),
    '',
  ].join('\n');
}

const outputs: ProcessResult[] = [];
async function cli(args: string[], dir: string): Promise<ProcessResult> {
  const result = await runCli(args, env, dir);
  outputs.push(result);
  return result;
}

describe('the built CLI against the ServerPilot simulator', () => {
  let sim: ServerPilotSimulator;
  before(async () => {
    sim = await startServerPilotSimulator({ appId: 'app-e2e', clientId, apiKey, domains: ['app-e2e.serverpilot.io'] });
  });
  after(async () => {
    await sim.close();
    for (const output of outputs) {
      for (const secret of [apiKey, basic]) {
        assert.ok(!output.stdout.includes(secret) && !output.stderr.includes(secret), 'a secret reached the output');
      }
    }
  });

  test('plan shows the changes (exit 2), apply converges (exit 0), plan again is clean (exit 0)', async () => {
    sim.seed([{ name: 'app-e2e.serverpilot.io' }, { name: 'old.example.com' }]);
    const dir = await workspace({ 'domains.yml': configFor(sim, ['example.com', 'shop.example.com']) });

    const plan = await cli(['plan'], dir);
    assert.equal(plan.code, 2, plan.stderr);
    assert.match(plan.stdout, /\+ example\.com/);
    assert.match(plan.stdout, /\+ www\.example\.com/);
    assert.match(plan.stdout, /- old\.example\.com/);
    assert.doesNotMatch(plan.stdout, /serverpilot\.io/);
    assert.equal(sim.requestsTo('POST').length, 0, 'plan must not write');

    const apply = await cli(['apply'], dir);
    assert.equal(apply.code, 0, apply.stderr + apply.stdout);
    assert.deepEqual(sim.hostnames().sort(), ['app-e2e.serverpilot.io', 'example.com', 'shop.example.com', 'www.example.com']);
    assert.equal(sim.requestsTo('POST', /\/apps\/app-e2e$/).length, 1, 'one POST of the whole list');

    const again = await cli(['plan', '--json'], dir);
    assert.equal(again.code, 0, again.stderr);
    const json = JSON.parse(again.stdout) as { result: string; hosts: { id: string; apiCalls: number; changes: unknown[] }[] };
    assert.equal(json.result, 'no-changes');
    assert.equal(json.hosts[0]?.id, 'production');
    assert.equal(json.hosts[0]?.apiCalls, 1);
    assert.deepEqual(json.hosts[0]?.changes, []);
  });

  test('a plan over the removal guard is refused and leaves the host untouched', async () => {
    const seeded = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((label) => ({ name: `${label}.example.net` }));
    sim.seed(seeded);
    const before = sim.requests.length;
    const dir = await workspace({ 'domains.yml': configFor(sim, ['a.example.net']) });
    const apply = await cli(['apply'], dir);
    assert.equal(apply.code, 1);
    assert.match(apply.stdout + apply.stderr, /max-removals/);
    assert.deepEqual(sim.hostnames().sort(), seeded.map((d) => d.name).sort());
    assert.equal(sim.requests.slice(before).filter((r) => r.method !== 'GET').length, 0);
  });

  test('a 503 on the write is retried with the same list, without duplicates', async () => {
    sim.seed([]);
    sim.inject({ method: 'POST', path: /\/apps\/app-e2e$/, fault: { kind: 'respond', response: { status: 503, body: { error: { message: 'busy' } }, headers: { 'retry-after': '0' } } } });
    const dir = await workspace({ 'domains.yml': configFor(sim, ['retry.org']) });
    const posts = sim.requestsTo('POST').length;
    const apply = await cli(['apply'], dir);
    assert.equal(apply.code, 0, apply.stderr);
    assert.deepEqual(sim.hostnames().sort(), ['retry.org', 'www.retry.org']);
    const sent = sim.requestsTo('POST').slice(posts);
    assert.equal(sent.length, 2);
    assert.deepEqual(sent[0]?.body, sent[1]?.body, 'the retry posts the same list');
  });

  test('a write whose answer is lost is reconciled, not duplicated', async () => {
    sim.seed([]);
    sim.inject({ method: 'POST', path: /\/apps\/app-e2e$/, fault: { kind: 'lose-answer' } });
    const dir = await workspace({ 'domains.yml': configFor(sim, ['lost.org']) });
    const apply = await cli(['apply'], dir);
    assert.equal(apply.code, 0, apply.stderr);
    assert.deepEqual(sim.hostnames().sort(), ['lost.org', 'www.lost.org']);
  });

  test('a change made by someone else between plan and write makes the plan again', async () => {
    sim.seed([]);
    let reads = 0;
    sim.inject({
      method: 'GET',
      path: /\/apps\/app-e2e$/,
      times: 2,
      fault: { kind: 'before', run: () => (++reads === 2 ? sim.seed([{ name: 'edit.example.org' }]) : undefined) },
    });
    const dir = await workspace({ 'domains.yml': configFor(sim, ['edit.example.org', 'fresh.example.org']) });
    const apply = await cli(['apply', '--json'], dir);
    assert.equal(apply.code, 0, apply.stderr);
    assert.match(apply.stderr, /changed since the plan/);
    const json = JSON.parse(apply.stdout) as { hosts: { changes: { name: string }[] }[] };
    assert.ok(!json.hosts[0]?.changes.some((c) => c.name === 'edit.example.org'), 'the re-plan no longer adds it');
    assert.deepEqual(sim.hostnames().sort(), ['edit.example.org', 'fresh.example.org']);
  });

  test('import writes a file that plans no changes', async () => {
    sim.seed([
      { name: 'app-e2e.serverpilot.io' },
      { name: 'imported.com' },
      { name: 'www.imported.com' },
      { name: 'blog.imported.com' },
      { name: 'bare.org' },
    ]);
    const dir = await workspace({});
    const imported = await cli(['import', '--provider', 'serverpilot', '--app', 'app-e2e', '--api-url', sim.apiUrl], dir);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /removals: sync/);
    await writeFile(join(dir, 'domains.yml'), imported.stdout);
    const plan = await cli(['plan'], dir);
    assert.equal(plan.code, 0, plan.stdout + plan.stderr);
  });

  test('import over an existing file keeps its ignore globs and previews, so plan still shows no changes', async () => {
    sim.seed([
      { name: 'app-e2e.serverpilot.io' },
      { name: 'imported.com' },
      { name: 'staging.imported.com' },
      { name: 'legacy.imported.net' },
      { name: 'pr-12.preview.imported.com' },
    ]);
    const existing = [
      'version: 1',
      'defaults: { removals: sync, ssl: { wait: false } }',
      'ignore: ["staging.*.com"]',
      'hosts:',
      '  production:',
      '    provider: serverpilot',
      '    app: app-e2e',
      `    api_url: ${sim.apiUrl}`,
      '    ignore: ["*.imported.net"]',
      '    domains: [imported.com]',
      'previews: { host: production, domain: "pr-{number}.preview.imported.com" }',
      '',
    ].join('\n');
    const dir = await workspace({ 'domains.yml': existing });
    const imported = await cli(['import'], dir);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /^ignore: \["staging\.\*\.com"\]$/m);
    assert.match(imported.stdout, /^ {4}ignore: \["\*\.imported\.net"\]$/m);
    assert.match(imported.stdout, /^previews:\n {2}host: production\n {2}domain: "pr-\{number\}\.preview\.imported\.com"$/m);
    assert.doesNotMatch(imported.stdout, /- (staging|legacy|pr-12)\./, 'ignored and preview names are not imported as managed');
    await writeFile(join(dir, 'domains.yml'), imported.stdout);
    const plan = await cli(['plan'], dir);
    assert.equal(plan.code, 0, plan.stdout + plan.stderr);
    assert.deepEqual(sim.hostnames().sort(), ['app-e2e.serverpilot.io', 'imported.com', 'legacy.imported.net', 'pr-12.preview.imported.com', 'staging.imported.com']);
  });
});
