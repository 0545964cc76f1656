import { formatDuration } from '../config/durations.js';

/** What a thrown fetch error says about whether the request reached the server. */

export interface NetworkFailure {
  /** `not-sent`: provably never reached the server; `answer-lost`: it may have. */
  kind: 'not-sent' | 'answer-lost';
  /** A short reason for people, e.g. `connection refused`. */
  reason: string;
}

/** Failures that happen before a single byte of the request can reach the server. */
const notSentReasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
  CERT_HAS_EXPIRED: 'the TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the TLS certificate chain is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the TLS certificate cannot be verified',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the TLS certificate issuer is unknown',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the TLS certificate does not match the host name',
};

/** Failures after which the request may have been received and acted on. */
const answerLostReasons: Record<string, string> = {
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  ETIMEDOUT: 'connection timed out',
};

export function classifyNetworkFailure(error: unknown, timeoutMs: number | undefined): NetworkFailure {
  if (timeoutMs !== undefined) return { kind: 'answer-lost', reason: `timed out after ${formatDuration(timeoutMs)}` };
  const code = errorCode(error);
  if (code !== undefined) {
    const notSent = notSentReasons[code];
    if (notSent !== undefined) return { kind: 'not-sent', reason: notSent };
    const lost = answerLostReasons[code];
    if (lost !== undefined) return { kind: 'answer-lost', reason: lost };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'answer-lost', reason: /socket hang up/i.test(message) ? 'connection closed' : message };
}

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}
