import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient } from '../../src/http/client.js';
import { HostApiError } from '../../src/errors.js';
import { RecordingClock } from './recording-clock.js';
import { closedPort } from './scripted-server.js';

interface ConnectAttempt {
  target: string;
  proxyAuthorization: string | undefined;
}

/** A loopback proxy that records each CONNECT and refuses it with 407. */
let proxy: Server;
let proxyPort = 0;
const connects: ConnectAttempt[] = [];

before(async () => {
  proxy = createServer((_request, response) => response.writeHead(405).end());
  proxy.on('connect', (request, socket) => {
    connects.push({ target: request.url ?? '', proxyAuthorization: request.headers['proxy-authorization'] });
    socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyPort = (proxy.address() as AddressInfo).port;
});

after(async () => {
  proxy.closeAllConnections();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
});

function clientThroughProxy(baseUrl: string, env: Record<string, string>) {
  return createHttpClient({
    hostId: 'production',
    provider: 'runcloud',
    baseUrl,
    auth: { kind: 'bearer', token: 'runcloud-token-1' },
    secrets: [],
    clock: new RecordingClock(),
    env,
    retry: { maxAttempts: 1 },
  });
}

async function failure(promise: Promise<unknown>): Promise<HostApiError> {
  const error = await promise.then(
    () => assert.fail('the request succeeded'),
    (error: unknown) => error,
  );
  assert.ok(error instanceof HostApiError, String(error));
  return error;
}

describe('HTTPS_PROXY', () => {
  test('tunnels https requests through the proxy, with its credentials, never showing them', async () => {
    connects.length = 0;
    const http = clientThroughProxy('https://manage.runcloud.example/api/v3', {
      HTTPS_PROXY: `http://ci-user:proxy-pass-1@127.0.0.1:${proxyPort}`,
    });
    const error = await failure(http.request({ method: 'GET', path: '/ping' }));
    assert.deepEqual(connects, [
      {
        target: 'manage.runcloud.example:443',
        proxyAuthorization: `Basic ${Buffer.from('ci-user:proxy-pass-1').toString('base64')}`,
      },
    ]);
    assert.equal(error.kind, 'network');
    assert.equal(error.status, 407);
    assert.doesNotMatch(`${error.message} ${error.url}`, /proxy-pass-1|runcloud-token-1/);
  });

  test('connects directly to a host NO_PROXY lists', async () => {
    connects.length = 0;
    const port = await closedPort();
    const http = clientThroughProxy(`https://127.0.0.1:${port}/api`, {
      HTTPS_PROXY: `http://127.0.0.1:${proxyPort}`,
      NO_PROXY: 'localhost,127.0.0.1',
    });
    const error = await failure(http.request({ method: 'GET', path: '/ping' }));
    assert.equal(error.kind, 'network');
    assert.match(error.message, /connection refused/);
    assert.deepEqual(connects, []);
  });

  test('leaves plain http alone', async () => {
    connects.length = 0;
    const port = await closedPort();
    const http = clientThroughProxy(`http://127.0.0.1:${port}/api`, { HTTPS_PROXY: `http://127.0.0.1:${proxyPort}` });
    const error = await failure(http.request({ method: 'GET', path: '/ping' }));
    assert.match(error.message, /connection refused/);
    assert.deepEqual(connects, []);
  });

  test('a malformed HTTPS_PROXY is a setup error', () => {
    assert.throws(
      () => clientThroughProxy('https://manage.runcloud.example/api/v3', { HTTPS_PROXY: 'http://[broken' }),
      /HTTPS_PROXY is not a valid URL/,
    );
  });
});
