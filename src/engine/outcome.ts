import type { HostPlan } from '../plan/change.js';
import type { HostOutcome } from '../result.js';
import type { HostRead } from './read-hosts.js';

/** A host's outcome as far as the run got: read, planned, maybe applied. */
export function outcomeOf(read: HostRead, plan?: HostPlan): HostOutcome {
  return {
    id: read.host.id,
    provider: read.host.provider,
    checksum: plan?.checksum ?? '',
    apiCalls: read.connected?.http.calls ?? 0,
    changes: plan?.changes ?? [],
    warnings: plan?.warnings ?? [],
    ...(plan?.heldBack?.length ? { heldBack: plan.heldBack.map((move) => move.name) } : {}),
    ...(read.error !== undefined ? { error: read.error } : {}),
  };
}
