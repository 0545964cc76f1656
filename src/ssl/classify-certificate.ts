import { certificateCovers, nameMatches } from './name-coverage.js';
import type { CertificateFacts, SslState } from './ssl-result.js';

/** What one probe found. `dns-pending` only when the name did not resolve at all. */
export interface ProbeResult {
  state: Exclude<SslState, 'timeout' | 'skipped'>;
  detail: string;
  /** ISO 8601, when a certificate that covers the name was seen. */
  expires?: string;
  certificate?: CertificateFacts;
}

/** A certificate as a server presented it, with what the TLS layer made of its chain. */
export interface PresentedCertificate {
  facts: CertificateFacts;
  commonName?: string;
  selfSigned: boolean;
  /** The chain verifies against the trusted CAs (the name is checked separately). */
  trusted: boolean;
  /** OpenSSL's verification error code when the chain does not verify. */
  trustError?: string;
}

const dayMs = 24 * 60 * 60 * 1000;
const namesShown = 4;

/** The contract's order: name covered? chain trusted? days left? */
export function classifyCertificate(
  name: string,
  certificate: PresentedCertificate,
  options: { now: number; minDays: number },
): ProbeResult {
  const { facts } = certificate;
  const seen = { expires: facts.notAfter, certificate: facts };
  const about = describeCertificate(facts);

  const selfSigned = certificate.selfSigned || certificate.trustError === 'DEPTH_ZERO_SELF_SIGNED_CERT';
  if (!certificateCovers(name, facts)) {
    // No expiry: the date is another name's certificate's, and the detail describes it already.
    const kind = selfSigned ? 'a self-signed certificate' : 'a certificate';
    const onlyCommonName = certificate.commonName !== undefined && nameMatches(name, certificate.commonName);
    const why = onlyCommonName
      ? `${kind} with no subjectAltName for ${name}: it names it only in its subject CN, which browsers ignore`
      : `${kind} that does not cover ${name}`;
    return { state: 'wrong-certificate', detail: `${why} (${about})`, certificate: facts };
  }

  const expired = certificate.trustError === 'CERT_HAS_EXPIRED';
  if (!certificate.trusted && !expired) {
    return { state: 'untrusted', detail: `${untrustedReason(certificate)} (${about})`, ...seen };
  }

  const msLeft = Date.parse(facts.notAfter) - options.now;
  const daysLeft = Math.floor(msLeft / dayMs);
  if (msLeft <= 0 || expired) {
    return { state: 'expiring', detail: `expired on ${facts.notAfter} (${about})`, ...seen };
  }
  if (msLeft < options.minDays * dayMs) {
    return {
      state: 'expiring',
      detail: `expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}, fewer than the ${options.minDays} required (${about})`,
      ...seen,
    };
  }
  return { state: 'ok', detail: `valid for ${daysLeft} more days (${about})`, ...seen };
}

export function describeCertificate(facts: CertificateFacts): string {
  const shown = facts.names.slice(0, namesShown).join(', ');
  const more = facts.names.length > namesShown ? ` and ${facts.names.length - namesShown} more` : '';
  const names = facts.names.length > 0 ? `names ${shown}${more}` : 'no DNS names';
  return `subject ${facts.subject || '(empty)'}; issuer ${facts.issuer || '(empty)'}; ${names}; not after ${facts.notAfter}`;
}

function untrustedReason(certificate: PresentedCertificate): string {
  switch (certificate.trustError) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'the certificate is self-signed';
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'the chain ends in a self-signed certificate that is not trusted';
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return `issued by a certificate authority that is not trusted (${certificate.facts.issuer})`;
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `the issuer (${certificate.facts.issuer}) is not trusted: an unknown certificate authority, or the server does not send the intermediate certificate`;
    case 'CERT_NOT_YET_VALID':
      return 'the certificate is not valid yet';
    case 'CERT_REVOKED':
      return 'the certificate is revoked';
    case undefined:
      return 'the chain does not verify';
    default:
      return `the chain does not verify (${certificate.trustError})`;
  }
}
