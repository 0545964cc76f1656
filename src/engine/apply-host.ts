import type { Clock } from '../clock.js';
import { UnsafePlanError, type GuardRefusal } from '../errors.js';
import type { HostSnapshot, Provider } from '../hosts/provider.js';
import type { Logger } from '../log.js';
import type { HostPlan } from '../plan/change.js';
import { changesInRound, effectOn, type ApplyRound } from './changes-in-round.js';
import { describeEffect, notLanded, sameDomains } from './landed.js';
import { writeEffects } from './write-host.js';

export interface HostApplyInput {
  provider: Provider;
  plan: HostPlan;
  /** The read the plan was made from. */
  plannedFrom: HostSnapshot;
  round: ApplyRound;
  /** Plans the host again from a fresh read, keeping the run's move links. */
  replan: (fresh: HostSnapshot) => HostPlan;
  guard: (plan: HostPlan) => GuardRefusal[];
  clock: Clock;
  log: Logger;
}

export interface HostApplyOutcome {
  plan: HostPlan;
  /** The read after writing: what the host holds now. */
  snapshot: HostSnapshot;
  replanned: boolean;
}

export class HostApplyError extends Error {
  override readonly name = 'HostApplyError';
  constructor(
    message: string,
    readonly snapshot?: HostSnapshot,
  ) {
    super(message);
  }
}

/**
 * One host, one round: read again, plan again (and guard again) if the host changed since the
 * plan was made, write, then read back and verify that every effect landed.
 */
export async function applyHost(input: HostApplyInput): Promise<HostApplyOutcome> {
  const { provider, round, log } = input;
  const hostId = input.plan.host;
  const fresh = await provider.list();
  let plan = input.plan;
  const replanned = !sameDomains(fresh, input.plannedFrom);
  if (replanned) {
    log.warn(`${hostId}: the host changed since the plan was made; planning again from what is there.`);
    plan = input.replan(fresh);
    const refusals = input.guard(plan);
    if (refusals.length > 0) throw new UnsafePlanError(refusals);
  }
  const flagModel = provider.capabilities.wwwModel === 'flag';
  const effects = changesInRound(plan.changes, hostId, round).map((change) => effectOn(change, hostId));
  const pending = notLanded(effects, fresh, flagModel);
  if (pending.length === 0) return { plan, snapshot: fresh, replanned };

  log.info(`${hostId}: writing ${pending.length} change${pending.length === 1 ? '' : 's'}.`);
  const failures = await writeEffects(provider, fresh, pending, input.clock);
  const after = await provider.list();
  const missing = notLanded(pending, after, flagModel);
  const unexplained = missing.filter((effect) => !failures.some((f) => f.startsWith(describeEffect(effect))));
  const problems = [...failures, ...unexplained.map((e) => `${describeEffect(e)}: not visible on the host after writing`)];
  if (problems.length > 0) {
    throw new HostApplyError(`${hostId}: ${problems.length} change(s) failed:\n    ${problems.join('\n    ')}`, after);
  }
  return { plan, snapshot: after, replanned };
}
