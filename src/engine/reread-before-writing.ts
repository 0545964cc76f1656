import type { DesiredState } from '../config/desired-state.js';
import { describeError, withHostId, type GuardRefusal } from '../errors.js';
import { capabilitiesOf } from '../hosts/capabilities.js';
import { guardHostPlan } from '../plan/guard.js';
import { planContextFor, replanHost } from '../plan/plan-all.js';
import type { Settings } from '../settings.js';
import type { HostProgress } from './host-progress.js';
import { rereadHost } from './reread-host.js';

/**
 * Reads every host with changes again, in parallel, before anything is written anywhere; a host
 * that changed since planning is planned and guarded again. Returns the refusals of the plans
 * made again: if there are any, nothing may be written on any host. A host whose re-read fails
 * gets its error and is not written; the others go on.
 */
export async function rereadBeforeWriting(settings: Settings, desired: DesiredState, progress: HostProgress[]): Promise<GuardRefusal[]> {
  const refusals = await Promise.all(
    progress.map(async (host): Promise<GuardRefusal[]> => {
      const { read, plan, snapshot } = host;
      if (!read.connected || !plan || !snapshot || host.outcome.error !== undefined || plan.changes.length === 0) return [];
      const desiredHost = desired.hosts.find((h) => h.id === plan.host)!;
      try {
        const reread = await rereadHost({
          provider: read.connected.provider,
          plan,
          plannedFrom: snapshot,
          replan: (fresh) => replanHost(desiredHost, fresh, plan, planContextFor(desired, desiredHost)),
          guard: (next) => guardHostPlan(next, desiredHost, capabilitiesOf[desiredHost.provider], settings.force),
          log: settings.log,
        });
        host.plan = reread.plan;
        host.snapshot = reread.fresh;
        host.writable = true;
        host.outcome.changes = reread.plan.changes;
        host.outcome.checksum = reread.plan.checksum;
        if (reread.replanned) host.outcome.replanned = true;
        return reread.refusals;
      } catch (error) {
        host.outcome.error = describeError(error);
        settings.log.error(withHostId(plan.host, host.outcome.error));
        return [];
      }
    }),
  );
  return refusals.flat();
}
