import type { DesiredState } from '../config/desired-state.js';
import { describeError, UnsafePlanError } from '../errors.js';
import { hostChecksum } from '../plan/checksum.js';
import type { Plan } from '../plan/change.js';
import type { RunResult } from '../result.js';
import type { ReviewedChecksums, Settings } from '../settings.js';
import { applyHost, HostApplyError } from './apply-host.js';
import { withoutBlockedMoves } from './blocked-moves.js';
import { changesInRound, type ApplyRound } from './changes-in-round.js';
import type { HostProgress } from './host-progress.js';
import { reportLandedChanges } from './landed-changes.js';
import { outcomeOf } from './outcome.js';
import type { HostRead } from './read-hosts.js';
import { rereadBeforeWriting } from './reread-before-writing.js';
import { settleCertificates, type AppliedHost } from './settle-certificates.js';

/**
 * apply: refuse the whole run on any guard or checksum mismatch before any write; read every
 * host with changes again and refuse the whole run if a plan made again trips a guard; otherwise
 * write every host in parallel (names moving between hosts leave their source first), report
 * the changes that landed, then ask for certificates and wait for them.
 */
export async function applyPlan(settings: Settings, desired: DesiredState, reads: HostRead[], plan: Plan): Promise<RunResult> {
  const progress = reads.map((read): HostProgress => {
    const hostPlan = plan.hosts.find((p) => p.host === read.host.id);
    const planned = { ...(hostPlan ? { plan: hostPlan } : {}), ...(read.snapshot ? { snapshot: read.snapshot } : {}) };
    return { read, ...planned, outcome: outcomeOf(read, hostPlan), writable: false };
  });
  const base = { mode: settings.mode, checksum: plan.checksum, ssl: [], configIssues: [], refusals: plan.refusals };

  const refusal = refuseBeforeWriting(settings, plan);
  if (refusal) {
    settings.log.error(refusal);
    return { ...base, result: 'failed', hosts: progress.map((p) => p.outcome), errors: [refusal] };
  }

  const rereadRefusals = await rereadBeforeWriting(settings, desired, progress);
  if (rereadRefusals.length > 0) {
    const message = new UnsafePlanError(rereadRefusals).message;
    settings.log.error(message);
    const hosts = progress.map((p) => ({ ...p.outcome, apiCalls: p.read.connected?.http.calls ?? 0 }));
    return { ...base, result: 'failed', hosts, refusals: [...plan.refusals, ...rereadRefusals], errors: [message] };
  }

  await runRound(settings, progress, 'main');
  await runRound(settings, progress, 'move-ins');
  for (const p of progress) if (p.read.connected && p.plan) p.outcome.applied = p.outcome.error === undefined;
  reportLandedChanges(progress);

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
  const noChanges = hostChecksum([]);
  const changed = plan.hosts.filter(
    (host) => host.changes.length > 0 && host.checksum !== (reviewed.hosts[host.host] ?? noChanges),
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

async function runRound(settings: Settings, progress: HostProgress[], round: ApplyRound): Promise<void> {
  await Promise.all(
    progress.map(async (host) => {
      const { read, plan, snapshot } = host;
      if (!host.writable || !read.connected || !plan || !snapshot || host.outcome.error !== undefined) return;
      if (round === 'move-ins') host.plan = withoutBlockedMoves(plan, progress);
      if (changesInRound(host.plan!.changes, plan.host, round).length === 0) return;
      try {
        host.snapshot = await applyHost({
          provider: read.connected.provider,
          plan: host.plan!,
          base: snapshot,
          round,
          clock: settings.clock,
          log: settings.log,
        });
      } catch (error) {
        if (error instanceof HostApplyError && error.snapshot) host.snapshot = error.snapshot;
        else delete host.snapshot;
        host.outcome.error = describeError(error);
        settings.log.error(describeError(error));
      }
    }),
  );
}
