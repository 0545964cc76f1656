import type { DesiredHost, DesiredState } from '../config/desired-state.js';
import type { GuardRefusal } from '../errors.js';
import { capabilitiesOf } from '../hosts/capabilities.js';
import type { HostSnapshot } from '../hosts/provider.js';
import type { Change, HostPlan, MoveChange, Plan } from './change.js';
import { planChecksum } from './checksum.js';
import { guardHostPlan } from './guard.js';
import { holdBackMoves, holdBackRemovals, keepHeldBack } from './hold-back-moves.js';
import { linkMoves, makeMove, withChanges } from './link-moves.js';
import { planHost, type PlanContext } from './plan-host.js';
import { desiredNames } from './hostnames.js';

export interface PlanOptions {
  /** Lift the removal guards (never a panel's own limits). */
  force: boolean;
  /** Hosts outside `--hosts`: their snapshots link moves, but they get no plan of their own. */
  readOnly?: ReadonlySet<string>;
  /** Hosts whose read failed: names the file gives them are not removed from the hosts that have them. */
  unreadable?: ReadonlySet<string>;
}

/**
 * Plans every host whose snapshot was read (a host whose read failed is absent from `snapshots`),
 * links names that leave one host for another into moves, and guards every host. Read-only hosts
 * only take part in linking moves: names moving in from them are held back. Names moving to an
 * unreadable host are held back on their source.
 */
export function planAll(desired: DesiredState, snapshots: Map<string, HostSnapshot>, options: PlanOptions): Plan {
  const planned: HostPlan[] = [];
  for (const host of desired.hosts) {
    const snapshot = snapshots.get(host.id);
    if (snapshot) planned.push(planHost(host, snapshot, planContextFor(desired, host)));
  }
  const readOnly = options.readOnly ?? new Set<string>();
  const unreadableNames = namesGivenTo(desired, options.unreadable ?? new Set());
  const hosts = linkMoves(planned, (plan, linked) => holdBackMoves(plan, linked, readOnly))
    .filter((plan) => !readOnly.has(plan.host))
    .map((plan) => holdBackRemovals(plan, unreadableNames));
  const refusals = hosts.flatMap((plan) => guard(desired, plan, options));
  return { hosts, checksum: planChecksum(hosts), refusals };
}

/**
 * Plans one host again from a fresh snapshot (the host changed since `original` was made). Names
 * that moved to or from this host in `original` stay moves, so the other host's half still fits,
 * and names it held back stay held back. Not guarded here: the caller guards the result with `guardHostPlan` before writing.
 */
export function replanHost(
  desired: DesiredHost,
  current: HostSnapshot,
  original: HostPlan,
  context: PlanContext,
): HostPlan {
  const fresh = planHost(desired, current, context);
  const links = original.changes.filter((change): change is MoveChange => change.action === 'move');
  const linked = withChanges(fresh, fresh.changes.map((change) => keepMoveLink(change, links, desired.id)));
  return keepHeldBack(linked, original);
}

/** What a host's plan treats as unmanaged besides its own `ignore` (which includes the global one). */
export function planContextFor(desired: DesiredState, host: DesiredHost): PlanContext {
  const listedElsewhere = new Set<string>();
  for (const other of desired.hosts) {
    if (other.id === host.id) continue;
    for (const name of desiredNames(other)) listedElsewhere.add(name);
  }
  const previews = desired.previews ? [desired.previews.domain.replaceAll('{number}', '*')] : [];
  return { capabilities: capabilitiesOf[host.provider], unmanaged: previews, listedElsewhere };
}

/** Each hostname the file gives to one of `hostIds`, with that host's id. */
function namesGivenTo(desired: DesiredState, hostIds: ReadonlySet<string>): Map<string, string> {
  const given = new Map<string, string>();
  for (const host of desired.hosts) {
    if (!hostIds.has(host.id)) continue;
    for (const name of desiredNames(host)) given.set(name, host.id);
  }
  return given;
}

function keepMoveLink(change: Change, links: readonly MoveChange[], hostId: string): Change {
  const link = links.find((move) => move.name === change.name);
  if (!link) return change;
  if (change.action === 'remove' && link.from === hostId) {
    return makeMove(change.name, link.from, link.to, change, { www: link.www, wildcard: change.wildcard });
  }
  if (change.action === 'add' && link.to === hostId) {
    const source = { www: link.sourceWww, id: link.id, system: link.system };
    return makeMove(change.name, link.from, link.to, source, change);
  }
  return change;
}

function guard(desired: DesiredState, plan: HostPlan, options: PlanOptions): GuardRefusal[] {
  const host = desired.hosts.find((candidate) => candidate.id === plan.host);
  if (!host) return [];
  return guardHostPlan(plan, host, capabilitiesOf[host.provider], options.force);
}
