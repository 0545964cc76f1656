import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestCa, type TestCa } from '../../src/simulators/test-ca.js';
import { startTlsSimulator, type TlsSimulator } from '../../src/simulators/tls-server.js';
import { probeCertificate, type Probe } from '../../src/ssl/probe.js';
import { parseConnectTo } from '../../src/ssl/routes.js';
import { waitForCertificates } from '../../src/ssl/wait.js';
import { systemClock } from '../../src/clock.js';

describe('waitForCertificates with real handshakes against the TLS simulator', () => {
  let ca: TestCa;
  let simulator: TlsSimulator;
  let probe: Probe;

  before(async () => {
    ca = await createTestCa();
    simulator = await startTlsSimulator({ ca });
    probe = (target, options) => probeCertificate(target, { ...options, ca: [ca.certificate] });
  });

  after(async () => {
    await simulator.close();
    await ca.dispose();
  });

  test('the panel issues on request, and every name verifies', async () => {
    // Real time, short intervals: the handshakes and the certificate's creation are real I/O,
    // which a virtual clock would run past.
    const names = ['shop.example.test', 'www.shop.example.test'];
    const results = await waitForCertificates({
      targets: names.map((name) => ({ name, host: 'prod', pointsTo: ['203.0.113.10'], minDays: 7, timeoutMs: 15_000 })),
      hosts: [
        {
          id: 'prod',
          requestCertificates: async () => {
            await simulator.issue(names);
            return { state: 'requested', detail: 'AutoSSL enabled' };
          },
        },
      ],
      routes: { resolve: [], connectTo: [parseConnectTo(simulator.connectTo)] },
      clock: systemClock,
      intervalMs: 50,
      wait: true,
      probe,
    });
    assert.deepEqual(results.map((result) => [result.name, result.state]), [
      ['shop.example.test', 'ok'],
      ['www.shop.example.test', 'ok'],
    ]);
    assert.deepEqual(simulator.issueRequests, [names]);
    assert.deepEqual(results[0]?.certificate?.names, names);
  });

  test('an expiring certificate is not accepted, and times out as expiring', async () => {
    await simulator.setCertificate('soon.example.test', 'expiring');
    const [result] = await waitForCertificates({
      targets: [{ name: 'soon.example.test', host: 'prod', pointsTo: [], minDays: 7, timeoutMs: 400 }],
      hosts: [],
      routes: { resolve: [], connectTo: [parseConnectTo(simulator.connectTo)] },
      clock: systemClock,
      intervalMs: 50,
      wait: true,
      probe,
    });
    assert.equal(result?.state, 'timeout');
    assert.equal(result?.lastState, 'expiring');
    assert.ok(result?.expires);
  });
});
