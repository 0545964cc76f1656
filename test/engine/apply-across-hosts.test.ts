import assert from 'node:assert/strict';
import { renderText } from '../../src/plan/render-text.js';
import { after, before, beforeEach, describe, test } from 'node:test';
import { actionOutputs } from '../../src/action/outputs.js';
import { summaryLine } from '../../src/plan/summary-line.js';
import { run } from '../../src/run.js';
import type { RunResult } from '../../src/result.js';
import type { Mode } from '../../src/settings.js';
import { startRunCloudSimulator, type RunCloudSimulator } from '../../src/simulators/runcloud.js';
import { startServerPilotSimulator, type ServerPilotSimulator } from '../../src/simulators/serverpilot.js';
import { RecordingClock } from '../http/recording-clock.js';
import { RecordingLogger, settingsFor, writeConfig } from './run-harness.js';

const env = { WU_SERVER_PILOT_CLIENT_ID: 'client', WU_SERVER_PILOT_API_KEY: 'serverpilot-key-1', WU_RUNCLOUD_API_TOKEN: 'runcloud-token-1' };
const noop = { kind: 'before', run: () => undefined } as const;

describe('apply across hosts: refusals, failures and what is reported as applied', () => {
  let serverpilot: ServerPilotSimulator;
  let runcloud: RunCloudSimulator;

  before(async () => {
    serverpilot = await startServerPilotSimulator({ appId: 'app', clientId: 'client', apiKey: 'serverpilot-key-1' });
    runcloud = await startRunCloudSimulator({ token: 'runcloud-token-1', serverId: '1', appId: '2', primaryDomain: null });
  });
  after(async () => {
    await Promise.all([serverpilot.close(), runcloud.close()]);
  });
  beforeEach(() => {
    serverpilot.seed([]);
    runcloud.seed([]);
  });

  async function apply(production: string[], eu: string[], euExtra = ''): Promise<RunResult> {
    return runMode('apply', production, eu, euExtra);
  }
  async function runMode(mode: Mode, production: string[], eu: string[], euExtra = '', envOverrides: Record<string, string> = {}): Promise<RunResult> {
    const config = await writeConfig([
      'version: 1',
      'defaults: { removals: sync, www: never, ssl: { wait: false } }',
      'hosts:',
      `  production: { provider: serverpilot, app: app, api_url: "${serverpilot.apiUrl}", domains: [${production.join(', ')}] }`,
      `  eu: { provider: runcloud, server: 1, app: 2, api_url: "${runcloud.apiUrl}", domains: [${eu.join(', ')}]${euExtra} }`,
    ]);
    return run(settingsFor(config, { ...env, ...envOverrides }, new RecordingClock(), { mode, log: new RecordingLogger() }));
  }
  const writesTo = (panel: ServerPilotSimulator | RunCloudSimulator): number => panel.requests.filter((r) => r.method !== 'GET').length;
  const hostOf = (result: RunResult, id: string) => result.hosts.find((host) => host.id === id)!;

  test('a refusal found only at the re-read before writing writes nothing on any host', async () => {
    const productionWrites = writesTo(serverpilot);
    const euWrites = writesTo(runcloud);
    // eu answers its reads late; by the time its re-read is handled, someone has added three names there.
    runcloud.inject({ method: 'GET', path: '/domains', fault: { kind: 'delay', ms: 300 }, times: 2 });
    let reads = 0;
    const addOnEu = (): void => {
      if (++reads === 2) runcloud.seed([{ name: 'x1.example.de' }, { name: 'x2.example.de' }, { name: 'x3.example.de' }]);
    };
    serverpilot.inject({ method: 'GET', fault: { kind: 'before', run: addOnEu }, times: 2 });

    const result = await apply(['a.example.com'], ['b.example.de'], ', max-removals: 1');

    assert.equal(result.result, 'failed');
    assert.equal(writesTo(serverpilot), productionWrites, 'production is not written although its own plan was fine');
    assert.equal(writesTo(runcloud), euWrites);
    assert.deepEqual(result.refusals.map((r) => r.host), ['eu']);
    assert.deepEqual(result.errors, [], 'a guard refusal is reported once, as a refusal');
    const outputs = actionOutputs(result);
    assert.equal(outputs['changes'], '0', 'outputs count what was written: nothing');
    assert.equal(outputs['added'], '[]');
    assert.equal(outputs['removed'], '[]');
    assert.match(renderText(result), /^Refused: nothing was changed on any host\.$/m);
    assert.match(summaryLine(result), /^Nothing was applied/);
  });

  test('a write that errored but whose effect the read back shows is a success', async () => {
    serverpilot.inject({ method: 'POST', path: '/v1/apps/app', fault: { kind: 'respond', response: { status: 409, body: { error: { message: 'busy' } } } } });
    let reads = 0;
    const landsLate = (): void => {
      if (++reads === 3) serverpilot.seed([{ name: 'a.example.com' }]);
    };
    serverpilot.inject({ method: 'GET', path: '/v1/apps/app', fault: { kind: 'before', run: landsLate }, times: 3 });

    const result = await apply(['a.example.com'], []);

    assert.equal(hostOf(result, 'production').error, undefined);
    assert.deepEqual(hostOf(result, 'production').changes.map((c) => c.name), ['a.example.com']);
    assert.equal(result.result, 'applied');
  });

  test('a failed whole-list write names each domain once, never the bare error besides', async () => {
    serverpilot.inject({ method: 'POST', path: '/v1/apps/app', fault: { kind: 'respond', response: { status: 409, body: { error: { message: 'in use elsewhere' } } } } });

    const result = await apply(['a.example.com', 'b.example.com'], []);

    const lines = (hostOf(result, 'production').error ?? '').split('\n');
    assert.match(lines[0]!, /^production: 2 changes failed:$/);
    assert.equal(lines.length, 3, lines.join('\n'));
    assert.match(lines[1]!, /^ {4}add a\.example\.com: .*in use elsewhere/);
    assert.match(lines[2]!, /^ {4}add b\.example\.com: .*in use elsewhere/);
    assert.doesNotMatch(lines.join('\n'), /not visible/);
  });

  test('counts and outputs hold only what landed on a host whose write failed', async () => {
    runcloud.inject({ method: 'POST', path: '/domains', fault: noop });
    runcloud.inject({ method: 'POST', path: '/domains', fault: { kind: 'respond', response: { status: 422, body: { message: 'The name is not allowed.' } } } });

    const result = await apply([], ['a.example.de', 'b.example.de', 'c.example.de']);

    const eu = hostOf(result, 'eu');
    assert.equal(result.result, 'failed');
    assert.match(eu.error ?? '', /add b\.example\.de: .*not allowed/);
    assert.deepEqual(eu.changes.map((c) => c.name).sort(), ['a.example.de', 'c.example.de']);
    assert.equal(summaryLine(result), 'Applied: 2 added, 0 changed, 0 removed, 0 moved; 2 certificates not valid. 1 host failed.');
    const outputs = actionOutputs(result);
    assert.equal(outputs['changes'], '2');
    assert.deepEqual(JSON.parse(outputs['added']!), [{ host: 'eu', name: 'a.example.de' }, { host: 'eu', name: 'c.example.de' }]);
  });

  test('a host whose re-read before writing fails is not written and counts nothing; the others go on', async () => {
    const euWrites = writesTo(runcloud);
    runcloud.inject({ method: 'GET', path: '/domains', fault: noop });
    runcloud.inject({ method: 'GET', path: '/domains', fault: { kind: 'respond', response: { status: 403, body: { message: 'Forbidden.' } } } });

    const result = await apply(['a.example.com'], ['b.example.de']);

    assert.match(hostOf(result, 'eu').error ?? '', /403/);
    assert.deepEqual(hostOf(result, 'eu').changes, []);
    assert.equal(writesTo(runcloud), euWrites);
    assert.deepEqual(serverpilot.hostnames(), ['a.example.com']);
    assert.equal(summaryLine(result), 'Applied: 1 added, 0 changed, 0 removed, 0 moved; 1 certificate not valid. 1 host failed.');
  });

  test('a name released by its source moves in even when the destination fails on another name', async () => {
    serverpilot.seed([{ name: 'shop.example.com' }]);
    runcloud.inject({ method: 'POST', path: '/domains', fault: { kind: 'respond', response: { status: 422, body: { message: 'The name is not allowed.' } } } });

    const result = await apply([], ['bad.example.de', 'shop.example.com']);

    assert.deepEqual(serverpilot.hostnames(), []);
    assert.deepEqual(runcloud.domains().map((d) => d.name), ['shop.example.com'], 'the moved name is served by its new host');
    const eu = hostOf(result, 'eu');
    assert.match(eu.error ?? '', /add bad\.example\.de: .*not allowed/);
    assert.deepEqual(eu.changes.map((c) => [c.action, c.name]), [['move', 'shop.example.com']]);
    assert.equal(result.result, 'failed');
  });

  test('a move whose removal from the source failed is a warning on the destination, not a change', async () => {
    serverpilot.seed([{ name: 'shop.example.com' }]);
    serverpilot.inject({ method: 'POST', path: '/v1/apps/app', fault: { kind: 'respond', response: { status: 409, body: { error: { message: 'locked' } } } } });

    const result = await apply(['a.example.com'], ['shop.example.com']);

    const eu = hostOf(result, 'eu');
    assert.deepEqual(eu.changes, []);
    assert.match(eu.warnings.join('\n'), /not moved here because their removal from the source host failed: shop\.example\.com/);
    assert.deepEqual(runcloud.domains().map((d) => d.name), []);
    assert.deepEqual(hostOf(result, 'production').changes, []);
    assert.equal(summaryLine(result), 'Applied: 0 added, 0 changed, 0 removed, 0 moved. 1 host failed.');
    assert.equal(actionOutputs(result)['changes'], '0');
  });

  test('a move the destination failed to take is reported as the removal that landed', async () => {
    serverpilot.seed([{ name: 'shop.example.com' }]);
    runcloud.inject({ method: 'POST', path: '/domains', fault: { kind: 'respond', response: { status: 422, body: { message: 'The name is not allowed.' } } } });

    const result = await apply([], ['shop.example.com']);

    assert.deepEqual(hostOf(result, 'production').changes.map((c) => [c.action, c.name]), [['remove', 'shop.example.com']]);
    assert.deepEqual(hostOf(result, 'eu').changes, []);
    assert.match(hostOf(result, 'eu').error ?? '', /add shop\.example\.com: .*not allowed/);
    assert.equal(summaryLine(result), 'Applied: 0 added, 0 changed, 1 removed, 0 moved. 1 host failed.');
  });

  test('a name moving to a host whose read failed stays on its source in plan, check and apply', async () => {
    serverpilot.seed([{ name: 'keep.example.com' }, { name: 'shop.example.com' }]);
    const productionWrites = writesTo(serverpilot);
    const unreadableEu = { WU_RUNCLOUD_API_TOKEN: 'runcloud-token-wrong' };
    const warning = '`shop.example.com` is not removed: it moves to `eu`, which could not be read';

    for (const mode of ['plan', 'check', 'apply'] as const) {
      const result = await runMode(mode, ['keep.example.com'], ['shop.example.com'], '', unreadableEu);
      const production = hostOf(result, 'production');
      assert.deepEqual(production.changes, [], mode);
      assert.ok(production.warnings.includes(warning), `${mode}: ${production.warnings.join('\n')}`);
      assert.match(hostOf(result, 'eu').error ?? '', /401|credentials/, mode);
      assert.equal(actionOutputs(result)['changes'], '0', mode);
    }
    assert.equal(writesTo(serverpilot), productionWrites, 'production is never written');
    assert.deepEqual(serverpilot.hostnames().sort(), ['keep.example.com', 'shop.example.com']);
  });

  test('a domain and its www. entry moving to a host that models www as a flag are reported as two moves', async () => {
    serverpilot.seed([{ name: 'example.com' }, { name: 'www.example.com' }]);

    const result = await apply([], ['example.com'], ', www: always');

    assert.equal(result.result, 'applied');
    assert.deepEqual(hostOf(result, 'production').changes.map((c) => [c.action, c.name]), [['move', 'example.com'], ['move', 'www.example.com']]);
    assert.deepEqual(hostOf(result, 'eu').changes.map((c) => [c.action, c.name]), [['move', 'example.com']]);
    assert.deepEqual(runcloud.domains().map((d) => [d.name, d.www]), [['example.com', true]]);
    assert.match(summaryLine(result), /\b0 removed\b/);
  });
});
