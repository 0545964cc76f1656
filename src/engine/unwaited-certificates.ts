import type { CertificateRequestOutcome } from '../hosts/provider.js';
import { notRequested } from '../ssl/certificate-requests.js';

/** What `--no-ssl-wait` leaves open on a host, in the words of its certificate request's outcome. */
export function unwaitedCertificatesWarning(hostId: string, outcome: CertificateRequestOutcome | undefined): string {
  switch (outcome?.state) {
    case 'requested':
      return `${hostId}: certificates were requested but not verified (the SSL wait is off).`;
    case 'automatic':
      return `${hostId}: the panel issues certificates on its own; they were not verified (the SSL wait is off).`;
    case 'not-yet':
      return `${hostId}: certificates were not requested: ${outcome.detail.startsWith(notRequested) ? outcome.detail.slice(notRequested.length) : outcome.detail} (the SSL wait is off, so they are not asked for later).`;
    case 'cannot-issue':
      return `${hostId}: certificates were not requested: the panel cannot issue them: ${outcome.detail}.`;
    default:
      return `${hostId}: certificates were not verified (the SSL wait is off).`;
  }
}
