import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HostApiError } from '../../src/errors.js';
import { createRunCloudProvider, runCloudGuesses, type RunCloudApiVersion } from '../../src/hosts/runcloud.js';
import { createHttpClient } from '../../src/http/client.js';
import type { HttpAuth } from '../../src/http/http-client.js';
import {
  startRunCloudSimulator,
  type RunCloudSimulator,
  type RunCloudSimulatorOptions,
} from '../../src/simulators/runcloud.js';
import { RecordingClock } from '../http/recording-clock.js';
import { runProviderContract } from './provider-contract.js';

interface RunCloudHarness {
  fake: RunCloudSimulator;
  provider: ReturnType<typeof createRunCloudProvider>;
  clock: RecordingClock;
  /** Another provider on the same app, with its own client: it has listed nothing yet. */
  freshProvider: () => ReturnType<typeof createRunCloudProvider>;
}

async function startHarness(
  options: { apiVersion?: RunCloudApiVersion; simulator?: RunCloudSimulatorOptions; auth?: HttpAuth; credentialHint?: string } = {},
): Promise<RunCloudHarness> {
  const apiVersion = options.apiVersion ?? 'v3';
  const clock = new RecordingClock();
  const fake = await startRunCloudSimulator({ primaryDomain: null, clock, apiVersion, ...options.simulator });
  const auth: HttpAuth =
    options.auth ??
    (apiVersion === 'v3'
      ? { kind: 'bearer', token: fake.token }
      : { kind: 'basic', username: fake.apiKey, password: fake.apiSecret });
  const connect = (): ReturnType<typeof createRunCloudProvider> =>
    createRunCloudProvider({
      http: createHttpClient({
        hostId: 'eu',
        provider: 'runcloud',
        baseUrl: fake.apiUrl,
        auth,
        secrets: [],
        clock,
        env: {},
        retry: { random: () => 0.5 },
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      }),
      serverId: fake.serverId,
      appId: fake.appId,
      apiVersion,
      hostId: 'eu',
      ...(options.credentialHint === undefined ? {} : { credentialHint: options.credentialHint }),
    });
  return { fake, provider: connect(), clock, freshProvider: connect };
}

for (const apiVersion of ['v3', 'v2'] as const) {
  runProviderContract(`runcloud ${apiVersion}`, async () => {
    const { fake, provider } = await startHarness({ apiVersion, simulator: { ssl: { id: 1, method: 'letsencrypt' } } });
    return {
      fake,
      provider,
      close: () => fake.close(),
      credentialVariables: apiVersion === 'v3' ? ['WU_RUNCLOUD_API_TOKEN'] : ['WU_RUNCLOUD_API_KEY', 'WU_RUNCLOUD_API_SECRET'],
    };
  });
}

function numberedDomains(count: number): { name: string }[] {
  return Array.from({ length: count }, (_, index) => ({ name: `d${index + 1}.example.com` }));
}

function domainListRequests(fake: RunCloudSimulator): { page: string | undefined; perPage: string | undefined }[] {
  return fake
    .requestsTo('GET', /\/domains$/)
    .map((r) => ({ page: r.query['page'], perPage: r.query[runCloudGuesses.pageSizeParameter] }));
}

describe('runcloud provider: lists', () => {
  let h: RunCloudHarness;
  before(async () => {
    h = await startHarness({ simulator: { maxPerPage: 20 } });
  });
  after(() => h.fake.close());

  test('reads all three pages of 45 domains when the API keeps 20 per page, and finds the last one', async () => {
    h.fake.seed(numberedDomains(45));
    const snapshot = await h.provider.list();
    assert.equal(snapshot.domains.length, 45);
    assert.ok(snapshot.domains.some((d) => d.name === 'd45.example.com'));
    assert.deepEqual(
      domainListRequests(h.fake).map((r) => r.page),
      ['1', '2', '3'],
    );
  });

  test('maps ids to strings, the www flag to a boolean, and the primary domain to a system domain', async () => {
    h.fake.seed([
      { name: 'app.runcloud.link', type: 'primary' },
      { name: 'example.com', www: true },
    ]);
    const { domains } = await h.provider.list();
    const [primary, alias] = [domains[0], domains[1]];
    assert.equal(primary?.system, 'primary');
    assert.equal(typeof primary?.id, 'string');
    assert.deepEqual(
      { name: alias?.name, www: alias?.www, wildcard: alias?.wildcard, system: alias?.system },
      { name: 'example.com', www: true, wildcard: false, system: undefined },
    );
    assert.equal(alias?.id, String(h.fake.domainRecords()[1]?.id));
  });

  test('a list that changes between its pages is read again', async () => {
    h.fake.seed(numberedDomains(30));
    let listCalls = 0;
    h.fake.inject({
      method: 'GET',
      path: /\/domains$/,
      times: 2,
      fault: {
        kind: 'before',
        run: () => {
          listCalls += 1;
          if (listCalls === 2) h.fake.seed([...h.fake.domains(), { name: 'late.example.com' }]);
        },
      },
    });
    const sent = h.fake.requests.length;
    const snapshot = await h.provider.list();
    assert.equal(snapshot.domains.length, 31);
    assert.ok(snapshot.domains.some((d) => d.name === 'late.example.com'));
    assert.equal(h.fake.requests.length - sent, 4, 'two pages, twice');
  });
});

