import type { GuardRefusal } from '../errors.js';
import type { HostSnapshot, Provider } from '../hosts/provider.js';
import type { Logger } from '../log.js';
import type { HostPlan } from '../plan/change.js';
import { sameDomains } from './landed.js';

export interface HostRereadInput {
  provider: Provider;
  plan: HostPlan;
  /** The read the plan was made from. */
  plannedFrom: HostSnapshot;
  /** Plans the host again from a fresh read, keeping the run's move links. */
  replan: (fresh: HostSnapshot) => HostPlan;
  guard: (plan: HostPlan) => GuardRefusal[];
  log: Logger;
}

export interface HostReread {
  /** The plan to write: the original, or the one made again from `fresh`. */
  plan: HostPlan;
  /** The read right before writing: what the write is based on. */
  fresh: HostSnapshot;
  replanned: boolean;
  /** The guards' verdict on a plan made again; empty when the plan stands. */
  refusals: GuardRefusal[];
}

/** Reads the host again before writing; if it changed since planning, plans and guards it again. */
export async function rereadHost(input: HostRereadInput): Promise<HostReread> {
  const fresh = await input.provider.list();
  if (sameDomains(fresh, input.plannedFrom)) return { plan: input.plan, fresh, replanned: false, refusals: [] };
  input.log.warn(`${input.plan.host}: the host changed since the plan was made; planning again from what is there.`);
  const plan = input.replan(fresh);
  return { plan, fresh, replanned: true, refusals: input.guard(plan) };
}
