import { describeError, withHostId } from '../errors.js';
import type { Settings } from '../settings.js';
import { applyHost, HostApplyError } from './apply-host.js';
import { withoutBlockedMoves } from './blocked-moves.js';
import { changesInRound, type ApplyRound } from './changes-in-round.js';
import type { HostProgress } from './host-progress.js';

/**
 * One round of writes on every host cleared for writing, in parallel, each based on the host's
 * latest read. A failed host keeps its read after writing (or none, when that is unknown); its
 * error collects each round's failure.
 */
export async function writeRound(settings: Settings, progress: HostProgress[], round: ApplyRound): Promise<void> {
  await Promise.all(
    progress.map(async (host) => {
      const { read, plan, snapshot } = host;
      if (!host.writable || !read.connected || !plan || !snapshot) return;
      // A host whose own changes failed still takes the names other hosts have already released.
      if (round === 'main' && host.outcome.error !== undefined) return;
      const roundPlan = round === 'move-ins' ? withoutBlockedMoves(plan, progress) : plan;
      host.plan = roundPlan;
      if (changesInRound(roundPlan.changes, plan.host, round).length === 0) return;
      try {
        host.snapshot = await applyHost({
          provider: read.connected.provider,
          plan: roundPlan,
          base: snapshot,
          round,
          clock: settings.clock,
          log: settings.log,
        });
      } catch (error) {
        if (error instanceof HostApplyError && error.snapshot) host.snapshot = error.snapshot;
        else delete host.snapshot;
        const message = describeError(error);
        host.outcome.error = host.outcome.error === undefined ? message : `${host.outcome.error}\n${message}`;
        settings.log.error(withHostId(plan.host, message));
      }
    }),
  );
}
