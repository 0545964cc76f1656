import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HostApiError } from '../../src/errors.js';
import { createClosteProvider } from '../../src/hosts/closte.js';
import { createHttpClient } from '../../src/http/client.js';
import { startClosteSimulator, type ClosteSimulator, type ClosteSimulatorOptions } from '../../src/simulators/closte.js';
import { RecordingClock } from '../http/recording-clock.js';
import { runProviderContract } from './provider-contract.js';

const siteKey = 'ck_live_5f1e7c2a9b';

interface ClosteHarness {
  fake: ClosteSimulator;
  provider: ReturnType<typeof createClosteProvider>;
}

async function startHarness(options: { simulator?: ClosteSimulatorOptions; apiKey?: string } = {}): Promise<ClosteHarness> {
  const fake = await startClosteSimulator({ apiKey: siteKey, ...options.simulator });
  const apiKey = options.apiKey ?? siteKey;
  const http = createHttpClient({
    hostId: 'edge',
    provider: 'closte',
    baseUrl: fake.apiUrl,
    auth: { kind: 'none' },
    secrets: [apiKey],
    clock: new RecordingClock(),
    env: {},
    retry: { random: () => 0.5 },
  });
  return { fake, provider: createClosteProvider({ http, apiKey, hostId: 'edge' }) };
}

runProviderContract('closte', async () => {
  const { fake, provider } = await startHarness();
  return { fake, provider, close: () => fake.close(), credentialVariables: ['CLOSTE_CLIENT_API_KEY'] };
});

