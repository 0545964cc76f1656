import type { DesiredHost } from '../config/desired-state.js';
import { describeError, UnsafePlanError, type GuardRefusal } from '../errors.js';
import { capabilitiesOf } from '../hosts/capabilities.js';
import type { HostSnapshot } from '../hosts/provider.js';
import type { HostPlan } from '../plan/change.js';
import { guardHostPlan } from '../plan/guard.js';
import type { HostOutcome } from '../result.js';
import type { Settings } from '../settings.js';
import { applyHost } from './apply-host.js';
import { outcomeOf } from './outcome.js';
import { previewHostPlan, type PreviewEdit } from './preview-plan.js';
import { readHosts, type HostRead } from './read-hosts.js';
import { rereadHost } from './reread-host.js';

export interface PreviewHostInput {
  settings: Settings;
  host: DesiredHost;
  /** What the previews should be, given what the host holds; asked again if the host changes before writing. */
  editFor: (snapshot: HostSnapshot) => PreviewEdit;
  /** false: plan only. */
  write: boolean;
}

export interface PreviewHostResult {
  read: HostRead;
  /** The changes planned, or written when `outcome.applied`. */
  plan?: HostPlan;
  /** The last read of the host: after writing, when something was written. */
  snapshot?: HostSnapshot;
  outcome: HostOutcome;
  refusals: GuardRefusal[];
}

/**
 * Reads the previews host and brings its preview names to `editFor`'s answer through the same
 * machinery as any apply: re-read before writing (planning again if the host changed),
 * lost answers reconciled by a fresh read, every change read back. Only the panel's own limits
 * guard it: previews are unmanaged, so the removal guards never count them.
 */
export async function editPreviews(input: PreviewHostInput): Promise<PreviewHostResult> {
  const { settings, host } = input;
  const reads = await readHosts([host], {
    env: settings.env,
    clock: settings.clock,
    log: settings.log,
    ...(settings.onSecret ? { onSecret: settings.onSecret } : {}),
  });
  const read = reads[0]!;
  if (!read.connected || !read.snapshot) {
    if (read.error !== undefined) settings.log.error(read.error);
    return { read, outcome: outcomeOf(read), refusals: [] };
  }
  const guard = (plan: HostPlan): GuardRefusal[] => guardHostPlan(plan, host, capabilitiesOf[host.provider], true);
  const plan = previewHostPlan(host, read.snapshot, input.editFor(read.snapshot));
  const outcome = outcomeOf(read, plan);
  const refusals = guard(plan);
  if (refusals.length > 0 || !input.write) return { read, plan, snapshot: read.snapshot, outcome, refusals };
  if (plan.changes.length === 0) return { read, plan, snapshot: read.snapshot, outcome: { ...outcome, applied: true }, refusals };

  try {
    const reread = await rereadHost({
      provider: read.connected.provider,
      plan,
      plannedFrom: read.snapshot,
      replan: (fresh) => previewHostPlan(host, fresh, input.editFor(fresh)),
      guard,
      log: settings.log,
    });
    if (reread.refusals.length > 0) throw new UnsafePlanError(reread.refusals);
    const snapshot = await applyHost({
      provider: read.connected.provider,
      plan: reread.plan,
      base: reread.fresh,
      round: 'main',
      clock: settings.clock,
      log: settings.log,
    });
    const written: HostOutcome = { ...outcome, changes: reread.plan.changes, checksum: reread.plan.checksum, applied: true };
    if (reread.replanned) written.replanned = true;
    return { read, plan: reread.plan, snapshot, outcome: written, refusals };
  } catch (error) {
    settings.log.error(describeError(error));
    return { read, plan, snapshot: read.snapshot, outcome: { ...outcome, applied: false, error: describeError(error) }, refusals };
  }
}
