import type { DesiredHost } from '../config/desired-state.js';
import { capabilitiesOf } from '../hosts/capabilities.js';
import type { HostSnapshot } from '../hosts/provider.js';
import { sortChanges } from '../plan/change-order.js';
import type { Change, HostPlan } from '../plan/change.js';
import { hostChecksum } from '../plan/checksum.js';

/** Preview names that should be on the host and ones that should not; nothing else is touched. */
export interface PreviewEdit {
  arriving: readonly string[];
  leaving: readonly string[];
}

/**
 * The changes that bring the previews host to `edit` from what it holds now: an arriving name
 * already there and a leaving name already gone make no change. Pure. Previews are unmanaged,
 * so `managedCount` is 0: the removal guards never count them, only the panel's own limits apply.
 */
export function previewHostPlan(host: DesiredHost, current: HostSnapshot, edit: PreviewEdit): HostPlan {
  const flagModel = capabilitiesOf[host.provider].wwwModel === 'flag';
  const present = new Map(current.domains.map((domain) => [domain.name, domain]));
  const changes: Change[] = [];
  for (const name of new Set(edit.arriving)) {
    if (!present.has(name)) changes.push(flagModel ? { action: 'add', name, www: false, wildcard: false } : { action: 'add', name, wildcard: false });
  }
  for (const name of new Set(edit.leaving)) {
    const domain = present.get(name);
    if (!domain) continue;
    changes.push({
      action: 'remove',
      name,
      wildcard: domain.wildcard,
      ...(flagModel ? { www: domain.www } : {}),
      ...(domain.id !== undefined ? { id: domain.id } : {}),
      ...(domain.system !== undefined ? { system: domain.system } : {}),
    });
  }
  const added = changes.filter((change) => change.action === 'add').length;
  const ordered = sortChanges(changes, host.id);
  return {
    host: host.id,
    provider: host.provider,
    changes: ordered,
    managedCount: 0,
    resultingCount: present.size + added - (changes.length - added),
    unmanaged: [],
    warnings: [],
    checksum: hostChecksum(ordered, host.id),
  };
}
