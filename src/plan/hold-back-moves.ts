import type { HostPlan, MoveChange } from './change.js';
import { hostChecksum } from './checksum.js';
import { moveWarnings } from './link-moves.js';

/**
 * Hosts outside `--hosts` are read only to link moves; they are never written. A name moving in
 * from such a host must leave it first, so this host holds it back (out of its changes, with a
 * warning) until that host has been applied. A name moving out to such a host leaves here now
 * and arrives there when that host is applied.
 */
export function holdBackMoves(plan: HostPlan, readOnly: ReadonlySet<string>): HostPlan {
  const held = plan.changes.filter((c): c is MoveChange => c.action === 'move' && c.to === plan.host && readOnly.has(c.from));
  const leaving = plan.changes.filter((c): c is MoveChange => c.action === 'move' && c.from === plan.host && readOnly.has(c.to));
  if (held.length === 0 && leaving.length === 0) return plan;
  const kept = plan.changes.filter((change) => !held.includes(change as MoveChange));
  const linkNotes = new Set(moveWarnings(plan.changes, plan.host));
  const warnings = [
    ...plan.warnings.filter((warning) => !linkNotes.has(warning)),
    ...moveWarnings(kept, plan.host),
    ...leavingWarnings(leaving),
    ...held.map(heldBackWarning),
  ];
  return {
    ...plan,
    changes: kept,
    warnings,
    heldBack: held,
    resultingCount: plan.resultingCount - held.length,
    checksum: hostChecksum(kept),
  };
}

/** A plan made again before writing keeps holding back what the original held back. */
export function keepHeldBack(fresh: HostPlan, original: HostPlan): HostPlan {
  const held = original.heldBack ?? [];
  if (held.length === 0) return fresh;
  const names = new Set(held.map((move) => move.name));
  const kept = fresh.changes.filter((change) => !(change.action === 'add' && names.has(change.name)));
  return {
    ...fresh,
    changes: kept,
    warnings: [...fresh.warnings, ...held.map(heldBackWarning)],
    heldBack: held,
    resultingCount: fresh.resultingCount - (fresh.changes.length - kept.length),
    checksum: hostChecksum(kept),
  };
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

function heldBackWarning(move: MoveChange): string {
  return `\`${move.name}\` is still on \`${move.from}\`; apply \`${move.from}\` first`;
}
