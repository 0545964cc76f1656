import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HostApiError } from '../../src/errors.js';
import type { ReplaceListProvider } from '../../src/hosts/provider.js';
import { createServerPilotProvider, serverPilotDefaultCredentialVariables } from '../../src/hosts/serverpilot.js';
import { createHttpClient } from '../../src/http/client.js';
import {
  startServerPilotSimulator,
  type ServerPilotSimulator,
  type ServerPilotSimulatorOptions,
} from '../../src/simulators/serverpilot.js';
import { RecordingClock } from '../http/recording-clock.js';
import { runProviderContract } from './provider-contract.js';

const apiKey = 'sp-test-api-key-0123456789';

interface ServerPilotHarness {
  fake: ServerPilotSimulator;
  provider: ReplaceListProvider;
  close(): Promise<void>;
  credentialVariables: string[];
}

async function serverPilotHarness(
  simulator: ServerPilotSimulatorOptions = {},
  provider: { appId?: string; credentialHint?: string; apiKey?: string } = {},
): Promise<ServerPilotHarness> {
  const fake = await startServerPilotSimulator({ apiKey, ...simulator });
  const password = provider.apiKey ?? fake.apiKey;
  const http = createHttpClient({
    hostId: 'production',
    provider: 'serverpilot',
    baseUrl: fake.apiUrl,
    auth: { kind: 'basic', username: fake.clientId, password },
    secrets: [password],
    clock: new RecordingClock(),
    env: {},
  });
  return {
    fake,
    provider: createServerPilotProvider({
      http,
      appId: provider.appId ?? fake.appId,
      hostId: 'production',
      ...(provider.credentialHint === undefined ? {} : { credentialHint: provider.credentialHint }),
    }),
    close: () => fake.close(),
    credentialVariables: [...serverPilotDefaultCredentialVariables],
  };
}

runProviderContract('serverpilot', () => serverPilotHarness());

function rejectsWith(kind: HostApiError['kind'], pattern?: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof HostApiError, String(error));
    assert.equal(error.kind, kind, error.message);
    if (pattern) assert.match(error.message, pattern);
    return true;
  };
}

