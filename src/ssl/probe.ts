import { connect, type DetailedPeerCertificate, type PeerCertificate } from 'node:tls';
import { formatDuration } from '../config/durations.js';
import { classifyCertificate, type PresentedCertificate, type ProbeResult } from './classify-certificate.js';

export type { ProbeResult } from './classify-certificate.js';

export interface ProbeTarget {
  /** Sent as SNI and checked against the certificate. */
  name: string;
  /** Default 443. */
  port?: number;
  /** Connect here instead of where DNS points (`--resolve` / `--connect-to`). */
  connectHost?: string;
  connectPort?: number;
}

export interface ProbeOptions {
  /** Milliseconds since the epoch, for the days left. */
  now: number;
  minDays: number;
  /** For the whole connection and handshake. */
  timeoutMs: number;
  /** Trust exactly these CAs instead of the system's (plus NODE_EXTRA_CA_CERTS). Tests use it. */
  ca?: (string | Buffer)[];
}

export type Probe = (target: ProbeTarget, options: ProbeOptions) => Promise<ProbeResult>;

/** One TLS handshake with SNI = the name, classified in the contract's order. */
export const probeCertificate: Probe = async (target, options) => {
  const host = target.connectHost ?? target.name;
  const port = target.connectPort ?? target.port ?? 443;
  try {
    const presented = await handshake(target.name, host, port, options);
    if (!presented) {
      return { state: 'wrong-certificate', detail: `${host}:${port} presented no certificate for ${target.name}` };
    }
    return classifyCertificate(target.name, presented, options);
  } catch (error) {
    return connectionFailure(error, `${host}:${port}`, options.timeoutMs);
  }
};

class ProbeTimeoutError extends Error {
  readonly code = 'PROBE_TIMEOUT';
}

function handshake(
  name: string,
  host: string,
  port: number,
  options: ProbeOptions,
): Promise<PresentedCertificate | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port,
      servername: name,
      rejectUnauthorized: false,
      // `authorized` must speak of the chain only: the name is checked by our own rules.
      checkServerIdentity: () => undefined,
      ...(options.ca ? { ca: options.ca } : {}),
    });
    const timer = setTimeout(() => socket.destroy(new ProbeTimeoutError('timeout')), options.timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const peer = socket.getPeerCertificate(true);
      const presented = isEmpty(peer)
        ? undefined
        : describePeer(peer, socket.authorized, socket.authorizationError?.toString());
      socket.destroy();
      resolve(presented);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}

function describePeer(peer: DetailedPeerCertificate, authorized: boolean, authorizationError: string | undefined): PresentedCertificate {
  const issuer = peer.issuerCertificate;
  const selfSigned = issuer !== undefined && issuer !== null && issuer.fingerprint256 === peer.fingerprint256;
  const commonName = firstValue(peer.subject?.CN);
  return {
    facts: {
      subject: formatName(peer.subject),
      issuer: formatName(peer.issuer),
      names: dnsNames(peer.subjectaltname),
      notAfter: new Date(peer.valid_to).toISOString(),
    },
    ...(commonName ? { commonName } : {}),
    selfSigned,
    trusted: authorized,
    ...(authorized || !authorizationError ? {} : { trustError: authorizationError }),
  };
}

/** Node's `subjectaltname`: `DNS:a.example, IP Address:127.0.0.1, DNS:"quoted, value"`. */
export function dnsNames(subjectAltName: string | undefined): string[] {
  if (!subjectAltName) return [];
  const names: string[] = [];
  const entry = /([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:,\s*|$)/g;
  for (const match of subjectAltName.matchAll(entry)) {
    const [, kind, raw] = match;
    if (kind?.trim() !== 'DNS' || raw === undefined) continue;
    names.push(raw.startsWith('"') ? (JSON.parse(raw) as string) : raw);
  }
  return names;
}

function formatName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function isEmpty(peer: PeerCertificate): boolean {
  return !peer || Object.keys(peer).length === 0;
}

function connectionFailure(error: unknown, where: string, timeoutMs: number): ProbeResult {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ENOTFOUND':
    case 'ENODATA':
      return { state: 'dns-pending', detail: `the name does not resolve (${code})` };
    case 'EAI_AGAIN':
      return { state: 'dns-pending', detail: 'the DNS lookup failed for now (EAI_AGAIN)' };
    case 'ECONNREFUSED':
      return { state: 'unreachable', detail: `connection refused by ${where}` };
    case 'ECONNRESET':
    case 'EPIPE':
      return { state: 'unreachable', detail: `connection to ${where} reset during the TLS handshake` };
    case 'PROBE_TIMEOUT':
    case 'ETIMEDOUT':
      return { state: 'unreachable', detail: `no TLS handshake with ${where} within ${formatDuration(timeoutMs)}` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { state: 'unreachable', detail: `${where} cannot be reached (${code})` };
    default:
      return { state: 'unreachable', detail: `TLS handshake with ${where} failed: ${message}` };
  }
}
