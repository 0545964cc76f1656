import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import type { FakeHttpServer, Fault } from '../../src/simulators/fake-server.js';
import {
  configDirectory,
  credentials,
  panelsConfig,
  parseJson,
  runCloudV2Credentials,
  startPanels,
  Transcript,
  type Panels,
} from './panels.js';

const basic = (user: string, password: string): string => Buffer.from(`${user}:${password}`).toString('base64');

/** What each panel received, echoed back in its error bodies: the worst a panel can do. */
const serverPilotEcho = `client ${credentials.WU_SERVER_PILOT_CLIENT_ID}, key ${credentials.WU_SERVER_PILOT_API_KEY}, header Basic ${basic(credentials.WU_SERVER_PILOT_CLIENT_ID, credentials.WU_SERVER_PILOT_API_KEY)}`;
const runCloudEcho = `header Bearer ${credentials.WU_RUNCLOUD_API_TOKEN}`;
const runCloudV2Echo = `key ${runCloudV2Credentials.WU_RUNCLOUD_API_KEY}, secret ${runCloudV2Credentials.WU_RUNCLOUD_API_SECRET}, header Basic ${basic(runCloudV2Credentials.WU_RUNCLOUD_API_KEY, runCloudV2Credentials.WU_RUNCLOUD_API_SECRET)}`;
const closteEcho = `apikey ${credentials.CLOSTE_CLIENT_API_KEY}, url /api/client/getdomains?apikey=${encodeURIComponent(credentials.CLOSTE_CLIENT_API_KEY)}`;

