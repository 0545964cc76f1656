import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient, type HttpClientOptions } from '../../src/http/client.js';
import { HostApiError, type HostApiErrorKind } from '../../src/errors.js';
import { RateLimiter } from '../../src/http/rate-limiter.js';
import { userAgent } from '../../src/http/user-agent.js';
import { RecordingClock } from './recording-clock.js';
import { closedPort, startScriptedServer, type ScriptedServer } from './scripted-server.js';

const servers: ScriptedServer[] = [];
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function server(...args: Parameters<typeof startScriptedServer>): Promise<ScriptedServer> {
  const started = await startScriptedServer(...args);
  servers.push(started);
  return started;
}

function client(baseUrl: string, overrides: Partial<HttpClientOptions> = {}) {
  const clock = overrides.clock instanceof RecordingClock ? overrides.clock : new RecordingClock();
  const http = createHttpClient({
    hostId: 'production',
    provider: 'serverpilot',
    baseUrl,
    auth: { kind: 'none' },
    secrets: [],
    clock,
    env: {},
    retry: { random: () => 0.5, baseDelayMs: 1000 },
    ...overrides,
  });
  return { http, clock };
}

async function rejection(promise: Promise<unknown>): Promise<HostApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HostApiError, `expected a HostApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('the request succeeded');
}

function assertKind(error: HostApiError, kind: HostApiErrorKind): void {
  assert.equal(error.kind, kind, error.message);
}

describe('requests', () => {
  test('joins the base path, sends the query, the standard headers and Basic auth', async () => {
    const host = await server(() => ({ status: 200, body: { data: [{ id: 'abc' }] } }));
    const { http } = client(`${host.url}/v1`, { auth: { kind: 'basic', username: 'client-id', password: 'api-key-1' } });
    const response = await http.request({ method: 'GET', path: '/apps', query: { serverid: 's 1' } });
    assert.deepEqual(response.body, { data: [{ id: 'abc' }] });
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'application/json');
    const [sent] = host.requests;
    assert.equal(sent?.path, '/v1/apps');
    assert.deepEqual(sent?.query, { serverid: 's 1' });
    assert.equal(sent?.headers.authorization, `Basic ${Buffer.from('client-id:api-key-1').toString('base64')}`);
    assert.equal(sent?.headers.accept, 'application/json');
    assert.equal(sent?.headers['user-agent'], userAgent);
    assert.equal(http.calls, 1);
  });

  test('sends Bearer auth and extra headers', async () => {
    const host = await server();
    const { http } = client(`${host.url}/api/v3`, { auth: { kind: 'bearer', token: 'token-xyz' }, headers: { 'X-Extra': 'yes' } });
    await http.request({ method: 'GET', path: '/ping' });
    assert.equal(host.requests[0]?.headers.authorization, 'Bearer token-xyz');
    assert.equal(host.requests[0]?.headers['x-extra'], 'yes');
  });

  test('sends a JSON body', async () => {
    const host = await server();
    const { http } = client(host.url);
    await http.request({ method: 'POST', path: '/apps/abc', json: { domains: ['example.com', 'www.example.com'] } });
    const [sent] = host.requests;
    assert.equal(sent?.headers['content-type'], 'application/json');
    assert.deepEqual(sent?.body, { domains: ['example.com', 'www.example.com'] });
  });

  test('sends a form body', async () => {
    const host = await server(() => ({ status: 200, body: { success: true } }));
    const { http } = client(host.url);
    await http.request({ method: 'POST', path: '/adddomainalias', form: { domain: 'a.example.com', wildcard: '' } });
    const [sent] = host.requests;
    assert.equal(sent?.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(sent?.rawBody, 'domain=a.example.com&wildcard=');
  });

  test('hands over a text body as text and an empty one as undefined', async () => {
    const host = await server((request) =>
      request.path === '/text' ? { status: 200, body: 'pong' } : { status: 204 },
    );
    const { http } = client(host.url);
    assert.equal((await http.request({ method: 'GET', path: '/text' })).body, 'pong');
    assert.equal((await http.request({ method: 'DELETE', path: '/empty' })).body, undefined);
  });

  test('a 2xx body declared as JSON that is not JSON is an invalid response', async () => {
    const host = await server(() => ({ status: 200, body: '<html>login</html>', headers: { 'content-type': 'application/json' } }));
    const { http } = client(host.url);
    const error = await rejection(http.request({ method: 'GET', path: '/apps' }));
    assertKind(error, 'invalid-response');
    assert.equal(error.status, 200);
    assert.match(error.message, /^production: GET \/apps → 200 OK, but the body is not valid JSON/);
  });

  test('a redirect is an invalid response, not followed', async () => {
    const host = await server(() => ({ status: 301, headers: { location: 'https://elsewhere.example/apps' } }));
    const { http } = client(host.url);
    const error = await rejection(http.request({ method: 'GET', path: '/apps' }));
    assertKind(error, 'invalid-response');
    assert.match(error.message, /redirects to https:\/\/elsewhere\.example\/apps/);
    assert.equal(host.requests.length, 1);
  });
});

describe('retries', () => {
  test('retries a GET after 503s and succeeds, sleeping through the clock', async () => {
    const host = await server(() => ({ status: 200, body: { data: [] } }));
    host.inject({ fault: { kind: 'respond', response: { status: 503, body: { message: 'busy' } } }, times: 2 });
    const { http, clock } = client(host.url);
    const response = await http.request({ method: 'GET', path: '/apps' });
    assert.deepEqual(response.body, { data: [] });
    assert.equal(http.calls, 3);
    assert.equal(host.requests.length, 3);
    assert.deepEqual(clock.sleeps, [500, 1000], 'full jitter at 0.5 of 1 s, then of 2 s');
  });

  test('honours Retry-After in seconds and as an HTTP date', async () => {
    const clock = new RecordingClock(Date.UTC(2025, 0, 1, 12, 0, 0));
    const host = await server();
    host.inject({ fault: { kind: 'respond', response: { status: 429, headers: { 'retry-after': '7' } } } });
    host.inject({ fault: { kind: 'respond', response: { status: 503, headers: { 'retry-after': 'Wed, 01 Jan 2025 12:00:20 GMT' } } } });
    const { http } = client(host.url, { clock });
    await http.request({ method: 'GET', path: '/apps' });
    assert.deepEqual(clock.sleeps, [7000, 13_000], 'the date is 20 s after the start, 7 s of which passed already');
    assert.equal(http.calls, 3);
  });

  test('gives up after the attempt limit with the last status', async () => {
    const host = await server(() => ({ status: 502, body: { message: 'upstream down' } }));
    const { http, clock } = client(host.url, { retry: { maxAttempts: 3, random: () => 0.5, baseDelayMs: 1000 } });
    const error = await rejection(http.request({ method: 'GET', path: '/apps' }));
    assertKind(error, 'server');
    assert.equal(error.status, 502);
    assert.equal(http.calls, 3);
    assert.equal(clock.sleeps.length, 2);
    assert.equal(error.message, 'production: GET /apps → 502 Bad Gateway: upstream down');
  });

  test('retries a GET whose answer was lost', async () => {
    const host = await server(() => ({ status: 200, body: { data: [] } }));
    host.inject({ fault: { kind: 'lose-answer' } });
    const { http } = client(host.url);
    await http.request({ method: 'GET', path: '/apps' });
    assert.equal(http.calls, 2);
  });

  test('retries a POST marked idempotent', async () => {
    const host = await server();
    host.inject({ fault: { kind: 'respond', response: { status: 503 } } });
    const { http } = client(host.url);
    await http.request({ method: 'POST', path: '/apps/abc', json: { domains: [] }, idempotent: true });
    assert.equal(http.calls, 2);
  });

  test('repeats a write answered 429 after its Retry-After: the server turned it away unprocessed', async () => {
    for (const write of [
      { method: 'POST', path: '/apps/abc/domains', json: { name: 'a.example.com' } },
      { method: 'PATCH', path: '/apps/abc/domains/1/meta', json: { www: true } },
      { method: 'DELETE', path: '/apps/abc/domains/1', idempotent: false },
    ] as const) {
      let handled = 0;
      const host = await server(() => {
        handled += 1;
        return { status: 200, body: { id: 1 } };
      });
      host.inject({ fault: { kind: 'respond', response: { status: 429, headers: { 'retry-after': '3' }, body: { message: 'Too Many Attempts.' } } } });
      const { http, clock } = client(host.url);
      const response = await http.request(write);
      assert.deepEqual(response.body, { id: 1 }, write.method);
      assert.equal(http.calls, 2, write.method);
      assert.equal(handled, 1, `${write.method} was processed once`);
      assert.ok(clock.sleeps.includes(3000), `${write.method} waited for Retry-After: ${clock.sleeps.join(', ')}`);
    }
  });

  test('never retries a POST: a 503 leaves the outcome unknown', async () => {
    const host = await server();
    host.inject({ fault: { kind: 'respond', response: { status: 503, body: { message: 'maintenance' } } } });
    const { http, clock } = client(host.url);
    const error = await rejection(http.request({ method: 'POST', path: '/apps/abc/domains', json: { name: 'a.example.com' } }));
    assertKind(error, 'outcome-unknown');
    assert.equal(error.status, 503);
    assert.equal(http.calls, 1);
    assert.deepEqual(clock.sleeps, []);
    assert.match(error.message, /503 Service Unavailable: maintenance; the request may or may not have taken effect$/);
  });

  test('never retries a POST: a lost answer leaves the outcome unknown', async () => {
    let handled = 0;
    const host = await server(() => {
      handled += 1;
      return { status: 201, body: { id: 1 } };
    });
    host.inject({ fault: { kind: 'lose-answer' } });
    const { http } = client(host.url);
    const error = await rejection(http.request({ method: 'POST', path: '/apps/abc/domains', json: { name: 'a.example.com' } }));
    assertKind(error, 'outcome-unknown');
    assert.equal(handled, 1, 'the server acted on it');
    assert.equal(http.calls, 1);
    assert.equal(error.method, 'POST');
    assert.match(error.message, /^production: POST \/apps\/abc\/domains → no answer \(connection (reset|closed)\)/);
  });

  test('a POST to a closed port never reached the server: network', async () => {
    const port = await closedPort();
    const { http } = client(`http://127.0.0.1:${port}/v1`);
    const error = await rejection(http.request({ method: 'POST', path: '/apps', json: {} }));
    assertKind(error, 'network');
    assert.equal(http.calls, 1);
    assert.equal(error.message, 'production: POST /apps → no answer (connection refused)');
    assert.equal(error.url, `http://127.0.0.1:${port}/v1/apps`);
  });

  test('a GET to a closed port is retried, then fails as network', async () => {
    const port = await closedPort();
    const { http, clock } = client(`http://127.0.0.1:${port}`);
    const error = await rejection(http.request({ method: 'GET', path: '/apps' }));
    assertKind(error, 'network');
    assert.equal(http.calls, 4);
    assert.equal(clock.sleeps.length, 3);
  });
});

