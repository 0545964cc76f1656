import type { DesiredHost, DesiredState } from '../config/desired-state.js';
import type { HostSnapshot, IssuanceSetup } from '../hosts/provider.js';
import type { ConnectedHost } from '../hosts/registry.js';
import type { Logger } from '../log.js';
import type { HostPlan } from '../plan/change.js';
import type { HostOutcome } from '../result.js';
import type { Settings } from '../settings.js';
import { type SslResult, isNotValid } from '../ssl/ssl-result.js';
import { waitForCertificates, type CertificateHost, type WaitProgress, type WaitTarget } from '../ssl/wait.js';
import { describeProgress } from '../ssl/describe-progress.js';
import { certificateGateNames } from './certificate-gate.js';
import { probeTargetFor, touchedNames } from './touched-names.js';
import { unverifiedNames } from './unverified-names.js';
import { unwaitedCertificatesWarning } from './unwaited-certificates.js';
import { listNames } from '../plan/name-list.js';
import { plural } from '../plan/summary-line.js';

export interface AppliedHost {
  connected: ConnectedHost;
  plan: HostPlan;
  /** The read after writing. */
  snapshot: HostSnapshot;
  outcome: HostOutcome;
}

export interface SettleScope {
  /** Also wait for the host's unchanged names that do not serve a valid certificate now (apply; not a preview). */
  unchangedNames: boolean;
}

export interface SettledCertificates {
  ssl: SslResult[];
  /** Names whose certificate was waited for and is not valid. */
  unverified: SslResult[];
}

/**
 * After apply: asks each host's panel for certificates (once, when every name its certificate
 * covers passes the DNS pre-check, touched or not) and, where the wait is on, waits until every
 * touched name serves a valid one. A host that cannot issue at all fails its names at once.
 * Hosts with the wait off are asked now or not at all, and their names probed once.
 */
export async function settleCertificates(
  settings: Settings,
  desired: DesiredState,
  applied: readonly AppliedHost[],
  scope: SettleScope = { unchangedNames: false },
): Promise<SettledCertificates> {
  const perHost = await Promise.all(applied.map((host) => namesToSettle(settings, desired, host, scope)));
  const touched = perHost.flat();
  const waiting = touched.filter((host) => host.waits);
  const notWaiting = touched.filter((host) => !waiting.includes(host));
  const [waited, probed] = await Promise.all([settleGroup(settings, desired, waiting, true), settleGroup(settings, desired, notWaiting, false)]);
  for (const host of notWaiting) settings.log.warn(unwaitedCertificatesWarning(host.desiredHost.id, host.outcome.certificates));
  return { ssl: [...waited, ...probed], unverified: waited.filter(isNotValid) };
}

type TouchedHost = AppliedHost & { desiredHost: DesiredHost; names: string[]; waits: boolean };

/**
 * The names this run changed on the host and, in scope and where the wait is on, the host's other
 * names that do not serve a valid certificate now.
 */
async function namesToSettle(settings: Settings, desired: DesiredState, host: AppliedHost, scope: SettleScope): Promise<TouchedHost[]> {
  const desiredHost = desired.hosts.find((h) => h.id === host.plan.host);
  if (!desiredHost) return [];
  const names = touchedNames(host.plan);
  const waits = settings.ssl.wait ?? desiredHost.ssl.wait;
  const verifyUnchanged = scope.unchangedNames && waits && host.outcome.error === undefined;
  const unverified = verifyUnchanged ? await unverifiedNames(settings, desiredHost, host.snapshot, names) : [];
  if (unverified.length > 0) {
    settings.log.info(`${desiredHost.id}: also waiting for names that do not serve a valid certificate yet: ${listNames(unverified)}.`);
  }
  const all = [...names, ...unverified];
  return all.length > 0 ? [{ ...host, desiredHost, names: all, waits }] : [];
}

async function settleGroup(settings: Settings, desired: DesiredState, hosts: readonly TouchedHost[], wait: boolean): Promise<SslResult[]> {
  if (hosts.length === 0) return [];
  const targets: WaitTarget[] = hosts.flatMap((host) =>
    host.names.map((name) => {
      const target = probeTargetFor(host.desiredHost, name);
      return {
        name: target.probeName,
        host: target.host,
        pointsTo: target.pointsTo,
        minDays: host.desiredHost.ssl.minDays,
        timeoutMs: settings.ssl.timeoutMs ?? host.desiredHost.ssl.timeoutMs,
        ...(target.skipReason !== undefined ? { skipReason: target.skipReason } : {}),
      };
    }),
  );
  if (wait) settings.log.info(`Waiting for valid certificates on ${plural(targets.length, 'name')}.`);
  return waitForCertificates({
    targets,
    hosts: hosts.map((host) => certificateHost(desired, host)),
    routes: { resolve: settings.ssl.resolve, connectTo: settings.ssl.connectTo },
    clock: settings.clock,
    intervalMs: settings.ssl.intervalMs,
    wait,
    ...(settings.ssl.probe ? { probe: settings.ssl.probe } : {}),
    ...(settings.ssl.dns ? { dns: settings.ssl.dns } : {}),
    onProgress: (progress) => logProgress(settings.log, progress),
    onCertificateRequest: (hostId, outcome) => {
      const host = hosts.find((h) => h.desiredHost.id === hostId);
      const { warning, ...reported } = outcome;
      if (host) host.outcome.certificates = reported;
      settings.log.info(`${hostId}: certificates ${outcome.state}: ${outcome.detail}`);
      if (warning !== undefined) {
        host?.outcome.warnings.push(warning);
        settings.log.warn(`${hostId}: ${warning}`);
      }
    },
  });
}

/**
 * How the wait asks a host's panel. Whether it can issue at all, and the first request, use the
 * read made after writing; later requests (after `not-yet`) read again.
 */
function certificateHost(desired: DesiredState, host: TouchedHost): CertificateHost {
  const provider = host.connected.provider;
  let snapshot: HostSnapshot | undefined = host.snapshot;
  let setup: IssuanceSetup | undefined;
  return {
    id: host.desiredHost.id,
    gate: certificateGateNames(desired, host.desiredHost, host.snapshot).map((name) => ({ name, pointsTo: host.desiredHost.pointsTo })),
    readIssuance: async () => (setup = await provider.readCertificateSetup(host.snapshot)),
    requestCertificates: async () => {
      const current = snapshot ?? (await provider.list());
      snapshot = undefined;
      setup ??= await provider.readCertificateSetup(current);
      if (!setup.canIssue) return { state: 'cannot-issue', detail: setup.reason };
      return provider.requestCertificates(current, setup);
    },
  };
}

function logProgress(log: Logger, progress: WaitProgress): void {
  for (const line of describeProgress(progress)) log.info(line);
}
