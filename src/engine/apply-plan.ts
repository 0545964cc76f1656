import type { DesiredState } from '../config/desired-state.js';
import { UnsafePlanError } from '../errors.js';
import type { Plan } from '../plan/change.js';
import type { HostOutcome, RunResult } from '../result.js';
import type { Settings } from '../settings.js';
import type { HostProgress } from './host-progress.js';
import { reportLandedChanges } from './landed-changes.js';
import { outcomeOf } from './outcome.js';
import type { HostRead } from './read-hosts.js';
import { refuseBeforeWriting } from './refuse-before-writing.js';
import { rereadBeforeWriting } from './reread-before-writing.js';
import { settleCertificates, type AppliedHost } from './settle-certificates.js';
import { writeRound } from './write-round.js';

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
    const errors = plan.refusals.length > 0 ? [] : [refusal];
    return { ...base, result: 'failed', hosts: progress.map((p) => p.outcome), errors };
  }

  const rereadRefusals = await rereadBeforeWriting(settings, desired, progress);
  if (rereadRefusals.length > 0) {
    const message = new UnsafePlanError(rereadRefusals).message;
    settings.log.error(message);
    return { ...base, result: 'failed', hosts: outcomesOf(progress), refusals: [...plan.refusals, ...rereadRefusals], errors: [] };
  }

  await writeRound(settings, progress, 'main');
  await writeRound(settings, progress, 'move-ins');
  for (const p of progress) if (p.read.connected && p.plan) p.outcome.applied = p.outcome.error === undefined;
  reportLandedChanges(progress);

  // A host whose write partly failed still gets certificates for the names that landed there.
  const applied: AppliedHost[] = progress.flatMap((p) =>
    p.read.connected && p.plan && p.snapshot && (p.outcome.applied || p.outcome.changes.length > 0)
      ? [{ connected: p.read.connected, plan: { ...p.plan, changes: p.outcome.changes }, snapshot: p.snapshot, outcome: p.outcome }]
      : [],
  );
  const { ssl, unverified } = await settleCertificates(settings, desired, applied, { unchangedNames: true });
  const hosts = outcomesOf(progress);
  const failed = hosts.some((h) => h.error !== undefined) || unverified.length > 0;
  const changed = hosts.some((h) => h.changes.length > 0);
  return { ...base, result: failed ? 'failed' : changed ? 'applied' : 'no-changes', hosts, ssl, errors: [] };
}

/** Each host's outcome with the API calls it has taken so far. */
function outcomesOf(progress: readonly HostProgress[]): HostOutcome[] {
  return progress.map((p) => ({ ...p.outcome, apiCalls: p.read.connected?.http.calls ?? 0 }));
}