describe('serverpilot provider', () => {
  let h: ServerPilotHarness;
  before(async () => {
    h = await serverPilotHarness();
  });
  after(() => h.close());

  test('lists each domain once, normalised (case, trailing dot, punycode)', async () => {
    h.fake.seed(['Example.COM', 'example.com.', 'www.example.com', 'example.com', 'münchen.de'].map((name) => ({ name })));
    const snapshot = await h.provider.list();
    assert.deepEqual(snapshot.domains, [
      { name: 'example.com', www: false, wildcard: false },
      { name: 'www.example.com', www: false, wildcard: false },
      { name: 'xn--mnchen-3ya.de', www: false, wildcard: false },
    ]);
  });

  test('reads the certificate setup from ssl and autossl', async () => {
    const local = await serverPilotHarness({ domains: [] });
    try {
      local.fake.seed([]);
      assert.deepEqual(pick((await local.provider.list()).certificate), { custom: false, automatic: false, available: false });
      local.fake.seed([{ name: 'example.com' }]);
      assert.deepEqual(pick((await local.provider.list()).certificate), { custom: false, automatic: false, available: true });
      await local.provider.requestCertificates(await local.provider.list(), { canIssue: true });
      assert.deepEqual(pick((await local.provider.list()).certificate), { custom: false, automatic: true, available: true });
      local.fake.installCustomCertificate();
      assert.deepEqual(pick((await local.provider.list()).certificate), { custom: true, automatic: false, available: true });
    } finally {
      await local.close();
    }
  });

  test('an app body whose domains are not an array is an invalid-response error that says so', async () => {
    const app = { id: h.fake.appId, name: 'wordpress', domains: { 0: 'example.com' }, ssl: null, autossl: { available: true, domains: [] } };
    h.fake.inject({ method: 'GET', fault: { kind: 'respond', response: { status: 200, body: { data: app } } } });
    await assert.rejects(h.provider.list(), rejectsWith('invalid-response', /`data\.domains` is an object, not an array/));
    const withoutAutoSsl = { ...app, domains: ['example.com'], autossl: undefined };
    h.fake.inject({ method: 'GET', fault: { kind: 'respond', response: { status: 200, body: { data: withoutAutoSsl } } } });
    await assert.rejects(h.provider.list(), rejectsWith('invalid-response', /autossl\.available/));
  });

  test('replaceList posts the whole list as a JSON array, even when empty or of one name', async () => {
    h.fake.seed([{ name: 'example.com' }]);
    h.fake.requests.length = 0;
    assert.deepEqual(await h.provider.replaceList(['only.example.com']), {});
    assert.deepEqual(await h.provider.replaceList([]), {});
    const posts = h.fake.requestsTo('POST', `/v1/apps/${h.fake.appId}`);
    assert.deepEqual(
      posts.map((r) => r.rawBody),
      ['{"domains":["only.example.com"]}', '{"domains":[]}'],
    );
    assert.deepEqual(h.fake.hostnames(), []);
  });

  test('replaceList is retried with the same list after a 503', async () => {
    h.fake.seed([{ name: 'example.com' }]);
    h.fake.requests.length = 0;
    h.fake.inject({ method: 'POST', fault: { kind: 'respond', response: { status: 503, body: { error: { message: 'busy' } } } } });
    await h.provider.replaceList(['example.com', 'new.example.com']);
    const posts = h.fake.requestsTo('POST');
    assert.equal(posts.length, 2);
    assert.equal(posts[0]?.rawBody, posts[1]?.rawBody);
    assert.deepEqual(h.fake.hostnames(), ['example.com', 'new.example.com']);
  });

  test('a list above 300 domains is refused with the API message', async () => {
    const names = Array.from({ length: 301 }, (_, i) => `site${i}.example.com`);
    await assert.rejects(h.provider.replaceList(names), (error) => {
      assert.ok(error instanceof HostApiError);
      assert.equal(error.kind, 'rejected');
      assert.equal(error.status, 400);
      assert.match(error.message, /at most 300 domains/);
      return true;
    });
  });

  test('a domain another app serves is refused with a clear message', async () => {
    h.fake.seed([{ name: 'example.com' }]);
    h.fake.addOtherAppDomain('taken.example.org');
    await assert.rejects(
      h.provider.replaceList(['example.com', 'taken.example.org']),
      rejectsWith('rejected', /already used by another app.*taken\.example\.org/),
    );
    assert.deepEqual(h.fake.hostnames(), ['example.com']);
  });

  test('requestCertificates: a custom certificate cannot issue, and nothing is posted', async () => {
    const local = await serverPilotHarness({ domains: ['example.com'] });
    try {
      local.fake.installCustomCertificate();
      const outcome = await local.provider.requestCertificates(await local.provider.list(), { canIssue: true });
      assert.equal(outcome.state, 'cannot-issue');
      assert.match(outcome.detail, /custom certificate/);
      assert.deepEqual(local.fake.requestsTo('POST'), []);
    } finally {
      await local.close();
    }
  });

  test('requestCertificates: not yet while AutoSSL is unavailable, saying why', async () => {
    const local = await serverPilotHarness({ domains: ['example.com'] });
    try {
      local.fake.setAutoSslAvailable(false);
      const outcome = await local.provider.requestCertificates(await local.provider.list(), { canIssue: true });
      assert.equal(outcome.state, 'not-yet');
      assert.match(outcome.detail, /every domain of the app resolves to the server/);
      assert.deepEqual(local.fake.requestsTo('POST'), []);
    } finally {
      await local.close();
    }
  });

  test('requestCertificates: enables AutoSSL once, then reports it automatic', async () => {
    const local = await serverPilotHarness({ domains: ['example.com', 'www.example.com'] });
    try {
      const requested: string[][] = [];
      local.fake.onCertificatesRequested = (names) => requested.push(names);
      const first = await local.provider.requestCertificates(await local.provider.list(), { canIssue: true });
      assert.equal(first.state, 'requested');
      assert.deepEqual(local.fake.requestsTo('POST', /\/ssl$/).map((r) => r.body), [{ auto: true }]);
      assert.deepEqual(requested, [['example.com', 'www.example.com']]);
      const second = await local.provider.requestCertificates(await local.provider.list(), { canIssue: true });
      assert.equal(second.state, 'automatic');
      assert.equal(local.fake.requestsTo('POST', /\/ssl$/).length, 1);
    } finally {
      await local.close();
    }
  });

  test('a pending action is returned and polled until it succeeds', async () => {
    const local = await serverPilotHarness({ domains: ['example.com'], actionDelayPolls: 2 });
    try {
      const receipt = await local.provider.replaceList(['example.com', 'new.example.com']);
      assert.ok(receipt.pendingAction);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await local.provider.actionStatus(receipt.pendingAction));
      assert.deepEqual(statuses, ['open', 'open', 'success']);
    } finally {
      await local.close();
    }
  });

  test('an action status outside open/success/error is an invalid-response error', async () => {
    h.fake.inject({ path: '/v1/actions/', fault: { kind: 'respond', response: { status: 200, body: { data: { status: 'pending' } } } } });
    await assert.rejects(h.provider.actionStatus('abc'), rejectsWith('invalid-response', /"pending"/));
  });

  test('diagnose: app name, domain count against the cap, AutoSSL state', async () => {
    h.fake.seed([{ name: 'example.com' }, { name: 'www.example.com' }]);
    const checks = await h.provider.diagnose();
    assert.deepEqual(checks.map((c) => [c.name, c.ok]), [['credentials', true], ['app', true], ['domains', true], ['autossl', true]]);
    assert.match(checks[1]?.detail ?? '', /wordpress/);
    assert.match(checks[2]?.detail ?? '', /2 of at most 300/);
    assert.match(checks[3]?.detail ?? '', /AutoSSL is available/);
  });

  test('diagnose: refused credentials name the default variables, or the host\'s own', async () => {
    const wrongKey = 'definitely-not-the-key-4242';
    const defaults = await serverPilotHarness({}, { apiKey: wrongKey });
    const custom = await serverPilotHarness({}, { apiKey: wrongKey, credentialHint: 'SP_EU_CLIENT_ID, SP_EU_API_KEY' });
    try {
      const [byDefault] = await defaults.provider.diagnose();
      assert.equal(byDefault?.ok, false);
      assert.match(byDefault?.hint ?? '', /WU_SERVER_PILOT_CLIENT_ID and WU_SERVER_PILOT_API_KEY/);
      const [byHost] = await custom.provider.diagnose();
      assert.match(byHost?.hint ?? '', /SP_EU_CLIENT_ID, SP_EU_API_KEY/);
      assert.doesNotMatch(byHost?.hint ?? '', /WU_SERVER_PILOT/);
      for (const text of [byDefault?.detail, byDefault?.hint, byHost?.detail]) {
        assert.ok(!String(text).includes(wrongKey), 'the key never appears in the diagnosis');
      }
    } finally {
      await defaults.close();
      await custom.close();
    }
  });

  test('diagnose: an unknown app fails the app check with a hint', async () => {
    const local = await serverPilotHarness({}, { appId: 'no-such-app' });
    try {
      const checks = await local.provider.diagnose();
      assert.deepEqual(checks.map((c) => [c.name, c.ok]), [['credentials', true], ['app', false]]);
      assert.match(checks[1]?.hint ?? '', /WU_SERVER_PILOT_APP_ID/);
    } finally {
      await local.close();
    }
  });

  test('diagnose: a custom certificate is reported as a problem', async () => {
    const local = await serverPilotHarness({ domains: ['example.com'] });
    try {
      local.fake.installCustomCertificate();
      const autossl = (await local.provider.diagnose()).find((c) => c.name === 'autossl');
      assert.equal(autossl?.ok, false);
      assert.match(autossl?.detail ?? '', /custom certificate/);
    } finally {
      await local.close();
    }
  });
});

