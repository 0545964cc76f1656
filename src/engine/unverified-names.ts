import type { DesiredHost } from '../config/desired-state.js';
import type { HostSnapshot } from '../hosts/provider.js';
import type { Settings } from '../settings.js';
import { probeOnce } from '../ssl/probe-once.js';
import { type SslResult, isNotValid } from '../ssl/ssl-result.js';
import { probeTargetFor, servedDesiredNames } from './touched-names.js';

export interface ProbeScope {
  /** Run the DNS pre-check against the host's `points-to` first (`check --ssl`), as the wait does. */
  dnsPrecheck: boolean;
}

/**
 * Probes each of the file's names of a host once, with no certificate request. With the DNS
 * pre-check, a name that is not routed and does not point to the host is `dns-pending`, unprobed.
 */
export async function probeManagedNames(settings: Settings, host: DesiredHost, names: readonly string[], scope: ProbeScope): Promise<SslResult[]> {
  return probeOnce({
    targets: names.map((name) => {
      const target = probeTargetFor(host, name);
      return {
        name: target.probeName,
        host: host.id,
        ...(scope.dnsPrecheck ? { pointsTo: target.pointsTo } : {}),
        ...(target.skipReason !== undefined ? { skipReason: target.skipReason } : {}),
      };
    }),
    routes: { resolve: settings.ssl.resolve, connectTo: settings.ssl.connectTo },
    clock: settings.clock,
    minDays: host.ssl.minDays,
    ...(settings.ssl.probe ? { probe: settings.ssl.probe } : {}),
    ...(settings.ssl.dns ? { dns: settings.ssl.dns } : {}),
  });
}

/**
 * The names the host serves for the file, outside `touched`, whose certificate is not valid now
 * (a run that failed on a certificate, or one that expires): apply verifies them too, so running
 * apply again after a failed wait finishes the job instead of passing without looking.
 */
export async function unverifiedNames(settings: Settings, host: DesiredHost, snapshot: HostSnapshot, touched: readonly string[]): Promise<string[]> {
  const candidates = servedDesiredNames(host, snapshot).filter((name) => !touched.includes(name));
  // Their DNS gates the host's certificate request already; here only what they serve counts.
  const results = await probeManagedNames(settings, host, candidates, { dnsPrecheck: false });
  return candidates.filter((_, index) => isNotValid(results[index]!));
}