describe('errors', () => {
  test('maps 4xx statuses to kinds and carries the API message', async () => {
    const host = await server(() => ({ status: 409, body: { error: { message: 'Domain already in use' } } }));
    const { http } = client(host.url);
    const error = await rejection(http.request({ method: 'POST', path: '/apps/abc', json: { domains: ['x.com'] } }));
    assertKind(error, 'rejected');
    assert.equal(error.message, 'production: POST /apps/abc → 409 Conflict: Domain already in use');
    assert.equal(error.apiMessage, 'Domain already in use');
    assert.equal(error.status, 409);
    assert.equal(error.method, 'POST');
    assert.equal(error.hostId, 'production');
    assert.equal(http.calls, 1, 'a 4xx is never retried');
  });

  test('every mapped status', async () => {
    const expected: Array<[number, HostApiErrorKind]> = [
      [400, 'rejected'],
      [401, 'credentials'],
      [403, 'credentials'],
      [404, 'not-found'],
      [422, 'rejected'],
      [429, 'rate-limited'],
      [500, 'server'],
    ];
    for (const [status, kind] of expected) {
      const host = await server(() => ({ status, body: { message: `status ${status}` } }));
      const { http } = client(host.url, { retry: { maxAttempts: 1 } });
      const error = await rejection(http.request({ method: 'PUT', path: '/thing' }));
      assert.equal(error.kind, kind, `status ${status}`);
      assert.equal(error.apiMessage, `status ${status}`);
    }
  });

  test('uses the provider’s reader for its error envelope', async () => {
    const host = await server(() => ({ status: 422, body: { errs: [{ text: 'name is taken' }] } }));
    const { http } = client(host.url, {
      describeApiError: (body) => (body as { errs?: Array<{ text: string }> }).errs?.[0]?.text,
    });
    const error = await rejection(http.request({ method: 'POST', path: '/domains' }));
    assert.equal(error.apiMessage, 'name is taken');
    assert.equal(error.message, 'production: POST /domains → 422 Unprocessable Entity: name is taken');
  });
});