test('runcloud provider: asks for the largest page size, so 45 domains take two calls', async () => {
  const h = await startHarness();
  try {
    h.fake.seed(numberedDomains(45));
    assert.equal((await h.provider.list()).domains.length, 45);
    assert.deepEqual(domainListRequests(h.fake), [
      { page: '1', perPage: String(runCloudGuesses.maxPageSize) },
      { page: '2', perPage: String(runCloudGuesses.maxPageSize) },
    ]);
  } finally {
    await h.fake.close();
  }
});

describe('runcloud provider: authentication per API version', () => {
  test('v3 sends a Bearer token under /api/v3', async () => {
    const h = await startHarness({ apiVersion: 'v3' });
    try {
      await h.provider.list();
      const request = h.fake.requests[0];
      assert.ok(request?.path.startsWith('/api/v3/'));
      assert.equal(request?.headers['authorization'], `Bearer ${h.fake.token}`);
      assert.match(request?.headers['accept'] ?? '', /application\/json/);
    } finally {
      await h.fake.close();
    }
  });

  test('v2 sends HTTP Basic key:secret under /api/v2', async () => {
    const h = await startHarness({ apiVersion: 'v2' });
    try {
      await h.provider.list();
      const request = h.fake.requests[0];
      assert.ok(request?.path.startsWith('/api/v2/'));
      const basic = /^Basic (\S+)$/.exec(request?.headers['authorization'] ?? '');
      assert.ok(basic, 'an HTTP Basic header');
      assert.equal(Buffer.from(basic[1]!, 'base64').toString('utf8'), `${h.fake.apiKey}:${h.fake.apiSecret}`);
    } finally {
      await h.fake.close();
    }
  });

  test('a v3 token on the v2 API is refused as a credentials error', async () => {
    const h = await startHarness({ apiVersion: 'v2', auth: { kind: 'bearer', token: 'simulator-runcloud-token' } });
    try {
      await assert.rejects(h.provider.list(), (error) => error instanceof HostApiError && error.kind === 'credentials');
    } finally {
      await h.fake.close();
    }
  });
});

