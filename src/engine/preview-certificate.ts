import { isNotValid } from '../ssl/ssl-result.js';
import type { DesiredState } from '../config/desired-state.js';
import type { Settings } from '../settings.js';
import { previewHostPlan } from './preview-plan.js';
import { settleCertificates, type AppliedHost, type SettledCertificates } from './settle-certificates.js';
import { probeManagedNames } from './unverified-names.js';

/**
 * A preview domain's certificate. Probed once first, so a preview that already serves a valid
 * one (kept by a push, or under a wildcard certificate) asks the panel for nothing. Otherwise it
 * is settled like a name an apply brought in, and as the only name waited for: the host's
 * certificate is requested once the preview's DNS, and that of every other name the certificate
 * covers, passes, so a preview whose DNS is not ready never makes the panel reissue the
 * production names' certificate.
 */
export async function settlePreviewCertificate(
  settings: Settings,
  desired: DesiredState,
  host: AppliedHost,
  name: string,
): Promise<SettledCertificates> {
  const desiredHost = desired.hosts.find((candidate) => candidate.id === host.plan.host)!;
  const [seen] = await probeManagedNames(settings, desiredHost, [name], { dnsPrecheck: false });
  if (seen && !isNotValid(seen)) return { ssl: [seen], unverified: [] };

  const arrival = previewHostPlan(desiredHost, { domains: [] }, { arriving: [name], leaving: [] });
  return settleCertificates(settings, desired, [{ ...host, plan: arrival }]);
}