describe('redaction', () => {
  const apiKey = 'closte-key-123456';

  test('hides a secret in the URL query and in an API message echoing it', async () => {
    const host = await server((request) => ({ status: 400, body: { success: false, error: `bad key ${request.query.apikey}` } }));
    const { http } = client(`${host.url}/api/client`, { secrets: [apiKey] });
    const error = await rejection(http.request({ method: 'GET', path: '/getdomains', query: { apikey: apiKey } }));
    assert.equal(host.requests[0]?.query.apikey, apiKey, 'the key was sent');
    assert.equal(error.url, `${host.url}/api/client/getdomains?apikey=***`);
    assert.equal(error.apiMessage, 'bad key ***');
    assert.doesNotMatch(error.message, new RegExp(apiKey));
    assert.doesNotMatch(JSON.stringify({ ...error, message: error.message }), new RegExp(apiKey));
  });

  test('hides a secret a broken JSON body echoes, before the body is cut or quoted', async () => {
    const secrets = ['S3CRET-rctok-3333', 'S3CRET"q\\7777'];
    const host = await server(() => ({
      status: 200,
      body: `debug: ${secrets[0]} ${JSON.stringify(secrets[1])} and much more text after it to be cut`,
      headers: { 'content-type': 'application/json' },
    }));
    const { http } = client(host.url, { secrets });
    const error = await rejection(http.request({ method: 'GET', path: '/apps' }));
    assertKind(error, 'invalid-response');
    const shown = JSON.stringify({ ...error, message: error.message });
    assert.doesNotMatch(shown, /S3CRET/, shown);
  });

  test('hides a secret in the request path', async () => {
    const host = await server(() => ({ status: 404 }));
    const { http } = client(host.url, { secrets: ['tok/en 12345'] });
    const error = await rejection(http.request({ method: 'GET', path: `/keys/${encodeURIComponent('tok/en 12345')}` }));
    assert.equal(error.message, 'production: GET /keys/*** → 404 Not Found');
    assert.equal(error.url, `${host.url}/keys/***`);
  });

  test('hides Basic credentials, raw and encoded, echoed by the API', async () => {
    const host = await server((request) => ({
      status: 401,
      body: { message: `refused ${request.headers.authorization} (password hunter2-pw)` },
    }));
    const { http } = client(host.url, { auth: { kind: 'basic', username: 'client-id', password: 'hunter2-pw' } });
    const error = await rejection(http.request({ method: 'GET', path: '/apps' }));
    assertKind(error, 'credentials');
    assert.equal(error.apiMessage, 'refused Basic *** (password ***)');
    assert.doesNotMatch(error.message, /hunter2-pw|Y2xpZW50/);
  });
});

