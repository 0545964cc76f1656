import type { HostPlan } from '../plan/change.js';
import { isMoveIn } from './changes-in-round.js';
import { progressOf, type HostProgress } from './host-progress.js';

/**
 * Drops the names moving in from a host whose write failed (their removal there may not have
 * happened), and says so on this host. They are neither written nor reported as changes here.
 */
export function withoutBlockedMoves(plan: HostPlan, progress: readonly HostProgress[]): HostPlan {
  const sourceFailed = (hostId: string): boolean => progressOf(progress, hostId)?.outcome.error !== undefined;
  const blocked = plan.changes.filter((c) => isMoveIn(c, plan.host) && c.action === 'move' && sourceFailed(c.from));
  if (blocked.length === 0) return plan;
  const names = blocked.map((c) => c.name).join(', ');
  progressOf(progress, plan.host)?.outcome.warnings.push(`not moved here because their removal from the source host failed: ${names}`);
  return { ...plan, changes: plan.changes.filter((c) => !blocked.includes(c)) };
}
