/** The state of one domain's certificate, in the contract's words. */
export type SslState =
  | 'ok'
  | 'dns-pending'
  | 'unreachable'
  | 'wrong-certificate'
  | 'untrusted'
  | 'expiring'
  | 'timeout'
  | 'skipped';

export interface CertificateFacts {
  subject: string;
  issuer: string;
  /** Subject alternative names (DNS names). */
  names: string[];
  /** ISO 8601. */
  notAfter: string;
}

export interface SslResult {
  name: string;
  host: string;
  state: SslState;
  /** ISO 8601 date of the certificate's expiry, when one that covers the name was seen. */
  expires?: string;
  /** Why, in words: which record is missing, which names the certificate covers... */
  detail: string;
  /** For `timeout`: the last state seen before giving up. */
  lastState?: SslState;
  certificate?: CertificateFacts;
}

/** curl's --resolve host:port:address */
export interface ResolveRule {
  host: string;
  port: number;
  address: string;
}

/** curl's --connect-to host:port:target-host:target-port (empty host or port matches any). */
export interface ConnectToRule {
  host: string;
  port: number | undefined;
  targetHost: string;
  targetPort: number | undefined;
}

/** A certificate that is neither valid nor exempt from checking: what fails an apply and is drift in a check. */
export function isNotValid(result: Pick<SslResult, 'state'>): boolean {
  return result.state !== 'ok' && result.state !== 'skipped';
}
