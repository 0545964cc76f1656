import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { toJson } from '../../src/plan/render-json.js';
import { summaryLine } from '../../src/plan/summary-line.js';
import { run } from '../../src/run.js';
import type { Mode } from '../../src/settings.js';
import { startRunCloudSimulator, type RunCloudSimulator } from '../../src/simulators/runcloud.js';
import { startServerPilotSimulator, type ServerPilotSimulator } from '../../src/simulators/serverpilot.js';
import { RecordingClock } from '../http/recording-clock.js';
import { RecordingLogger, settingsFor, writeConfig } from './run-harness.js';

const env = { WU_SERVER_PILOT_CLIENT_ID: 'client', WU_SERVER_PILOT_API_KEY: 'serverpilot-key-1', WU_RUNCLOUD_API_TOKEN: 'runcloud-token-1' };

describe('--hosts: names moving from a host that is not selected', () => {
  let serverpilot: ServerPilotSimulator;
  let runcloud: RunCloudSimulator;
  let configPath: string;

  before(async () => {
    serverpilot = await startServerPilotSimulator({ appId: 'app', clientId: 'client', apiKey: 'serverpilot-key-1' });
    runcloud = await startRunCloudSimulator({ token: 'runcloud-token-1', serverId: '1', appId: '2', primaryDomain: null });
    configPath = await writeConfig([
      'version: 1',
      'defaults: { removals: sync, www: never, ssl: { wait: false } }',
      'hosts:',
      `  production: { provider: serverpilot, app: app, api_url: "${serverpilot.apiUrl}", domains: [a.example.com, shop.example.com] }`,
      `  eu: { provider: runcloud, server: 1, app: 2, api_url: "${runcloud.apiUrl}", domains: [example.de] }`,
    ]);
  });
  after(async () => {
    await Promise.all([serverpilot.close(), runcloud.close()]);
  });
  beforeEach(() => {
    serverpilot.seed([]);
    runcloud.seed([{ name: 'example.de' }, { name: 'shop.example.com' }]);
  });

  function runOn(hosts: string[], mode: Mode = 'apply', overrides: Record<string, string> = {}) {
    const log = new RecordingLogger();
    const settings = settingsFor(configPath, { ...env, ...overrides }, new RecordingClock(), { mode, hosts, log });
    return { log, result: run(settings) };
  }
  const runcloudWrites = (): number => runcloud.requests.filter((r) => r.method !== 'GET').length;

  test('the destination holds the name back until its source is applied; the source is read, never written', async () => {
    const writesBefore = runcloudWrites();
    const { result: pending } = runOn(['production']);
    const result = await pending;

    assert.deepEqual(result.hosts.map((h) => h.id), ['production'], 'the unselected host is not in the result');
    const production = result.hosts[0]!;
    assert.deepEqual(production.changes.map((c) => [c.action, c.name]), [['add', 'a.example.com']]);
    assert.ok(production.warnings.includes('`shop.example.com` is still on `eu`; apply `eu` first'), production.warnings.join('\n'));
    assert.deepEqual(serverpilot.hostnames().sort(), ['a.example.com']);
    assert.equal(runcloudWrites(), writesBefore, 'eu is never written');
    assert.deepEqual(runcloud.domains().map((d) => d.name).sort(), ['example.de', 'shop.example.com']);
  });

  test('a destination that changed before writing is planned again and still holds the name back', async () => {
    let reads = 0;
    const someoneAdds = (): void => {
      if (++reads === 2) serverpilot.seed([{ name: 'stray.example.com' }]);
    };
    serverpilot.inject({ method: 'GET', path: '/v1/apps/app', fault: { kind: 'before', run: someoneAdds }, times: 2 });
    const result = await runOn(['production']).result;
    const production = result.hosts[0]!;
    assert.equal(production.replanned, true);
    assert.deepEqual(production.changes.map((c) => [c.action, c.name]).sort(), [['add', 'a.example.com'], ['remove', 'stray.example.com']]);
    assert.deepEqual(serverpilot.hostnames(), ['a.example.com']);
  });

  test('plan shows the same: the move is held back, not planned as an addition', async () => {
    const result = await runOn(['production'], 'plan').result;
    assert.deepEqual(result.hosts[0]!.changes.map((c) => c.name), ['a.example.com']);
    assert.equal(result.result, 'changes');
  });

  test('applying the source first, then the destination, completes the move', async () => {
    const first = await runOn(['eu']).result;
    const eu = first.hosts.find((h) => h.id === 'eu')!;
    assert.deepEqual(eu.changes.map((c) => [c.action, c.name]), [['move', 'shop.example.com']]);
    assert.ok(eu.warnings.some((w) => w.includes('`shop.example.com` is added on `production` only when `production` is applied; apply `production` next to serve it again')), eu.warnings.join('\n'));
    assert.deepEqual(serverpilot.hostnames(), [], 'production is not written by the eu run');
    assert.deepEqual(runcloud.domains().map((d) => d.name), ['example.de']);

    const second = await runOn(['production']).result;
    assert.deepEqual(second.hosts[0]!.changes.map((c) => c.name).sort(), ['a.example.com', 'shop.example.com']);
    assert.deepEqual(serverpilot.hostnames().sort(), ['a.example.com', 'shop.example.com']);
  });

  test('a selected host with nothing to add or hand over: the other hosts are not read at all', async () => {
    serverpilot.seed([{ name: 'a.example.com' }, { name: 'shop.example.com' }]);
    runcloud.seed([{ name: 'example.de' }]);
    const runcloudCallsBefore = runcloud.requests.length;
    const result = await runOn(['production'], 'plan').result;
    assert.equal(result.result, 'no-changes');
    assert.equal(runcloud.requests.length, runcloudCallsBefore, 'eu is not read');
  });

  test('check on the destination alone: a name held back is drift, and the closing line says so', async () => {
    serverpilot.seed([{ name: 'a.example.com' }]);
    const result = await runOn(['production'], 'check').result;
    assert.equal(result.result, 'drift');
    assert.deepEqual(result.hosts[0]!.heldBack, ['shop.example.com']);
    assert.deepEqual((toJson(result) as { hosts: { heldBack?: string[] }[] }).hosts[0]?.heldBack, ['shop.example.com']);
    assert.equal(summaryLine(result), 'No domain changes; 1 name held back (see the warnings).');
    const plan = await runOn(['production'], 'plan').result;
    assert.equal(plan.result, 'no-changes', 'plan: nothing this run could change');
    assert.doesNotMatch(summaryLine(plan), /match domains\.yml/);
  });

  test('one job per host with the reviewed checksums: the destination waits for its source, then matches its review', async () => {
    const reviewed = await runOn([], 'plan').result;
    const expectChecksums = { plan: reviewed.checksum, hosts: Object.fromEntries(reviewed.hosts.map((h) => [h.id, h.checksum])), source: 'pull request #7' };
    const applyOn = (hosts: string[]) => run(settingsFor(configPath, env, new RecordingClock(), { mode: 'apply', hosts, expectChecksums, log: new RecordingLogger() }));

    const destinationFirst = await applyOn(['production']);
    assert.match(destinationFirst.errors.join('\n'), /production changed since review/, 'with the name held back its plan is not the reviewed one');
    assert.deepEqual(serverpilot.hostnames(), [], 'and nothing is written');
    const source = await applyOn(['eu']);
    assert.deepEqual(source.errors, []);
    assert.deepEqual(runcloud.domains().map((d) => d.name), ['example.de']);
    const destination = await applyOn(['production']);
    assert.deepEqual(destination.errors, [], 'a plain addition now, with the checksum of the reviewed move');
    assert.deepEqual(serverpilot.hostnames().sort(), ['a.example.com', 'shop.example.com']);
  });

  test('with the reviewed checksums, a destination whose only change is held back is refused, not passed', async () => {
    serverpilot.seed([{ name: 'a.example.com' }]);
    const reviewed = await runOn([], 'plan').result;
    const expectChecksums = { plan: reviewed.checksum, hosts: Object.fromEntries(reviewed.hosts.map((h) => [h.id, h.checksum])), source: 'pull request #8' };
    const result = await run(settingsFor(configPath, env, new RecordingClock(), { mode: 'apply', hosts: ['production'], expectChecksums, log: new RecordingLogger() }));
    assert.equal(result.result, 'failed');
    assert.match(result.errors.join('\n'), /production changed since review/);
  });

  test('an unselected host that cannot be read: one warning, and planning goes on as before', async () => {
    const { log, result: pending } = runOn(['production'], 'plan', { WU_RUNCLOUD_API_TOKEN: 'runcloud-token-wrong' });
    const result = await pending;
    assert.equal(result.result, 'changes');
    assert.deepEqual(result.hosts[0]!.changes.map((c) => c.name).sort(), ['a.example.com', 'shop.example.com']);
    const warnings = log.lines.filter((line) => line.startsWith('warn: eu'));
    assert.equal(warnings.length, 1, log.lines.join('\n'));
    assert.doesNotMatch(log.lines.join('\n'), /runcloud-token-wrong/);
  });
});
