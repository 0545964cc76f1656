import type { DesiredHost } from '../config/desired-state.js';
import type { GuardRefusal } from '../errors.js';
import type { Capabilities } from '../hosts/provider.js';
import type { HostPlan, MoveChange, RemoveChange } from './change.js';
import { removedHostnames } from './hostnames.js';
import { listNames } from './name-list.js';
import { plural } from './summary-line.js';

/** The percentage guard applies once a host manages this many hostnames. */
export const percentGuardFloor = 10;

/**
 * Every guard one host's plan is over. Removals count hostnames after `www` expansion and
 * include moves away from the host. `force` lifts the removal guards, never the panel's own
 * limits (the domain cap, panel-owned domains).
 */
export function guardHostPlan(
  plan: HostPlan,
  desired: DesiredHost,
  capabilities: Capabilities,
  force: boolean,
): GuardRefusal[] {
  const removed = plan.changes.flatMap((change) => removedHostnames(change, plan.host));
  const refusals: GuardRefusal[] = [];

  const { maxRemovals, maxRemovalPercent } = desired.guards;
  if (!force && removed.length > maxRemovals) {
    refusals.push({
      host: plan.host,
      guard: 'max-removals',
      limit: maxRemovals,
      actual: removed.length,
      forceable: true,
      message:
        `max-removals: the plan removes ${plural(removed.length, 'hostname')} from ${plan.host} ` +
        `(${listNames(removed)}), more than max-removals ${maxRemovals} allows. ` +
        `Raise max-removals for ${plan.host} in domains.yml, or run again with --force after reviewing the plan.`,
    });
  }

  const overPercent = removed.length * 100 > maxRemovalPercent * plan.managedCount;
  if (!force && plan.managedCount >= percentGuardFloor && overPercent) {
    const percent = Math.round((removed.length * 1000) / plan.managedCount) / 10;
    refusals.push({
      host: plan.host,
      guard: 'max-removal-percent',
      limit: maxRemovalPercent,
      actual: percent,
      forceable: true,
      message:
        `max-removal-percent: the plan removes ${removed.length} of the ${plan.managedCount} hostnames ` +
        `${plan.host} manages (${percent}%: ${listNames(removed)}), more than max-removal-percent ` +
        `${maxRemovalPercent} allows. Raise max-removal-percent for ${plan.host} in domains.yml, ` +
        `or run again with --force after reviewing the plan.`,
    });
  }

  const { maxDomains } = capabilities;
  if (maxDomains !== undefined && plan.changes.length > 0 && plan.resultingCount > maxDomains) {
    refusals.push({
      host: plan.host,
      guard: 'max-domains',
      limit: maxDomains,
      actual: plan.resultingCount,
      forceable: false,
      message:
        `max-domains: ${plan.host} would hold ${plan.resultingCount} domains after the plan, more than ` +
        `${plan.provider} allows on one app (${maxDomains}). --force does not lift this limit: ` +
        `split the domains across apps (one host block per app in domains.yml).`,
    });
  }

  const panelOwned = plan.changes.filter(
    (change): change is RemoveChange | MoveChange =>
      (change.action === 'remove' || (change.action === 'move' && change.from === plan.host)) &&
      change.system !== undefined,
  );
  if (panelOwned.length > 0) {
    const described = panelOwned.map((change) => `${change.name} (${change.system ?? 'system'})`);
    const them = panelOwned.length === 1 ? 'it' : 'them';
    refusals.push({
      host: plan.host,
      guard: 'system-domain',
      limit: 0,
      actual: panelOwned.length,
      forceable: false,
      message:
        `system-domain: the plan removes ${listNames(described)} from ${plan.host}, but the panel itself ` +
        `owns ${them}, and --force does not lift this. Change that in the ${plan.provider} panel first ` +
        `(e.g. make another domain primary), or list ${them} on ${plan.host} in domains.yml.`,
    });
  }

  return refusals;
}
