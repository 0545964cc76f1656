import type { DesiredState } from '../config/desired-state.js';
import { describeError, UnsafePlanError } from '../errors.js';
import { capabilitiesOf } from '../hosts/capabilities.js';
import type { HostSnapshot } from '../hosts/provider.js';
import { noChangesChecksum } from '../plan/checksum.js';
import { guardHostPlan } from '../plan/guard.js';
import { planContextFor, replanHost } from '../plan/plan-all.js';
import type { HostPlan, Plan } from '../plan/change.js';
import type { HostOutcome, RunResult } from '../result.js';
import type { ReviewedChecksums, Settings } from '../settings.js';
import { applyHost } from './apply-host.js';
import { changesInRound, isMoveIn, type ApplyRound } from './changes-in-round.js';
import { settleCertificates, type AppliedHost } from './settle-certificates.js';
import { outcomeOf } from './outcome.js';
import type { HostRead } from './read-hosts.js';

interface HostProgress {
  read: HostRead;
  plan?: HostPlan;
  snapshot?: HostSnapshot;
  outcome: HostOutcome;
}

/**
 * apply: refuse the whole run on any guard or checksum mismatch before any write; otherwise
 * write every host in parallel (names moving between hosts leave their source first), then ask
 * for certificates and wait for them.
 */
export async function applyPlan(settings: Settings, desired: DesiredState, reads: HostRead[], plan: Plan): Promise<RunResult> {
  const progress = reads.map((read): HostProgress => {
    const hostPlan = plan.hosts.find((p) => p.host === read.host.id);
    return { read, ...(hostPlan ? { plan: hostPlan } : {}), ...(read.snapshot ? { snapshot: read.snapshot } : {}), outcome: outcomeOf(read, hostPlan) };
  });
  const base = { mode: settings.mode, checksum: plan.checksum, ssl: [], configIssues: [], refusals: plan.refusals };

  const refusal = refuseBeforeWriting(settings, plan);
  if (refusal) {
    settings.log.error(refusal);
    return { ...base, result: 'failed', hosts: progress.map((p) => p.outcome), errors: [refusal] };
  }

  await runRound(settings, desired, progress, 'main');
  await runRound(settings, desired, progress, 'move-ins');

  const applied: AppliedHost[] = progress.flatMap((p) =>
    p.read.connected && p.plan && p.snapshot && p.outcome.applied
      ? [{ connected: p.read.connected, plan: p.plan, snapshot: p.snapshot, outcome: p.outcome }]
      : [],
  );
  const { ssl, unverified } = await settleCertificates(settings, desired, applied);
  const hosts = progress.map((p) => ({ ...p.outcome, apiCalls: p.read.connected?.http.calls ?? 0 }));
  const failed = hosts.some((h) => h.error !== undefined) || unverified.length > 0;
  const changed = hosts.some((h) => h.changes.length > 0);
  return { ...base, result: failed ? 'failed' : changed ? 'applied' : 'no-changes', hosts, ssl, errors: [] };
}

function refuseBeforeWriting(settings: Settings, plan: Plan): string | undefined {
  if (plan.refusals.length > 0) return new UnsafePlanError(plan.refusals).message;
  if (settings.expectChecksum && settings.expectChecksum !== plan.checksum) {
    return (
      `The plan differs from the reviewed one (expected ${settings.expectChecksum}, now ${plan.checksum}); ` +
      `nothing was changed on any host. Review the new plan and apply it again.`
    );
  }
  if (settings.expectChecksums) return refuseUnreviewedHosts(settings.expectChecksums, plan);
  return undefined;
}

/** Hosts whose changes differ from the reviewed ones; a host with nothing to do now writes nothing. */
function refuseUnreviewedHosts(reviewed: ReviewedChecksums, plan: Plan): string | undefined {
  const changed = plan.hosts.filter(
    (host) => host.changes.length > 0 && host.checksum !== (reviewed.hosts[host.host] ?? noChangesChecksum),
  );
  if (changed.length === 0) return undefined;
  const details = changed.map((host) => {
    const was = reviewed.hosts[host.host];
    return was === undefined ? `${host.host} (no changes were reviewed there)` : `${host.host} (reviewed ${was}, now ${host.checksum})`;
  });
  const names = changed.map((host) => host.host).join(', ');
  return (
    `The plan differs from the one reviewed in ${reviewed.source}: ${names} changed since review; ` +
    `nothing was changed on any host. ${details.join('; ')}. Review the new plan and apply it again.`
  );
}

async function runRound(settings: Settings, desired: DesiredState, progress: HostProgress[], round: ApplyRound): Promise<void> {
  await Promise.all(
    progress.map(async (host) => {
      const { read, plan, snapshot } = host;
      if (!read.connected || !plan || !snapshot || host.outcome.error !== undefined) return;
      const roundPlan = round === 'move-ins' ? withoutBlockedMoves(plan, progress) : plan;
      if (changesInRound(roundPlan.changes, plan.host, round).length === 0) {
        if (round === 'main') host.outcome.applied = true;
        return;
      }
      const desiredHost = desired.hosts.find((h) => h.id === plan.host)!;
      try {
        const result = await applyHost({
          provider: read.connected.provider,
          plan: roundPlan,
          plannedFrom: snapshot,
          round,
          replan: (fresh) => replanHost(desiredHost, fresh, plan, planContextFor(desired, desiredHost)),
          guard: (next) => guardHostPlan(next, desiredHost, capabilitiesOf[desiredHost.provider], settings.force),
          clock: settings.clock,
          log: settings.log,
        });
        host.plan = result.plan;
        host.snapshot = result.snapshot;
        host.outcome.changes = result.plan.changes;
        host.outcome.checksum = result.plan.checksum;
        host.outcome.applied = true;
        if (result.replanned) host.outcome.replanned = true;
      } catch (error) {
        host.outcome.applied = false;
        host.outcome.error = describeError(error);
        settings.log.error(describeError(error));
      }
    }),
  );
}

/** Drops the names moving in from a host whose removal failed, and says so on this host. */
function withoutBlockedMoves(plan: HostPlan, progress: HostProgress[]): HostPlan {
  const sourceFailed = (hostId: string): boolean => progress.find((p) => p.read.host.id === hostId)?.outcome.error !== undefined;
  const blocked = plan.changes.filter((c) => isMoveIn(c, plan.host) && c.action === 'move' && sourceFailed(c.from));
  if (blocked.length === 0) return plan;
  const names = blocked.map((c) => c.name).join(', ');
  const self = progress.find((p) => p.read.host.id === plan.host);
  self?.outcome.warnings.push(`not moved here because their removal from the source host failed: ${names}`);
  return { ...plan, changes: plan.changes.filter((c) => !blocked.includes(c)) };
}
