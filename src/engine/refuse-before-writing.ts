import { UnsafePlanError } from '../errors.js';
import { noChangesChecksum } from '../plan/checksum.js';
import type { Plan } from '../plan/change.js';
import type { ReviewedChecksums, Settings } from '../settings.js';

/** Why the plan may not be written at all (a guard, or a checksum other than the reviewed one); undefined when it may. */
export function refuseBeforeWriting(settings: Settings, plan: Plan): string | undefined {
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

/**
 * Hosts whose changes differ from the reviewed ones. A host with nothing to do now writes nothing
 * and passes, unless it holds back a name for another host: then it is not done, and passing would
 * let a job per host go green before the name has anywhere to go.
 */
function refuseUnreviewedHosts(reviewed: ReviewedChecksums, plan: Plan): string | undefined {
  const changed = plan.hosts.filter(
    (host) =>
      (host.changes.length > 0 || (host.heldBack?.length ?? 0) > 0) && host.checksum !== (reviewed.hosts[host.host] ?? noChangesChecksum),
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
