import type { Clock } from '../clock.js';
import type { HostSnapshot, Provider } from '../hosts/provider.js';
import type { Logger } from '../log.js';
import type { HostPlan } from '../plan/change.js';
import { changesInRound, effectOn, type ApplyRound } from './changes-in-round.js';
import { describeEffect, notLanded } from './landed.js';
import { PanelActionError } from './poll-action.js';
import { writeEffects, type WriteFailure } from './write-host.js';

export interface HostApplyInput {
  provider: Provider;
  plan: HostPlan;
  /** The latest read of the host; the write is based on it (no read of its own before writing). */
  base: HostSnapshot;
  round: ApplyRound;
  clock: Clock;
  log: Logger;
}

export class HostApplyError extends Error {
  override readonly name = 'HostApplyError';
  constructor(
    message: string,
    /** The read after writing, when there was one. */
    readonly snapshot?: HostSnapshot,
  ) {
    super(message);
  }
}

/**
 * One host, one round: write what `base` does not show yet, then read back. Returns the read
 * after writing; throws a HostApplyError naming every effect that the read back does not show
 * (a write that errored but landed is a success), or the panel's follow-up action that failed.
 */
export async function applyHost(input: HostApplyInput): Promise<HostSnapshot> {
  const { provider, round, log, base } = input;
  const hostId = input.plan.host;
  const flagModel = provider.capabilities.wwwModel === 'flag';
  const effects = changesInRound(input.plan.changes, hostId, round).map((change) => effectOn(change, hostId));
  const pending = notLanded(effects, base, flagModel);
  if (pending.length === 0) return base;

  log.info(`${hostId}: writing ${pending.length} change${pending.length === 1 ? '' : 's'}.`);
  let failures: WriteFailure[];
  try {
    failures = await writeEffects(provider, base, pending, { hostId, clock: input.clock, log });
  } catch (error) {
    if (!(error instanceof PanelActionError)) throw error;
    throw new HostApplyError(`${hostId}: ${error.message}`, await provider.list());
  }
  const after = await provider.list();
  const missing = notLanded(pending, after, flagModel);
  if (missing.length === 0) return after;
  const problems = missing.map((effect) => {
    const reason = failures.find((failure) => failure.effect === effect)?.reason ?? 'not visible on the host after writing';
    return `${describeEffect(effect)}: ${reason}`;
  });
  const count = problems.length === 1 ? '1 change' : `${problems.length} changes`;
  throw new HostApplyError(`${hostId}: ${count} failed:\n    ${problems.join('\n    ')}`, after);
}
