import type { HostSnapshot } from '../hosts/provider.js';
import type { HostPlan } from '../plan/change.js';
import type { HostOutcome } from '../result.js';
import type { HostRead } from './read-hosts.js';

/** One host on its way through apply. */
export interface HostProgress {
  read: HostRead;
  plan?: HostPlan;
  /**
   * The latest read of the host: the one planned from, then the re-read before writing, then
   * the read back after each write. Absent when a failed write left the host's state unknown.
   */
  snapshot?: HostSnapshot;
  outcome: HostOutcome;
  /** Re-read and cleared for writing. */
  writable: boolean;
}

export function progressOf(progress: readonly HostProgress[], hostId: string): HostProgress | undefined {
  return progress.find((host) => host.read.host.id === hostId);
}