function rejection(kind: HostApiError['kind'], apiMessage: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof HostApiError, `expected a HostApiError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    assert.match(error.apiMessage ?? '', apiMessage);
    assert.match(error.message, apiMessage);
    return true;
  };
}

describe('closte provider', () => {
  let h: ClosteHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.fake.close());

  test('an alias the panel spells otherwise (upper case, Unicode) is listed normalised and deleted in its own spelling', async () => {
    h.fake.seed([{ name: 'keep.example.org' }, { name: 'Old.Example.org' }, { name: 'bücher.de' }]);
    const listed = (await h.provider.list()).domains;
    assert.deepEqual(listed.map((d) => d.name), ['keep.example.org', 'old.example.org', 'xn--bcher-kva.de']);

    for (const domain of listed.slice(1)) await h.provider.removeDomain(domain);

    const deletes = h.fake.requestsTo('POST', '/api/client/deletedomainalias').slice(-2);
    assert.deepEqual(deletes.map((r) => (r.body as Record<string, string>)['domain']), ['Old.Example.org', 'bücher.de']);
    assert.deepEqual(h.fake.hostnames(), ['keep.example.org']);
  });

  test('success:false answered with HTTP 200 is an error carrying its message', async () => {
    h.fake.seed([]);
    await assert.rejects(
      h.provider.addDomain({ name: 'bad_name.example.com', www: false, wildcard: false }),
      rejection('rejected', /Invalid or empty domain: bad_name\.example\.com/),
    );
    assert.deepEqual(h.fake.hostnames(), []);
  });

  test('adds form-encoded with the key; a wildcard alias sends wildcard=1, any other an empty wildcard', async () => {
    h.fake.seed([]);
    await h.provider.addDomain({ name: '*.sites.example.org', www: false, wildcard: true });
    await h.provider.addDomain({ name: 'example.org', www: false, wildcard: false });
    const posts = h.fake.requestsTo('POST', '/api/client/adddomainalias').slice(-2);
    assert.deepEqual(posts.map((r) => r.body), [
      { apikey: siteKey, domain: '*.sites.example.org', wildcard: '1' },
      { apikey: siteKey, domain: 'example.org', wildcard: '' },
    ]);
    assert.match(posts[0]?.headers['content-type'] ?? '', /application\/x-www-form-urlencoded/);
    const listed = (await h.provider.list()).domains;
    assert.deepEqual(listed.map((d) => [d.name, d.wildcard]), [
      ['*.sites.example.org', true],
      ['example.org', false],
    ]);
  });

  test('reads getdomains elements given as strings, {domain} objects and {name} objects', async () => {
    h.fake.seed([{ name: 'Example.org.' }, { name: 'www.example.org' }, { name: '*.sites.example.org' }]);
    for (const format of ['string', 'domain-object', 'name-object', 'mixed'] as const) {
      h.fake.listFormat = format;
      const names = (await h.provider.list()).domains.map((d) => d.name);
      assert.deepEqual(names, ['example.org', 'www.example.org', '*.sites.example.org'], format);
    }
    h.fake.listFormat = 'string';
  });

  test('an element that is neither a name nor an object naming one is an invalid response', async () => {
    h.fake.inject({ method: 'GET', fault: { kind: 'respond', response: { status: 200, body: { success: true, domains: [{ id: 7 }] } } } });
    await assert.rejects(h.provider.list(), (error) => error instanceof HostApiError && error.kind === 'invalid-response');
  });

  test('a "domain in use elsewhere" refusal of an add stays an error after the list shows it did not land', async () => {
    h.fake.seed([]);
    const refusal = { success: false, error: 'Domain already in use by another site' };
    h.fake.inject({ method: 'POST', fault: { kind: 'respond', response: { status: 200, body: refusal } } });
    await assert.rejects(
      h.provider.addDomain({ name: 'example.org', www: false, wildcard: false }),
      rejection('rejected', /already in use by another site/),
    );
  });

  test('adding an alias asks Closte for its certificate; requestCertificates reports that it is automatic', async () => {
    h.fake.seed([]);
    const asked: string[][] = [];
    h.fake.onCertificatesRequested = (names) => asked.push(names);
    await h.provider.addDomain({ name: 'example.org', www: false, wildcard: false });
    assert.deepEqual(asked, [['example.org']]);
    const outcome = await h.provider.requestCertificates({ domains: [] }, { canIssue: true });
    assert.equal(outcome.state, 'automatic');
    h.fake.onCertificatesRequested = undefined;
  });

  test('the diagnosis confirms the key with a read only, and counts the domains', async () => {
    h.fake.seed([{ name: 'example.org' }, { name: 'www.example.org' }]);
    const before = h.fake.requests.length;
    const checks = await h.provider.diagnose();
    assert.deepEqual(checks.map((c) => [c.name, c.ok]), [
      ['credentials', true],
      ['site', true],
    ]);
    assert.match(checks[1]?.detail ?? '', /2 domains/);
    assert.deepEqual(h.fake.requests.slice(before).map((r) => `${r.method} ${r.path}`), ['GET /api/client/getdomains']);
  });
});

describe('closte provider: a refused key', () => {
  test('answered 200 with success false is a credentials error, and the diagnosis names the variable', async () => {
    const h = await startHarness({ apiKey: 'ck_live_wrong_key_0000' });
    try {
      await assert.rejects(h.provider.list(), rejection('credentials', /Invalid API key/));
      const checks = await h.provider.diagnose();
      assert.equal(checks[0]?.ok, false);
      assert.match(checks[0]?.hint ?? '', /CLOSTE_CLIENT_API_KEY/);
    } finally {
      await h.fake.close();
    }
  });

  test('the answer to a bad key is configurable', async () => {
    const h = await startHarness({
      apiKey: 'ck_live_wrong_key_0000',
      simulator: { badKeyAnswer: { status: 403, body: { success: false, error: 'Forbidden' } } },
    });
    try {
      await assert.rejects(h.provider.list(), (error) => error instanceof HostApiError && error.kind === 'credentials');
    } finally {
      await h.fake.close();
    }
  });
});

describe('closte provider: the API key never shows', () => {
  let h: ClosteHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.fake.close());

  function assertKeyHidden(error: unknown): true {
    assert.ok(error instanceof HostApiError, `expected a HostApiError, got ${String(error)}`);
    const texts = [error.message, error.url, error.apiMessage ?? '', String(error.stack)];
    for (const text of texts) assert.ok(!text.includes(siteKey), `the key shows in: ${text}`);
    return true;
  }

  test('not in an error about a GET, whose URL carries the key', async () => {
    const echo = { status: 500, body: { success: false, error: `unknown site for apikey=${siteKey}` } };
    h.fake.inject({ method: 'GET', fault: { kind: 'respond', response: echo }, times: 10 });
    await assert.rejects(h.provider.list(), assertKeyHidden);
    assert.ok(h.fake.requests.some((r) => r.query['apikey'] === siteKey), 'the key was sent in the query');
  });

  test('not in a success:false envelope that echoes it', async () => {
    const echo = { status: 200, body: { success: false, error: `Invalid or empty domain for key ${siteKey}` } };
    h.fake.inject({ method: 'POST', fault: { kind: 'respond', response: echo } });
    await assert.rejects(h.provider.addDomain({ name: 'example.org', www: false, wildcard: false }), assertKeyHidden);
  });

  test('not URL-encoded, in an envelope that repeats the request', async () => {
    const key = 'ck/live+key=6666';
    const keyed = await startHarness({ simulator: { apiKey: key }, apiKey: key });
    try {
      const echo = { status: 200, body: { success: false, error: `Unknown site for apikey=${encodeURIComponent(key)}` } };
      keyed.fake.inject({ method: 'GET', fault: { kind: 'respond', response: echo } });
      await assert.rejects(keyed.provider.list(), (error: unknown) => {
        assert.ok(error instanceof HostApiError);
        for (const text of [error.message, error.apiMessage ?? '']) {
          assert.ok(!text.includes(encodeURIComponent(key)) && !text.includes(key), text);
        }
        return true;
      });
    } finally {
      await keyed.fake.close();
    }
  });

  test('not in an invalid-response error', async () => {
    h.fake.inject({ method: 'GET', fault: { kind: 'respond', response: { status: 200, body: `maintenance ${siteKey}` } } });
    await assert.rejects(h.provider.list(), assertKeyHidden);
  });

  test('not in an error about a write whose answer was lost', async () => {
    h.fake.inject({ method: 'POST', fault: { kind: 'lose-answer' } });
    await assert.rejects(h.provider.removeDomain({ name: 'example.org', www: false, wildcard: false }), assertKeyHidden);
  });
});
