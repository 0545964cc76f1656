import type { DesiredHost, DesiredState } from '../config/desired-state.js';
import type { HostSnapshot } from '../hosts/provider.js';
import { livePreviews } from './preview-domains.js';
import { probeTargetFor, servedDesiredNames } from './touched-names.js';

/**
 * The names that must pass the DNS pre-check before a host's certificate is requested: every
 * managed name the certificate will cover, touched in this run or not. That is each name the
 * file gives the host with SSL on (and its `www` form) that the host serves now, and the host's
 * live preview names. A wildcard is gated through its `probe` name; without one it is not gated.
 */
export function certificateGateNames(desired: DesiredState, host: DesiredHost, snapshot: HostSnapshot): string[] {
  const managed = servedDesiredNames(host, snapshot).flatMap((name) => {
    const target = probeTargetFor(host, name);
    return target.skipReason === undefined ? [target.probeName] : [];
  });
  const previews = livePreviews(desired, host, snapshot).map((preview) => preview.name);
  return [...new Set([...managed, ...previews])];
}