describe('runcloud provider: writes', () => {
  let h: RunCloudHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.fake.close());

  test('adds an alias with the www flag, redirection none', async () => {
    h.fake.seed([]);
    await h.provider.addDomain({ name: 'example.com', www: true, wildcard: false });
    const post = h.fake.requestsTo('POST').at(-1);
    assert.deepEqual(post?.body, { name: 'example.com', www: true, redirection: 'none', type: 'alias' });
    assert.deepEqual(h.fake.hostnames(), ['example.com', 'www.example.com']);
  });

  test('PATCH meta sends the type and redirection the panel has, with the new www flag', async () => {
    h.fake.seed([{ name: 'example.com', type: 'redirect', redirection: 'www' }]);
    const listed = (await h.provider.list()).domains[0];
    assert.ok(listed);
    const sentBefore = h.fake.requests.length;
    await h.provider.setWww(listed, true);
    assert.deepEqual(h.fake.requests.slice(sentBefore).map((r) => r.method), ['PATCH'], 'no second list');
    const patch = h.fake.requestsTo('PATCH').at(-1);
    assert.equal(patch?.path, `/api/v3/servers/1234/webapps/5678/domains/${listed.id}/meta`);
    assert.deepEqual(patch?.body, { type: 'redirect', redirection: 'www', www: true });
    const record = h.fake.domainRecords()[0];
    assert.deepEqual({ type: record?.type, redirection: record?.redirection, www: record?.www }, { type: 'redirect', redirection: 'www', www: true });
  });

  test('a provider that has not listed the domain yet reads it once to learn its type and redirection', async () => {
    h.fake.seed([{ name: 'example.com', www: true, redirection: 'non-www' }]);
    const listed = (await h.provider.list()).domains[0];
    assert.ok(listed);
    const other = h.freshProvider();
    const before = h.fake.requests.length;
    await other.setWww(listed, false);
    const sent = h.fake.requests.slice(before).map((r) => r.method);
    assert.deepEqual(sent, ['GET', 'PATCH']);
    assert.deepEqual(h.fake.requestsTo('PATCH').at(-1)?.body, { type: 'alias', redirection: 'non-www', www: false });
  });

  test('a 422 is an error carrying the API message, never a success', async () => {
    h.fake.seed([]);
    h.fake.addOtherAppDomain('taken.example.com');
    await assert.rejects(h.provider.addDomain({ name: 'taken.example.com', www: false, wildcard: false }), (error) => {
      assert.ok(error instanceof HostApiError);
      assert.equal(error.kind, 'rejected');
      assert.equal(error.status, 422);
      assert.match(error.apiMessage ?? '', /The name has already been taken\./);
      assert.match(error.message, /The name has already been taken\./);
      return true;
    });
    await assert.rejects(h.provider.addDomain({ name: 'not a name', www: false, wildcard: false }), (error) => {
      assert.ok(error instanceof HostApiError);
      assert.equal(error.status, 422);
      assert.match(error.message, /The name format is invalid\./);
      return true;
    });
    assert.deepEqual(h.fake.hostnames(), []);
  });

  test('adding a name already on the web app brings its www flag in line instead of failing', async () => {
    h.fake.seed([{ name: 'example.com', www: false }]);
    await h.provider.addDomain({ name: 'example.com', www: true, wildcard: false });
    assert.deepEqual(h.fake.hostnames(), ['example.com', 'www.example.com']);
  });

  test('a write answered 429 is sent again after Retry-After and lands exactly once', async () => {
    h.fake.seed([]);
    h.fake.inject({ method: 'POST', fault: { kind: 'respond', response: { status: 429, headers: { 'Retry-After': '4' }, body: { message: 'Too Many Attempts.' } } } });
    const before = h.fake.requestsTo('POST').length;
    await h.provider.addDomain({ name: 'example.com', www: false, wildcard: false });
    assert.equal(h.fake.requestsTo('POST').length - before, 2);
    assert.ok(h.clock.sleeps.includes(4000), `followed Retry-After: ${h.clock.sleeps.join(', ')}`);
    assert.deepEqual(h.fake.hostnames(), ['example.com']);
  });

  test('a write answered 429 on every attempt is a rate-limited error carrying the API message', async () => {
    h.fake.seed([]);
    const tooMany = { status: 429, headers: { 'Retry-After': '1' }, body: { message: 'Too Many Attempts.' } };
    h.fake.inject({ method: 'POST', fault: { kind: 'respond', response: tooMany }, times: 4 });
    await assert.rejects(h.provider.addDomain({ name: 'example.com', www: false, wildcard: false }), (error) => {
      assert.ok(error instanceof HostApiError);
      assert.equal(error.kind, 'rate-limited');
      assert.match(error.message, /Too Many Attempts\./);
      return true;
    });
    assert.deepEqual(h.fake.hostnames(), []);
  });

  test('never deletes the primary domain', async () => {
    h.fake.seed([{ name: 'app.runcloud.link', type: 'primary' }]);
    const primary = (await h.provider.list()).domains[0];
    assert.ok(primary);
    await assert.rejects(h.provider.removeDomain(primary), (error) => error instanceof HostApiError && error.kind === 'rejected');
    assert.equal(h.fake.requestsTo('DELETE').length, 0);
    assert.deepEqual(h.fake.hostnames(), ['app.runcloud.link']);
  });
});

