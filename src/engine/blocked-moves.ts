import type { HostPlan } from '../plan/change.js';
import { isMoveIn } from './changes-in-round.js';
import { progressOf, type HostProgress } from './host-progress.js';

/**
 * Drops the names moving in from a host whose write failed and that still holds them (or whose
 * state is unknown), and says so on this host. They are neither written nor reported as changes
 * here. A name the failed host did release moves in as planned.
 */
export function withoutBlockedMoves(plan: HostPlan, progress: readonly HostProgress[]): HostPlan {
  const stillOnSource = (hostId: string, name: string): boolean => {
    const source = progressOf(progress, hostId);
    if (source?.outcome.error === undefined) return false;
    return !source.snapshot || source.snapshot.domains.some((domain) => domain.name === name);
  };
  const blocked = plan.changes.filter((c) => isMoveIn(c, plan.host) && c.action === 'move' && stillOnSource(c.from, c.name));
  if (blocked.length === 0) return plan;
  const names = blocked.map((c) => c.name).join(', ');
  progressOf(progress, plan.host)?.outcome.warnings.push(`not moved here because their removal from the source host failed: ${names}`);
  return { ...plan, changes: plan.changes.filter((c) => !blocked.includes(c)) };
}
