import type { Change, HostPlan, MoveChange, RemoveChange } from './change.js';
import { hostChecksum } from './checksum.js';
import { removedHostnames } from './hostnames.js';
import { makeMove, withChanges } from './link-moves.js';

/**
 * Hosts outside `--hosts` are read only to link moves; they are never written. A name moving in
 * from such a host must leave it first, so this host holds it back (out of its changes, with a
 * warning) until that host has been applied. A name moving out to such a host leaves here now
 * and arrives there when that host is applied. Makes the host's plan from its linked changes
 * (`linkMoves`' finish), so held moves never enter its changes, warnings or checksum.
 */
export function holdBackMoves(plan: HostPlan, linked: readonly Change[], readOnly: ReadonlySet<string>): HostPlan {
  const held = linked.filter((c): c is MoveChange => c.action === 'move' && c.to === plan.host && readOnly.has(c.from));
  const leaving = linked.filter((c): c is MoveChange => c.action === 'move' && c.from === plan.host && readOnly.has(c.to));
  const kept = withChanges(plan, linked.filter((change) => !held.includes(change as MoveChange)));
  if (held.length === 0 && leaving.length === 0) return kept;
  const warnings = [...kept.warnings, ...leavingWarnings(leaving), ...held.map((move) => heldBackWarning(move, plan.host))];
  return { ...kept, warnings, heldBack: held, resultingCount: plan.resultingCount - held.length };
}

/**
 * A name the file gives to a host whose read failed cannot be linked into a move: nothing says
 * whether that host serves it, and it will not be added there in this run. Removing it here would
 * leave no host serving it, so the removal is held back (out of the changes, with a warning).
 * `unreadable` maps each hostname the file gives to such a host to that host's id.
 */
export function holdBackRemovals(plan: HostPlan, unreadable: ReadonlyMap<string, string>): HostPlan {
  const held: MoveChange[] = [];
  const kept = plan.changes.filter((change) => {
    if (change.action !== 'remove') return true;
    const destination = removedHostnames(change, plan.host).map((name) => unreadable.get(name)).find((id) => id !== undefined);
    if (destination === undefined) return true;
    held.push(unlinkedMove(change, plan.host, destination));
    return false;
  });
  if (held.length === 0) return plan;
  const warnings = [...plan.warnings, ...held.map((move) => heldBackWarning(move, plan.host))];
  return holding(plan, kept, [...(plan.heldBack ?? []), ...held], warnings, plan.resultingCount + held.length);
}

/** A plan made again before writing keeps holding back what the original held back. */
export function keepHeldBack(fresh: HostPlan, original: HostPlan): HostPlan {
  const held = original.heldBack ?? [];
  if (held.length === 0) return fresh;
  const arriving = new Set(held.filter((move) => move.to === fresh.host).map((move) => move.name));
  const leaving = new Set(held.filter((move) => move.from === fresh.host).map((move) => move.name));
  const kept = fresh.changes.filter(
    (change) => !(change.action === 'add' && arriving.has(change.name)) && !(change.action === 'remove' && leaving.has(change.name)),
  );
  const addsHeld = fresh.changes.filter((change) => change.action === 'add' && !kept.includes(change)).length;
  const removalsHeld = fresh.changes.length - kept.length - addsHeld;
  const warnings = [...fresh.warnings, ...held.map((move) => heldBackWarning(move, fresh.host))];
  return holding(fresh, kept, held, warnings, fresh.resultingCount - addsHeld + removalsHeld);
}

/** The plan with `kept` as its changes and `heldBack` set aside, checksum over what it still does. */
function holding(plan: HostPlan, kept: Change[], heldBack: MoveChange[], warnings: string[], resultingCount: number): HostPlan {
  return { ...plan, changes: kept, warnings, heldBack, resultingCount, checksum: hostChecksum(kept, plan.host) };
}

/** One per destination: the names leave here now and arrive there only when it is applied. */
function leavingWarnings(leaving: readonly MoveChange[]): string[] {
  const byDestination = new Map<string, string[]>();
  for (const move of leaving) byDestination.set(move.to, [...(byDestination.get(move.to) ?? []), `\`${move.name}\``]);
  return [...byDestination].map(([to, names]) => {
    const [verb, pronoun] = names.length === 1 ? ['is', 'it'] : ['are', 'them'];
    return `${names.join(', ')} ${verb} added on \`${to}\` only when \`${to}\` is applied; apply \`${to}\` next to serve ${pronoun} again`;
  });
}

function unlinkedMove(removal: RemoveChange, from: string, to: string): MoveChange {
  return makeMove(removal.name, from, to, removal, { wildcard: removal.wildcard });
}

/** Held back on the destination: the source must release the name first. On the source: the destination could not be read. */
function heldBackWarning(move: MoveChange, hostId: string): string {
  if (move.from === hostId) return `\`${move.name}\` is not removed: it moves to \`${move.to}\`, which could not be read`;
  return `\`${move.name}\` is still on \`${move.from}\`; apply \`${move.from}\` first`;
}
