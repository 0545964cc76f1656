import type { Change } from '../plan/change.js';

/**
 * Moves need two rounds across hosts: every host first writes everything except the names
 * moving in (so sources release them), then destinations add the names moving in.
 */
export type ApplyRound = 'main' | 'move-ins';

export function changesInRound(changes: readonly Change[], hostId: string, round: ApplyRound): Change[] {
  return changes.filter((change) => (isMoveIn(change, hostId) ? round === 'move-ins' : round === 'main'));
}

export function isMoveIn(change: Change, hostId: string): boolean {
  return change.action === 'move' && change.to === hostId;
}

/** What a change means for one host's list: a name that arrives, leaves, or has its flag set. */
export type HostEffect =
  | { kind: 'arrive'; name: string; www: boolean; wildcard: boolean }
  | { kind: 'leave'; name: string }
  | { kind: 'set-www'; name: string; www: boolean };

export function effectOn(change: Change, hostId: string): HostEffect {
  switch (change.action) {
    case 'add':
      return { kind: 'arrive', name: change.name, www: change.www ?? false, wildcard: change.wildcard };
    case 'remove':
      return { kind: 'leave', name: change.name };
    case 'update':
      return { kind: 'set-www', name: change.name, www: change.www.to };
    case 'move':
      return change.to === hostId
        ? { kind: 'arrive', name: change.name, www: change.www ?? false, wildcard: change.wildcard }
        : { kind: 'leave', name: change.name };
  }
}
