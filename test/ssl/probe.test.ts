import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createTestCa, type TestCa } from '../../src/simulators/test-ca.js';
import { startTlsSimulator, type TlsSimulator } from '../../src/simulators/tls-server.js';
import { dnsNames, probeCertificate, type ProbeOptions } from '../../src/ssl/probe.js';

describe('probeCertificate against the TLS simulator', () => {
  let ca: TestCa;
  let simulator: TlsSimulator;
  let options: ProbeOptions;

  before(async () => {
    ca = await createTestCa();
    simulator = await startTlsSimulator({ ca, defaultNames: ['panel.example.net'] });
    await Promise.all([
      simulator.issue(['shop.example.test', 'www.shop.example.test']),
      simulator.issue(['*.sites.example.test']),
      simulator.setCertificate('soon.example.test', 'expiring'),
      simulator.setCertificate('stranger.example.test', 'untrusted'),
      simulator.setCertificate('legacy.example.test', 'common-name-only'),
    ]);
    options = { now: Date.now(), minDays: 7, timeoutMs: 5000, ca: [ca.certificate] };
  });

  after(async () => {
    await simulator.close();
    await ca.dispose();
  });

  const at = (name: string) => ({ name, connectHost: '127.0.0.1', connectPort: simulator.port });

  test('ok: an issued certificate covering the name', async () => {
    const result = await probeCertificate(at('www.shop.example.test'), options);
    assert.equal(result.state, 'ok', result.detail);
    assert.deepEqual(result.certificate?.names, ['shop.example.test', 'www.shop.example.test']);
    assert.match(result.certificate?.issuer ?? '', /domain-sync test CA/);
    assert.ok(result.expires && Date.parse(result.expires) > Date.now() + 80 * 24 * 3600 * 1000);
  });

  test('ok: a wildcard certificate for a name one label below it', async () => {
    const result = await probeCertificate(at('demo.sites.example.test'), options);
    assert.equal(result.state, 'ok', result.detail);
  });

  test('wrong-certificate: the panel default, said to be self-signed', async () => {
    const result = await probeCertificate(at('new.example.test'), options);
    assert.equal(result.state, 'wrong-certificate');
    assert.match(result.detail, /self-signed certificate that does not cover new.example.test/);
    assert.match(result.detail, /names panel.example.net/);
  });

  test('wrong-certificate, without expires: a trusted certificate naming the name only in its subject CN', async () => {
    const result = await probeCertificate(at('legacy.example.test'), options);
    assert.equal(result.state, 'wrong-certificate', result.detail);
    assert.match(result.detail, /^a certificate with no subjectAltName for legacy\.example\.test: it names it only in its subject CN/);
    assert.match(result.detail, /subject CN=legacy\.example\.test; .*no DNS names/);
    assert.equal(result.expires, undefined);
  });

  test('wrong-certificate: the panel default has no expiry of its own for the name', async () => {
    const result = await probeCertificate(at('other.example.test'), options);
    assert.equal(result.state, 'wrong-certificate');
    assert.equal(result.expires, undefined, 'the default certificate\'s date is not the name\'s');
  });

  test('wrong-certificate: a wildcard does not cover two labels down', async () => {
    const result = await probeCertificate(at('a.demo.sites.example.test'), options);
    assert.equal(result.state, 'wrong-certificate');
  });

  test('untrusted: a certificate from an unknown CA', async () => {
    const result = await probeCertificate(at('stranger.example.test'), options);
    assert.equal(result.state, 'untrusted');
    assert.match(result.detail, /domain-sync unknown CA/);
  });

  test('untrusted: the test CA is not trusted without being given', async () => {
    const { ca: _ignored, ...systemTrust } = options;
    const result = await probeCertificate(at('shop.example.test'), systemTrust);
    assert.equal(result.state, 'untrusted');
  });

  test('expiring: fewer days left than min-days', async () => {
    const result = await probeCertificate(at('soon.example.test'), options);
    assert.equal(result.state, 'expiring');
    assert.match(result.detail, /fewer than the 7 required/);
    assert.equal((await probeCertificate(at('soon.example.test'), { ...options, minDays: 1 })).state, 'ok');
  });

  test('unreachable: a closed port', async () => {
    const closedPort = await freePort();
    const result = await probeCertificate({ name: 'shop.example.test', connectHost: '127.0.0.1', connectPort: closedPort }, options);
    assert.equal(result.state, 'unreachable');
    assert.equal(result.detail, `connection refused by 127.0.0.1:${closedPort}`);
  });

  test('unreachable: a server that never completes the handshake', async () => {
    const accepted = new Set<Socket>();
    const silent = createServer((socket) => accepted.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const result = await probeCertificate({ name: 'shop.example.test', connectHost: '127.0.0.1', connectPort: port }, {
        ...options,
        timeoutMs: 100,
      });
      assert.equal(result.state, 'unreachable');
      assert.match(result.detail, /no TLS handshake with 127.0.0.1:\d+ within 100ms/);
    } finally {
      for (const socket of accepted) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  test('the simulator switches a name to its issued certificate after the delay', async () => {
    assert.equal((await probeCertificate(at('later.example.test'), options)).state, 'wrong-certificate');
    const issued = simulator.issue(['later.example.test'], 30);
    await issued;
    assert.equal((await probeCertificate(at('later.example.test'), options)).state, 'ok');
    assert.deepEqual(simulator.issueRequests.at(-1), ['later.example.test']);
  });
});

describe('dnsNames', () => {
  test('keeps DNS entries only, quoted ones unquoted', () => {
    assert.deepEqual(dnsNames('DNS:a.example, IP Address:127.0.0.1, DNS:"b,c.example", DNS:*.d.example'), [
      'a.example',
      'b,c.example',
      '*.d.example',
    ]);
    assert.deepEqual(dnsNames(undefined), []);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
