import type { DesiredDomain, DesiredHost } from '../config/desired-state.js';
import { matchesAnyGlob } from '../config/glob.js';
import type { Capabilities, CurrentDomain, HostSnapshot } from '../hosts/provider.js';
import type { AddChange, Change, HostPlan, RemoveChange, UpdateChange } from './change.js';
import { hostChecksum } from './checksum.js';
import { sortChanges } from './change-order.js';

export interface PlanContext {
  capabilities: Capabilities;
  /** Globs unmanaged on this host besides its own `ignore`: the global ignore, the previews pattern. */
  unmanaged: string[];
  /**
   * Names other hosts of the file list. A panel-owned (`system`) domain is unmanaged only while
   * the file lists it nowhere; listed on another host, its removal is planned (and refused).
   */
  listedElsewhere?: ReadonlySet<string>;
}

interface WantedName {
  www: boolean;
  wildcard: boolean;
}

/**
 * The changes that make one host match its block of domains.yml. Pure. Changes come in a
 * deliberate order: adds, then updates, then removes, each sorted by name.
 */
export function planHost(desired: DesiredHost, current: HostSnapshot, context: PlanContext): HostPlan {
  const flagModel = context.capabilities.wwwModel === 'flag';
  const wanted = flagModel ? wantedDomains(desired.domains) : wantedHostnames(desired.domains);
  const present = uniqueByName(current.domains);
  const unmanagedGlobs = [...desired.ignore, ...context.unmanaged, ...context.capabilities.systemDomains];
  const isUnmanaged = (domain: CurrentDomain): boolean =>
    !wanted.has(domain.name) &&
    (matchesAnyGlob(domain.name, unmanagedGlobs) ||
      (domain.system !== undefined && !(context.listedElsewhere?.has(domain.name) ?? false)));

  const changes: Change[] = [];
  for (const [name, want] of wanted) {
    const existing = present.get(name);
    if (!existing) {
      changes.push(addChange(name, want, flagModel));
      continue;
    }
    if (!flagModel || existing.www === want.www) continue;
    const dropsCompanion = existing.www && !want.www;
    if (dropsCompanion && desired.removals === 'keep') continue;
    changes.push(updateChange(existing, want.www));
  }

  const unmanaged: string[] = [];
  let managedCount = 0;
  for (const domain of present.values()) {
    if (isUnmanaged(domain)) {
      unmanaged.push(domain.name);
      continue;
    }
    managedCount += hostnamesOfRecord(domain, flagModel);
    if (!wanted.has(domain.name) && desired.removals === 'sync') {
      changes.push(removeChange(domain, flagModel));
    }
  }

  const added = changes.filter((change) => change.action === 'add').length;
  const removed = changes.filter((change) => change.action === 'remove').length;
  const ordered = sortChanges(changes, desired.id);
  return {
    host: desired.id,
    provider: desired.provider,
    changes: ordered,
    managedCount,
    resultingCount: present.size + added - removed,
    unmanaged: unmanaged.sort(),
    warnings: [],
    checksum: hostChecksum(ordered, desired.id),
  };
}

/** Separate model: every hostname is its own entry, the `www.` companion included. */
function wantedHostnames(domains: readonly DesiredDomain[]): Map<string, WantedName> {
  const wanted = new Map<string, WantedName>();
  for (const domain of domains) {
    if (!wanted.has(domain.name)) wanted.set(domain.name, { www: false, wildcard: domain.wildcard });
    const companion = `www.${domain.name}`;
    if (domain.www && !wanted.has(companion)) wanted.set(companion, { www: false, wildcard: false });
  }
  return wanted;
}

/** Flag model: one record per domain, the companion being its `www` flag. */
function wantedDomains(domains: readonly DesiredDomain[]): Map<string, WantedName> {
  const wanted = new Map<string, WantedName>();
  for (const domain of domains) {
    const earlier = wanted.get(domain.name);
    wanted.set(domain.name, { www: domain.www || (earlier?.www ?? false), wildcard: domain.wildcard });
  }
  return wanted;
}

function uniqueByName(domains: readonly CurrentDomain[]): Map<string, CurrentDomain> {
  const unique = new Map<string, CurrentDomain>();
  for (const domain of domains) if (!unique.has(domain.name)) unique.set(domain.name, domain);
  return unique;
}

function hostnamesOfRecord(domain: CurrentDomain, flagModel: boolean): number {
  return flagModel && domain.www ? 2 : 1;
}

function addChange(name: string, want: WantedName, flagModel: boolean): AddChange {
  return flagModel
    ? { action: 'add', name, www: want.www, wildcard: want.wildcard }
    : { action: 'add', name, wildcard: want.wildcard };
}

function updateChange(existing: CurrentDomain, www: boolean): UpdateChange {
  const change: UpdateChange = { action: 'update', name: existing.name, www: { from: existing.www, to: www } };
  if (existing.id !== undefined) change.id = existing.id;
  return change;
}

function removeChange(domain: CurrentDomain, flagModel: boolean): RemoveChange {
  const change: RemoveChange = { action: 'remove', name: domain.name, wildcard: domain.wildcard };
  if (flagModel) change.www = domain.www;
  if (domain.id !== undefined) change.id = domain.id;
  if (domain.system !== undefined) change.system = domain.system;
  return change;
}
