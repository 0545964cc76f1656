import { capabilitiesOf } from '../hosts/capabilities.js';
import type { AddChange, Change, HostPlan, MoveChange, RemoveChange } from './change.js';
import { sortChanges } from './change-order.js';
import { hostChecksum } from './checksum.js';
import { listNames } from './name-list.js';

interface SourceFacts {
  /** flag model: the removed domain's `www` flag. */
  www?: boolean;
  id?: string;
  system?: string;
}

interface DestinationFacts {
  /** flag model: the flag to add with. */
  www?: boolean;
  wildcard: boolean;
}

export function makeMove(
  name: string,
  from: string,
  to: string,
  source: SourceFacts,
  destination: DestinationFacts,
): MoveChange {
  const move: MoveChange = { action: 'move', name, from, to, wildcard: destination.wildcard };
  if (destination.www !== undefined) move.www = destination.www;
  if (source.www !== undefined) move.sourceWww = source.www;
  if (source.id !== undefined) move.id = source.id;
  if (source.system !== undefined) move.system = source.system;
  return move;
}

/**
 * A name removed from one host and added on another becomes one `move`, listed on both hosts in
 * place of the removal and the addition. Where the two hosts model `www` differently, the `www.`
 * companion moves along with its domain. `finish` makes each host's plan from its linked changes.
 */
export function linkMoves(
  plans: readonly HostPlan[],
  finish: (plan: HostPlan, linked: readonly Change[]) => HostPlan = withChanges,
): HostPlan[] {
  const lists = new Map(plans.map((plan) => [plan.host, [...plan.changes]]));
  const listOf = (host: string): Change[] => lists.get(host) ?? [];

  for (const destination of plans) {
    const destinationList = listOf(destination.host);
    for (const add of destination.changes) {
      if (add.action !== 'add' || !destinationList.includes(add)) continue;
      const source = plans.find(
        (plan) => plan.host !== destination.host && findRemoval(listOf(plan.host), add.name) !== undefined,
      );
      const sourceList = source ? listOf(source.host) : [];
      const removal = findRemoval(sourceList, add.name);
      if (!source || !removal) continue;
      const move = makeMove(add.name, source.host, destination.host, removal, add);
      replace(sourceList, removal, move);
      replace(destinationList, add, { ...move });
      linkCompanion(move, { plan: source, changes: sourceList }, { plan: destination, changes: destinationList });
    }
  }

  return plans.map((plan) => finish(plan, listOf(plan.host)));
}

interface HostChanges {
  plan: HostPlan;
  changes: Change[];
}

/**
 * flag → separate: the source's `www` flag leaves with the domain, so the destination's
 * `www.<name>` entry arrives by the same move. separate → flag: the source's `www.<name>` entry
 * leaves for the destination's flag.
 */
function linkCompanion(move: MoveChange, source: HostChanges, destination: HostChanges): void {
  const companion = `www.${move.name}`;
  const sourceModel = capabilitiesOf[source.plan.provider].wwwModel;
  const destinationModel = capabilitiesOf[destination.plan.provider].wwwModel;
  if (sourceModel === 'flag' && destinationModel === 'separate' && move.sourceWww === true) {
    const add = findAddition(destination.changes, companion);
    if (add) replace(destination.changes, add, makeMove(companion, move.from, move.to, {}, add));
  }
  if (sourceModel === 'separate' && destinationModel === 'flag' && move.www === true) {
    const removal = findRemoval(source.changes, companion);
    if (removal) replace(source.changes, removal, makeMove(companion, move.from, move.to, removal, { wildcard: false }));
  }
}

/** The plan with these changes, in the deliberate order, with move warnings and a new checksum. */
export function withChanges(plan: HostPlan, changes: readonly Change[]): HostPlan {
  const ordered = sortChanges(changes, plan.host);
  return {
    ...plan,
    changes: ordered,
    warnings: [...plan.warnings, ...moveWarnings(ordered, plan.host)],
    checksum: hostChecksum(ordered, plan.host),
  };
}

/** One warning per other host that names move to or from, about the gap a move causes. */
export function moveWarnings(changes: readonly Change[], hostId: string): string[] {
  const outgoing = new Map<string, string[]>();
  const incoming = new Map<string, string[]>();
  for (const change of changes) {
    if (change.action !== 'move') continue;
    const [group, other] = change.from === hostId ? [outgoing, change.to] : [incoming, change.from];
    group.set(other, [...(group.get(other) ?? []), change.name]);
  }
  const warnings: string[] = [];
  for (const [to, names] of outgoing) {
    const [verb, them] = names.length === 1 ? ['moves', 'it'] : ['move', 'them'];
    warnings.push(
      `${listNames(names)} ${verb} to ${to}: removed from ${hostId} first, then added on ${to}, so ` +
        `neither host serves ${them} in between, and HTTPS fails until ${to} has a certificate.`,
    );
  }
  for (const [from, names] of incoming) {
    const [verb, them] = names.length === 1 ? ['moves', 'it'] : ['move', 'them'];
    warnings.push(
      `${listNames(names)} ${verb} from ${from}: added on ${hostId} only after ${from} has removed ${them}, ` +
        `so neither host serves ${them} in between, and HTTPS fails until ${hostId} has a certificate.`,
    );
  }
  return warnings;
}

function findRemoval(changes: readonly Change[], name: string): RemoveChange | undefined {
  return changes.find((change): change is RemoveChange => change.action === 'remove' && change.name === name);
}

function findAddition(changes: readonly Change[], name: string): AddChange | undefined {
  return changes.find((change): change is AddChange => change.action === 'add' && change.name === name);
}

function replace(changes: Change[], old: Change, replacement: Change): void {
  const index = changes.indexOf(old);
  if (index >= 0) changes[index] = replacement;
}