describe('runcloud provider: rate limits', () => {
  test('the client waits for a fresh window when the headers say the budget is spent, instead of hitting 429', async () => {
    const h = await startHarness({ simulator: { maxPerPage: 20, rateLimit: { limit: 3, windowMs: 60_000 } } });
    try {
      h.fake.seed(numberedDomains(45));
      const snapshot = await h.provider.list();
      assert.equal(snapshot.domains.length, 45);
      assert.equal(h.fake.rateLimitedAnswers, 0, 'no request was answered 429');
      assert.ok(h.clock.sleeps.some((ms) => ms >= 30_000), `waited for the window: ${h.clock.sleeps.join(', ')}`);
    } finally {
      await h.fake.close();
    }
  });

  test('a read answered 429 with Retry-After is repeated after that wait', async () => {
    const h = await startHarness({ simulator: { rateLimit: { limit: 60, remaining: 0, windowMs: 30_000 } } });
    try {
      h.fake.seed([{ name: 'example.com' }]);
      const snapshot = await h.provider.list();
      assert.deepEqual(snapshot.domains.map((d) => d.name), ['example.com']);
      assert.equal(h.fake.rateLimitedAnswers, 1);
      assert.ok(h.clock.sleeps.includes(30_000), `followed Retry-After: ${h.clock.sleeps.join(', ')}`);
    } finally {
      await h.fake.close();
    }
  });
});

