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
    ...(read.error !== undefined ? { error: read.error } : {}),
  };
}
