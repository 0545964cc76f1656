import type { DesiredHost } from '../config/desired-state.js';
import type { HostSnapshot } from '../hosts/provider.js';
import { withCompanion } from '../plan/hostnames.js';
import type { Settings } from '../settings.js';
import type { SslResult } from '../ssl/ssl-result.js';
import { probeOnce } from '../ssl/wait.js';
import { desiredNames, probeTargetFor } from './touched-names.js';

/** Probes each of the file's names of a host once (no DNS pre-check, no certificate request). */
export async function probeManagedNames(settings: Settings, host: DesiredHost, names: readonly string[]): Promise<SslResult[]> {
  return probeOnce({
    targets: names.map((name) => {
      const target = probeTargetFor(host, name);
      return { name: target.probeName, host: host.id, ...(target.skipReason !== undefined ? { skipReason: target.skipReason } : {}) };
    }),
    routes: { resolve: settings.ssl.resolve, connectTo: settings.ssl.connectTo },
    clock: settings.clock,
    minDays: host.ssl.minDays,
    ...(settings.ssl.probe ? { probe: settings.ssl.probe } : {}),
  });
}

/**
 * The names the host serves for the file, outside `touched`, whose certificate is not valid now
 * (a run that failed on a certificate, or one that expires): apply verifies them too, so running
 * apply again after a failed wait finishes the job instead of passing without looking.
 */
export async function unverifiedNames(settings: Settings, host: DesiredHost, snapshot: HostSnapshot, touched: readonly string[]): Promise<string[]> {
  const served = new Set(snapshot.domains.flatMap((domain) => withCompanion(domain.name, domain.www)));
  const candidates = desiredNames(host).filter((name) => served.has(name) && !touched.includes(name));
  const results = await probeManagedNames(settings, host, candidates);
  return candidates.filter((_, index) => {
    const state = results[index]!.state;
    return state !== 'ok' && state !== 'skipped';
  });
}