describe('rate limiting', () => {
  test('waits before the next request once the remaining calls run low', async () => {
    let remaining = 3;
    const host = await server(() => {
      remaining -= 1;
      return { status: 200, body: {}, headers: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': String(remaining) } };
    });
    const { http, clock } = client(host.url);
    assert.equal(http.rateLimit, undefined);
    await http.request({ method: 'GET', path: '/a' });
    assert.deepEqual(http.rateLimit, { limit: 60, remaining: 2 });
    await http.request({ method: 'GET', path: '/b' });
    assert.deepEqual(clock.sleeps, [], 'plenty left so far');
    assert.deepEqual(http.rateLimit, { limit: 60, remaining: 1 });
    await http.request({ method: 'GET', path: '/c' });
    assert.deepEqual(clock.sleeps, [60_000], 'waited for a new window instead of running into 429');
    assert.equal(http.calls, 3);
  });

  test('one limiter paces every client of a credential', async () => {
    const clock = new RecordingClock();
    const host = await server(() => ({
      status: 200,
      body: {},
      headers: { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '30' },
    }));
    const rateLimiter = new RateLimiter({ clock });
    const first = client(host.url, { clock, rateLimiter }).http;
    const second = client(host.url, { clock, rateLimiter, hostId: 'staging' }).http;
    await first.request({ method: 'GET', path: '/a' });
    await second.request({ method: 'GET', path: '/b' });
    assert.deepEqual(clock.sleeps, [30_000]);
    assert.deepEqual(second.rateLimit, { limit: 60, remaining: 0 });
  });
});

describe('timeouts', () => {
  test('a POST that times out leaves the outcome unknown', async () => {
    const host = await server();
    host.inject({ fault: { kind: 'delay', ms: 500 } });
    const { http } = client(host.url, { timeoutMs: 50 });
    const started = Date.now();
    const error = await rejection(http.request({ method: 'POST', path: '/apps', json: {} }));
    assert.ok(Date.now() - started < 400, 'the client did not wait for the answer');
    assertKind(error, 'outcome-unknown');
    assert.equal(error.message, 'production: POST /apps → no answer (timed out after 50ms); the request may or may not have taken effect');
  });

  test('a GET that times out is retried; each attempt has its own timeout', async () => {
    const host = await server(() => ({ status: 200, body: { ok: true } }));
    host.inject({ fault: { kind: 'delay', ms: 500 } });
    const { http } = client(host.url, { timeoutMs: 100 });
    const response = await http.request({ method: 'GET', path: '/apps' });
    assert.deepEqual(response.body, { ok: true });
    assert.equal(http.calls, 2);
  });
});

describe('connections', () => {
  test('reads share a kept-alive connection; each write gets its own', async () => {
    const ports: Array<[string, number | undefined]> = [];
    const host = createServer((request, response) => {
      ports.push([request.method ?? '', request.socket.remotePort]);
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    try {
      const { http } = client(`http://127.0.0.1:${(host.address() as AddressInfo).port}`);
      await http.request({ method: 'GET', path: '/a' });
      await http.request({ method: 'GET', path: '/b' });
      await http.request({ method: 'POST', path: '/c', json: {} });
      await http.request({ method: 'POST', path: '/d', json: {} });
      const [firstGet, secondGet, firstPost, secondPost] = ports.map(([, port]) => port);
      assert.equal(secondGet, firstGet);
      assert.notEqual(firstPost, firstGet);
      assert.notEqual(secondPost, firstPost);
    } finally {
      host.closeAllConnections();
      await new Promise<void>((resolve) => host.close(() => resolve()));
    }
  });
});

describe('setup', () => {
  test('refuses a base URL that is not http(s)', () => {
    assert.throws(() => client('ftp://example.com'), /must be http:\/\/ or https:\/\//);
    assert.throws(() => client('not a url'), /not a valid URL/);
  });

  test('refuses a JSON and a form body together', async () => {
    const host = await server();
    const { http } = client(host.url);
    await assert.rejects(http.request({ method: 'POST', path: '/x', json: {}, form: {} }), /either a JSON or a form body/);
    assert.equal(http.calls, 0);
  });
});