function pick(certificate: { custom: boolean; automatic: boolean; available: boolean } | undefined): object | undefined {
  return certificate && { custom: certificate.custom, automatic: certificate.automatic, available: certificate.available };
}

describe('serverpilot simulator', () => {
  let sim: ServerPilotSimulator;
  before(async () => {
    sim = await startServerPilotSimulator({ appId: 'app1', clientId: 'cid1', apiKey: 'key1', domains: ['example.com'] });
  });
  after(() => sim.close());

  test('listens on loopback and serves the API under /v1', () => {
    assert.match(sim.apiUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  test('refuses wrong credentials with 401 and the documented error body', async () => {
    const refused = await callSimulator(sim, 'GET', '/apps/app1', undefined, 'cid1:wrong');
    assert.equal(refused.status, 401);
    assert.equal(typeof refused.body.error.message, 'string');
  });

  test('answers GET /apps/:id with the documented fields, and 404 for another app', async () => {
    sim.seed([{ name: 'example.com' }]);
    const app = await callSimulator(sim, 'GET', '/apps/app1');
    assert.equal(app.status, 200);
    assert.deepEqual(Object.keys(app.body.data).sort(), ['autossl', 'domains', 'id', 'name', 'runtime', 'serverid', 'ssl', 'sysuserid']);
    assert.deepEqual(app.body.data.autossl, { available: true, domains: ['example.com'] });
    assert.equal(app.body.data.ssl, null);
    assert.equal((await callSimulator(sim, 'GET', '/apps/other')).status, 404);
    assert.equal((await callSimulator(sim, 'GET', '/actions/none')).status, 404);
  });

  test('POST /apps/:id refuses anything but an array of valid names', async () => {
    sim.seed([{ name: 'example.com' }]);
    const object = await callSimulator(sim, 'POST', '/apps/app1', { domains: { 0: 'a.example.com' } });
    assert.equal(object.status, 400);
    assert.match(object.body.error.message, /must be an array/);
    assert.equal((await callSimulator(sim, 'POST', '/apps/app1', { domains: ['not a name'] })).status, 400);
    assert.equal((await callSimulator(sim, 'POST', '/apps/app1', { domains: [42] })).status, 400);
    assert.deepEqual(sim.hostnames(), ['example.com']);
  });

  test('AutoSSL: refused while unavailable or with a custom certificate; force needs SSL; DELETE disables', async () => {
    sim.seed([{ name: 'example.com' }]);
    const requested: string[][] = [];
    sim.onCertificatesRequested = (names) => requested.push(names);
    assert.equal((await callSimulator(sim, 'POST', '/apps/app1/ssl', { force: true })).status, 409);
    sim.setAutoSslAvailable(false);
    assert.equal((await callSimulator(sim, 'POST', '/apps/app1/ssl', { auto: true })).status, 400);
    sim.setAutoSslAvailable(true);
    assert.equal((await callSimulator(sim, 'POST', '/apps/app1/ssl', { auto: true })).body.data.auto, true);
    assert.equal((await callSimulator(sim, 'POST', '/apps/app1/ssl', { force: true })).body.data.force, true);
    assert.deepEqual(requested, [['example.com']]);
    assert.equal((await callSimulator(sim, 'DELETE', '/apps/app1/ssl')).status, 200);
    assert.equal(sim.autoSslEnabled, false);
    sim.installCustomCertificate();
    assert.equal((await callSimulator(sim, 'POST', '/apps/app1/ssl', { auto: true })).status, 409);
  });

  test('with AutoSSL on, a changed list asks for certificates again; changes carry an actionid when configured', async () => {
    const local = await startServerPilotSimulator({ appId: 'app3', clientId: 'cid1', apiKey: 'key1', domains: ['example.com'], actionDelayPolls: 0 });
    try {
      const requested: string[][] = [];
      local.onCertificatesRequested = (names) => requested.push(names);
      await callSimulator(local, 'POST', '/apps/app3/ssl', { auto: true });
      const changed = await callSimulator(local, 'POST', '/apps/app3', { domains: ['example.com', 'new.example.com'] });
      assert.equal(typeof changed.body.actionid, 'string');
      assert.deepEqual(changed.body.data.domains, ['example.com', 'new.example.com']);
      assert.deepEqual(requested, [['example.com'], ['example.com', 'new.example.com']]);
      assert.equal((await callSimulator(local, 'GET', `/actions/${changed.body.actionid}`)).body.data.status, 'success');
    } finally {
      await local.close();
    }
  });
});

/** One raw request to a simulator, with Basic credentials `client:key`. */
async function callSimulator(
  simulator: ServerPilotSimulator,
  method: string,
  path: string,
  body?: unknown,
  credentials = `${simulator.clientId}:${simulator.apiKey}`,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${simulator.apiUrl}${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}
