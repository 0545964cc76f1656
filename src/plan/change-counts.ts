import type { HostOutcome, RunResult } from '../result.js';
import type { Change } from './change.js';
import { addedHostnames, removedHostnames } from './hostnames.js';

/** Hostnames, `www` companions included; an update is one hostname changing. */
export interface ChangeCounts {
  add: number;
  update: number;
  remove: number;
  move: number;
}

/** One host's counts; a move counts on this host whichever side of it the host is. */
export function hostChangeCounts(changes: readonly Change[], hostId: string): ChangeCounts {
  const counts: ChangeCounts = { add: 0, update: 0, remove: 0, move: 0 };
  for (const change of changes) {
    switch (change.action) {
      case 'add':
        counts.add += addedHostnames(change, hostId).length;
        break;
      case 'update':
        counts.update += 1;
        break;
      case 'remove':
        counts.remove += removedHostnames(change, hostId).length;
        break;
      case 'move':
        counts.move += Math.max(removedHostnames(change, hostId).length, addedHostnames(change, hostId).length);
        break;
    }
  }
  return counts;
}

/**
 * The whole run's counts. A move is listed on both of its hosts but counted once, on the host it
 * leaves (or on the one it joins, when the result does not hold the other).
 */
export function changeCounts(result: RunResult): ChangeCounts {
  const hostIds = new Set(result.hosts.map((host) => host.id));
  const total: ChangeCounts = { add: 0, update: 0, remove: 0, move: 0 };
  for (const host of result.hosts) {
    const counted = host.changes.filter((change) => countsHere(change, host, hostIds));
    const counts = hostChangeCounts(counted, host.id);
    total.add += counts.add;
    total.update += counts.update;
    total.remove += counts.remove;
    total.move += counts.move;
  }
  return total;
}

export function totalChanges(counts: ChangeCounts): number {
  return counts.add + counts.update + counts.remove + counts.move;
}

function countsHere(change: Change, host: HostOutcome, hostIds: ReadonlySet<string>): boolean {
  if (change.action !== 'move') return true;
  return change.from === host.id || !hostIds.has(change.from);
}

/** How a host's block is labelled: failed, applied (something was written), or neither. */
export function hostStatus(host: HostOutcome): 'failed' | 'applied' | undefined {
  if (host.error !== undefined) return 'failed';
  return host.applied && host.changes.length > 0 ? 'applied' : undefined;
}