describe('runcloud provider: certificates', () => {
  let h: RunCloudHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.fake.close());

  test("reads the Let's Encrypt SSL id, then redeploys it once with a PUT and nothing else", async () => {
    h.fake.seed([{ name: 'example.com', www: true }]);
    const ssl = h.fake.installSsl('letsencrypt');
    const asked: string[][] = [];
    h.fake.onCertificatesRequested = (names) => asked.push(names);
    const snapshot = await h.provider.list();
    const setup = await h.provider.readCertificateSetup(snapshot);
    assert.deepEqual(setup, { canIssue: true, certificateId: String(ssl.id) });
    assert.ok(setup.canIssue);
    const since = h.fake.requests.length;
    const outcome = await h.provider.requestCertificates(snapshot, setup);
    assert.equal(outcome.state, 'requested');
    assert.equal(outcome.warning, undefined);
    assert.equal(h.fake.redeploys, 1);
    assert.deepEqual(h.fake.requests.slice(since).map((r) => `${r.method} ${r.path}`), [`PUT /api/v3/servers/1234/webapps/5678/ssl/${ssl.id}`]);
    assert.deepEqual(asked, [['example.com', 'www.example.com']]);
    h.fake.onCertificatesRequested = undefined;
  });

  for (const fault of [
    { kind: 'lose-answer' as const, title: 'an answer lost after the redeploy ran' },
    { kind: 'respond' as const, response: { status: 503, body: { message: 'Service Unavailable' } }, title: 'a 503' },
    { kind: 'respond' as const, response: { status: 500, body: { message: 'Server Error' } }, title: 'a 500' },
  ]) {
    test(`the redeploy is never repeated: ${fault.title} is taken as a request made, with a warning`, async () => {
      const ssl = h.fake.installSsl('letsencrypt');
      const { title, ...injected } = fault;
      h.fake.inject({ method: 'PUT', path: '/ssl/', fault: injected });
      const puts = h.fake.requestsTo('PUT').length;
      const outcome = await h.provider.requestCertificates({ domains: [] }, { canIssue: true, certificateId: String(ssl.id) });
      assert.equal(h.fake.requestsTo('PUT').length - puts, 1, `${title}: sent once`);
      assert.equal(outcome.state, 'requested');
      assert.match(outcome.warning ?? '', /answer to the Let's Encrypt redeploy of RunCloud web app 5678 was lost.*not sent again.*SSL probe/);
    });
  }

  test('a redeploy refused with a 4xx is an error, not a request made', async () => {
    const ssl = h.fake.installSsl('letsencrypt');
    h.fake.inject({ method: 'PUT', path: '/ssl/', fault: { kind: 'respond', response: { status: 422, body: { message: 'Invalid.' } } } });
    await assert.rejects(h.provider.requestCertificates({ domains: [] }, { canIssue: true, certificateId: String(ssl.id) }), /422/);
  });

  test('a custom certificate cannot be reissued, and nothing is redeployed', async () => {
    h.fake.installSsl('custom');
    const before = h.fake.requestsTo('PUT').length;
    const setup = await h.provider.readCertificateSetup({ domains: [] });
    assert.equal(setup.canIssue, false);
    assert.match(setup.canIssue ? '' : setup.reason, /custom certificate/);
    const outcome = await h.provider.requestCertificates({ domains: [] }, { canIssue: true });
    assert.equal(outcome.state, 'cannot-issue', 'a request without the SSL id reads the setup itself');
    assert.equal(h.fake.requestsTo('PUT').length, before);
  });

  test('no SSL installed cannot be issued by a redeploy, and says what to do (200 or 404 answer)', async () => {
    h.fake.removeSsl();
    const setup = await h.provider.readCertificateSetup({ domains: [] });
    assert.match(setup.canIssue ? '' : setup.reason, /install Let's Encrypt/);
    h.fake.inject({ method: 'GET', path: '/ssl', fault: { kind: 'respond', response: { status: 404, body: { message: 'SSL not installed!' } } } });
    assert.equal((await h.provider.readCertificateSetup({ domains: [] })).canIssue, false);
  });
});

describe('runcloud provider: diagnosis', () => {
  test('a /ping that echoes the token does not show it', async () => {
    const h = await startHarness({ simulator: { ssl: { id: 7, method: 'letsencrypt' } } });
    try {
      h.fake.inject({ method: 'GET', path: /\/ping$/, fault: { kind: 'respond', response: { status: 200, body: { message: `hello ${h.fake.token}` } } } });
      const credentials = (await h.provider.diagnose()).find((c) => c.name === 'credentials');
      assert.equal(credentials?.ok, false);
      assert.ok(!credentials?.detail.includes(h.fake.token), credentials?.detail);
    } finally {
      await h.fake.close();
    }
  });

  test('reports the API version, the app, its certificate and the rate-limit headroom', async () => {
    const h = await startHarness({ apiVersion: 'v2', simulator: { ssl: { id: 7, method: 'letsencrypt' } } });
    try {
      h.fake.seed(numberedDomains(3));
      const checks = await h.provider.diagnose();
      assert.deepEqual(checks.map((c) => [c.name, c.ok]), [
        ['api-version', true],
        ['credentials', true],
        ['app', true],
        ['certificate', true],
        ['rate-limit', true],
      ]);
      assert.match(checks[0]?.hint ?? '', /WU_RUNCLOUD_API_TOKEN/);
      assert.match(checks[2]?.detail ?? '', /3 domains/);
      assert.match(checks[3]?.detail ?? '', /Let's Encrypt is installed/);
      assert.match(checks[4]?.detail ?? '', /\d+ of 60 requests left/);
      assert.deepEqual(h.fake.requests.map((r) => r.path.replace(/^\/api\/v2/, '')), [
        '/ping',
        '/servers/1234/webapps/5678/domains',
        '/servers/1234/webapps/5678/ssl',
      ]);
    } finally {
      await h.fake.close();
    }
  });

  for (const ssl of [null, { id: 8, method: 'custom' }] as const) {
    test(`a web app that cannot get certificates (${ssl === null ? 'no SSL installed' : 'a custom certificate'}) fails doctor with apply's reason`, async () => {
      const h = await startHarness({ simulator: { ssl } });
      try {
        const setup = await h.provider.readCertificateSetup({ domains: [] });
        assert.equal(setup.canIssue, false);
        const certificate = (await h.provider.diagnose()).find((c) => c.name === 'certificate');
        assert.deepEqual(certificate, { name: 'certificate', ok: false, detail: setup.canIssue ? '' : setup.reason });
      } finally {
        await h.fake.close();
      }
    });
  }

  test('a refused token explains the API IP allow-list and names the configured variables', async () => {
    const h = await startHarness({ auth: { kind: 'bearer', token: 'wrong' }, credentialHint: 'RUNCLOUD_EU_TOKEN' });
    try {
      const checks = await h.provider.diagnose();
      const credentials = checks.find((c) => c.name === 'credentials');
      assert.equal(credentials?.ok, false);
      assert.match(credentials?.hint ?? '', /allow-list/);
      assert.match(credentials?.hint ?? '', /RUNCLOUD_EU_TOKEN/);
      assert.ok(!checks.some((c) => c.name === 'app'), 'no app check after refused credentials');
    } finally {
      await h.fake.close();
    }
  });

  test('an unknown web app is reported with the variables holding the ids', async () => {
    const h = await startHarness();
    try {
      const provider = createRunCloudProvider({
        http: createHttpClient({
          hostId: 'eu',
          provider: 'runcloud',
          baseUrl: h.fake.apiUrl,
          auth: { kind: 'bearer', token: h.fake.token },
          secrets: [],
          clock: h.clock,
          env: {},
        }),
        serverId: h.fake.serverId,
        appId: '9999',
        apiVersion: 'v3',
      });
      const app = (await provider.diagnose()).find((c) => c.name === 'app');
      assert.equal(app?.ok, false);
      assert.match(app?.hint ?? '', /WU_RUNCLOUD_APP_ID/);
    } finally {
      await h.fake.close();
    }
  });
});
