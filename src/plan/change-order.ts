import type { Change } from './change.js';

/** Adds (and moves in) first, then updates, then removes (and moves out). */
function phaseOf(change: Change, hostId: string): number {
  switch (change.action) {
    case 'add':
      return 0;
    case 'update':
      return 1;
    case 'remove':
      return 2;
    case 'move':
      return change.to === hostId ? 0 : 2;
  }
}

/** The deliberate order a host's changes are listed and applied in: by phase, then by name. */
export function sortChanges(changes: readonly Change[], hostId: string): Change[] {
  return [...changes].sort(
    (a, b) => phaseOf(a, hostId) - phaseOf(b, hostId) || compareNames(a.name, b.name),
  );
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
