import { capabilitiesOf } from '../hosts/capabilities.js';
import type { HostSnapshot } from '../hosts/provider.js';
import type { Change, MoveChange } from '../plan/change.js';
import { moveHalfOn } from '../plan/move-halves.js';
import { effectOn } from './changes-in-round.js';
import { progressOf, type HostProgress } from './host-progress.js';
import { hasLanded } from './landed.js';

/**
 * Sets each planned host's reported changes to those that landed, judged by the host's last
 * read (none for a host that was not written), so counts never include what was only planned.
 * A move whose source released the name but whose destination (in this run) did not take it is
 * reported as what it was: a removal. A `www.` companion that leaves a host listing it on its own
 * arrives as the `www` flag of its domain on a host that models it so.
 */
export function reportLandedChanges(progress: readonly HostProgress[]): void {
  const landed = new Map<string, Change[]>();
  for (const host of progress) {
    if (!host.plan) continue;
    const known = host.writable && host.snapshot;
    landed.set(host.plan.host, known ? landedOn(host.plan.changes, host.plan.host, known, host) : []);
  }
  for (const [hostId, changes] of landed) {
    progressOf(progress, hostId)!.outcome.changes = changes.map((change) => {
      if (change.action !== 'move' || change.from !== hostId) return change;
      if (!progressOf(progress, change.to)) return change;
      const arrived = landed.get(change.to) ?? [];
      return arrived.some((c) => c.action === 'move' && arrivesAs(c, change.name)) ? change : moveHalfOn(change, hostId);
    });
  }
}

/** A move that landed on its destination brings `name`: itself, or its `www.` companion as the destination's `www` flag. */
function arrivesAs(move: MoveChange, name: string): boolean {
  return move.name === name || (move.www === true && `www.${move.name}` === name);
}

function landedOn(changes: readonly Change[], hostId: string, snapshot: HostSnapshot, host: HostProgress): Change[] {
  const flagModel = capabilitiesOf[host.read.host.provider].wwwModel === 'flag';
  return changes.filter((change) => hasLanded(effectOn(change, hostId), snapshot, flagModel));
}
