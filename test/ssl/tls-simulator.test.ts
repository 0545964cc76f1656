import assert from 'node:assert/strict';
import { connect } from 'node:tls';
import { after, before, describe, test } from 'node:test';
import { createTestCa, type TestCa } from '../../src/simulators/test-ca.js';
import { startTlsSimulator, type TlsSimulator } from '../../src/simulators/tls-server.js';

describe('the TLS simulator', () => {
  let ca: TestCa;
  let simulator: TlsSimulator;

  before(async () => {
    ca = await createTestCa();
    simulator = await startTlsSimulator({ ca });
  });

  after(async () => {
    await simulator.close();
    await ca.dispose();
  });

  test('answers a minimal HTTP response after the handshake', async () => {
    await simulator.issue(['shop.example.test']);
    const response = await get(simulator.port, 'shop.example.test', ca.certificate);
    assert.match(response, /^HTTP\/1.1 200 OK\r\n/);
    assert.match(response, /\r\n\r\nshop.example.test: issued\n$/);
  });

  test('serves the panel default until the issued certificate appears, after the delay', async () => {
    const issuing = simulator.issue(['late.example.test', 'www.late.example.test'], 40);
    assert.equal(simulator.served('late.example.test'), 'panel-default');
    await issuing;
    assert.equal(simulator.served('late.example.test'), 'issued');
    assert.equal(simulator.served('www.late.example.test'), 'issued');
  });

  test('setCertificate switches a name to another kind, or back to the default', async () => {
    await simulator.setCertificate('kinds.example.test', 'untrusted');
    assert.equal(simulator.served('kinds.example.test'), 'untrusted');
    await simulator.setCertificate('kinds.example.test', 'panel-default');
    assert.equal(simulator.served('kinds.example.test'), 'panel-default');
  });

  test('closing settles an issue still waiting, without serving it', async () => {
    const other = await startTlsSimulator({ ca });
    const issuing = other.issue(['never.example.test'], 60_000);
    await other.close();
    await issuing;
    assert.equal(other.served('never.example.test'), 'panel-default');
  });
});

function get(port: number, servername: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername, ca: [ca] }, () => {
      socket.write(`GET / HTTP/1.1\r\nHost: ${servername}\r\nConnection: close\r\n\r\n`);
    });
    let response = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (response += chunk));
    socket.on('end', () => resolve(response));
    socket.on('error', reject);
  });
}
