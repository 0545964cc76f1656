import type { AddressInfo, Socket } from 'node:net';
import { createSecureContext, createServer, type SecureContext, type TLSSocket } from 'node:tls';
import type { TestCa, TestCertificate } from './test-ca.js';

/**
 * A panel's web server as the SSL probe sees it: one TLS port on 127.0.0.1 for every name. A
 * name serves its issued certificate once it has one, otherwise the panel's self-signed default
 * certificate. Host simulators call `issue()` from their `onCertificatesRequested` hook; the
 * delay is real time (end-to-end tests and the demo run the real CLI), so keep it short.
 */

export type CertificateKind =
  /** Signed by the test CA, valid 90 days. */
  | 'issued'
  /** Signed by the test CA, valid 2 days. */
  | 'expiring'
  /** Covers the name, signed by a CA nobody trusts. */
  | 'untrusted'
  /** Signed by the test CA, names the name only in its subject CN (no subjectAltName), as old tools made them. */
  | 'common-name-only'
  /** The panel's self-signed default certificate, which does not cover the name. */
  | 'panel-default';

export interface TlsSimulatorOptions {
  ca: TestCa;
  /** Names on the panel's default certificate (default `panel-default.invalid`). */
  defaultNames?: readonly string[];
}

export interface TlsSimulator {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** A `--connect-to` value that sends every name's probe here: `::127.0.0.1:PORT`. */
  readonly connectTo: string;
  /** Every `issue()` call's names, in order. */
  readonly issueRequests: readonly (readonly string[])[];
  /** One certificate for all these names, served after `afterMs` (real time). Rejects if openssl fails. */
  issue(names: readonly string[], afterMs?: number): Promise<void>;
  /** Serve this kind of certificate for the name from now on. */
  setCertificate(name: string, kind: CertificateKind): Promise<void>;
  /** What the name is served now. */
  served(name: string): CertificateKind;
  close(): Promise<void>;
}

interface Served {
  kind: CertificateKind;
  context: SecureContext;
}

export async function startTlsSimulator(options: TlsSimulatorOptions): Promise<TlsSimulator> {
  const { ca } = options;
  const panelDefault = await ca.selfSigned(options.defaultNames ?? ['panel-default.invalid'], { days: 3650 });
  const defaultContext = contextOf(panelDefault);
  const byName = new Map<string, Served>();
  const sockets = new Set<Socket>();
  const delays = new Map<NodeJS.Timeout, () => void>();
  const issueRequests: string[][] = [];
  let closed = false;

  const lookup = (servername: string): Served | undefined => {
    const name = servername.toLowerCase();
    const exact = byName.get(name);
    if (exact) return exact;
    const dot = name.indexOf('.');
    return dot > 0 ? byName.get(`*${name.slice(dot)}`) : undefined;
  };

  const server = createServer({
    key: panelDefault.key,
    cert: panelDefault.certificate,
    SNICallback: (servername, callback) => callback(null, lookup(servername)?.context ?? defaultContext),
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);
  server.on('secureConnection', (socket: TLSSocket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => {
      const servername = typeof socket.servername === 'string' ? socket.servername : '';
      const body = `${servername || '(no SNI)'}: ${lookup(servername)?.kind ?? 'panel-default'}\n`;
      socket.end(
        `HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const install = (names: readonly string[], kind: CertificateKind, certificate: TestCertificate): void => {
    if (closed) return;
    const context = contextOf(certificate);
    for (const name of names) byName.set(name.toLowerCase(), { kind, context });
  };

  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (closed) return resolve();
      const timer = setTimeout(() => {
        delays.delete(timer);
        resolve();
      }, ms);
      delays.set(timer, resolve);
    });

  return {
    host: '127.0.0.1',
    port,
    connectTo: `::127.0.0.1:${port}`,
    issueRequests,
    async issue(names, afterMs = 0) {
      issueRequests.push([...names]);
      const certificate = await ca.issue(names);
      if (afterMs > 0) await delay(afterMs);
      install(names, 'issued', certificate);
    },
    async setCertificate(name, kind) {
      if (kind === 'panel-default') {
        byName.delete(name.toLowerCase());
        return;
      }
      const certificate =
        kind === 'untrusted'
          ? await ca.fromUnknownCa([name])
          : kind === 'common-name-only'
            ? await ca.issue([], { commonName: name })
            : await ca.issue([name], kind === 'expiring' ? { days: 2 } : {});
      install([name], kind, certificate);
    },
    served: (name) => lookup(name)?.kind ?? 'panel-default',
    async close() {
      if (closed) return;
      closed = true;
      for (const [timer, resolve] of delays) {
        clearTimeout(timer);
        resolve();
      }
      delays.clear();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function contextOf(certificate: TestCertificate): SecureContext {
  return createSecureContext({ key: certificate.key, cert: certificate.certificate });
}
