import { isNotValid } from '../ssl/ssl-result.js';
import type { DesiredState } from '../config/desired-state.js';
import type { RunResult } from '../result.js';
import type { Settings } from '../settings.js';
import type { HostRead } from './read-hosts.js';
import { desiredNames } from '../plan/hostnames.js';
import { probeManagedNames } from './unverified-names.js';

/**
 * check --ssl: probes every managed name of every host that could be read, after the DNS
 * pre-check against the host's `points-to` (a name elsewhere is `dns-pending`, whatever that
 * server presents); a certificate that is not valid (or expires within `min-days`) is drift like a
 * domain list that differs.
 */
export async function checkCertificates(settings: Settings, desired: DesiredState, reads: HostRead[], planned: RunResult): Promise<RunResult> {
  if (!settings.ssl.check) return planned;
  const hosts = desired.hosts.filter((host) => reads.some((read) => read.host.id === host.id && read.snapshot));
  const perHost = await Promise.all(hosts.map((host) => probeManagedNames(settings, host, desiredNames(host), { dnsPrecheck: true })));
  const ssl = perHost.flat();
  const broken = ssl.some(isNotValid);
  const result = planned.result === 'no-changes' && broken ? 'drift' : planned.result;
  return { ...planned, result, ssl };
}