describe('no credential of any panel reaches the output of the built CLI or Action', () => {
  let panels: Panels;
  let directory: string;
  const transcript = new Transcript(() => panels.env);
  const v2 = new Transcript(() => {
    const env: Record<string, string> = { ...panels.env, ...runCloudV2Credentials };
    delete env['WU_RUNCLOUD_API_TOKEN'];
    return env;
  });
  const everyPanel = (): FakeHttpServer[] => [panels.serverpilot, panels.runcloud, panels.closte];

  beforeEach(async () => {
    panels = await startPanels({ issuanceDelayMs: 300 });
    directory = await configDirectory(
      panelsConfig(panels, { production: ['secret.example.com'], eu: ['secret.example.de'], edge: ['secret.example.org'] }),
    );
  });
  afterEach(() => panels.close());
  after(() => {
    assert.ok(transcript.size > 20 && v2.size > 0);
    transcript.assertNoSecrets();
    v2.assertNoSecrets();
  });

  test('panels that refuse the credentials and echo them back: plan, apply, check, doctor, text and JSON, CLI and Action', async () => {
    const refusal = (status: number, body: unknown): Fault => ({ kind: 'respond', response: { status, body } });
    panels.serverpilot.inject({ fault: refusal(401, { error: { message: `refused (${serverPilotEcho})` } }), times: 1000 });
    panels.runcloud.inject({ path: '/api/v3/', fault: refusal(401, { message: `Unauthenticated (${runCloudEcho})` }), times: 1000 });
    panels.runcloud.inject({ path: '/api/v2/', fault: refusal(401, { message: `Unauthenticated (${runCloudV2Echo})` }), times: 1000 });
    panels.closte.inject({ fault: refusal(200, { success: false, error: `Invalid API key (${closteEcho})` }), times: 1000 });
    const v2Directory = await configDirectory(panelsConfig(panels, { eu: ['secret.example.de'] }, { runCloudVersion: 'v2' }));

    for (const args of [['plan'], ['plan', '--json'], ['apply'], ['apply', '--json'], ['check', '--ssl'], ['doctor'], ['doctor', '--json']]) {
      const run = await transcript.cli(args, directory);
      assert.equal(run.code, 1, `${args.join(' ')} fails`);
      assert.match(run.stdout + run.stderr, /\*\*\*/, 'the echoed secrets are there, redacted');
      const v2Run = await v2.cli(args, v2Directory);
      assert.equal(v2Run.code, 1);
      assert.match(v2Run.stdout + v2Run.stderr, /\*\*\*/);
    }
    const doctor = parseJson(await transcript.cli(['doctor', '--json'], directory));
    assert.deepEqual(
      doctor.hosts.map((host) => JSON.stringify(host).match(/check ([A-Z_]+(?:, [A-Z_]+)*)/)?.[1]),
      ['WU_SERVER_PILOT_CLIENT_ID, WU_SERVER_PILOT_API_KEY', 'WU_RUNCLOUD_API_TOKEN', 'CLOSTE_CLIENT_API_KEY'],
      'the hints name the variables to check, never their values',
    );

    for (const mode of ['plan', 'apply', 'check']) {
      const run = await transcript.action({ mode }, directory);
      assert.equal(run.code, 1, `the Action's ${mode} fails`);
      assert.equal(run.outputs['result'], 'failed');
      assert.match(run.summary, /\*\*\*/);
    }
  });

  test('a lost connection names the request without the Closte key from its query string', async () => {
    // Every attempt of the read (the first and its three retries) loses its connection.
    panels.closte.inject({ method: 'GET', fault: { kind: 'drop' }, times: 4 });
    const dropped = await transcript.cli(['plan', '--json'], directory);
    assert.equal(dropped.code, 1);
    const edge = parseJson(dropped).hosts.find((host) => host.id === 'edge');
    assert.match(edge?.error ?? '', /getdomains/, 'the error names the request');
    assert.ok(panels.closte.requests.some((r) => r.query['apikey'] === credentials.CLOSTE_CLIENT_API_KEY), 'the key did travel in the query');
  });

  test('server errors that echo the request are redacted after the retries give up', async () => {
    const echoes = [serverPilotEcho, runCloudEcho, closteEcho];
    everyPanel().forEach((panel, index) =>
      panel.inject({ fault: { kind: 'respond', response: { status: 503, body: { message: echoes[index] }, headers: { 'retry-after': '0' } } }, times: 1000 }),
    );
    const failing = await transcript.cli(['plan'], directory);
    assert.equal(failing.code, 1);
    assert.match(failing.stdout, /503/);
    const action = await transcript.action({ mode: 'plan' }, directory);
    assert.equal(action.outputs['result'], 'failed');
    for (const panel of everyPanel()) assert.ok(panel.requests.length > 2, 'the reads were retried');
  });

  test('the paths that work: doctor, import, apply and check on all three panels, and RunCloud v2', async () => {
    const doctor = await transcript.cli(['doctor'], directory);
    assert.equal(doctor.code, 0, doctor.stdout + doctor.stderr);
    const apply = await transcript.action({ mode: 'apply', 'connect-to': panels.tls.connectTo, 'ssl-interval': '0.1', 'ssl-timeout': '10' }, directory);
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    const check = await transcript.cli(['check', '--ssl', '--json', '--connect-to', panels.tls.connectTo], directory);
    assert.equal(check.code, 0, check.stdout + check.stderr);

    const imports = [
      ['--provider', 'serverpilot', '--app', panels.serverpilot.appId, '--api-url', panels.serverpilot.apiUrl],
      ['--provider', 'runcloud', '--server', panels.runcloud.serverId, '--app', panels.runcloud.appId, '--api-url', panels.runcloud.apiUrl],
      ['--provider', 'closte', '--app', 'site', '--api-url', panels.closte.apiUrl],
    ];
    for (const args of imports) {
      const imported = await transcript.cli(['import', ...args], directory);
      assert.equal(imported.code, 0, imported.stderr);
      assert.match(imported.stdout, /secret\.example\./);
    }
    const v2Directory = await configDirectory(panelsConfig(panels, { eu: ['secret.example.de'] }, { runCloudVersion: 'v2' }));
    const v2Doctor = await v2.cli(['doctor', '--json'], v2Directory);
    assert.equal(v2Doctor.code, 0, v2Doctor.stdout);
    assert.match(v2Doctor.stdout, /API v2 \(legacy\)/);
  });
});
