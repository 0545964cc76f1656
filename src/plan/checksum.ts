import { createHash } from 'node:crypto';
import type { Change } from './change.js';
import { changeFacts } from './change-facts.js';
import { moveHalfOn } from './move-halves.js';

/**
 * Checksums over what a plan does, never over panel internals: ids can differ between two runs
 * that make the same change, so they are left out. Stable across runs, input order and key order.
 */

export interface HostChecksum {
  host: string;
  checksum: string;
}

type CanonicalValue = string | number | boolean | null | CanonicalValue[] | { [key: string]: CanonicalValue };

/**
 * Over what the changes do on this host: a name moving in counts as an addition here and one
 * moving out as a removal, so the checksum is the same whether the other host's half of a move
 * is applied in the same run or (in a fan-out by host) in another.
 */
export function hostChecksum(changes: readonly Change[], hostId: string): string {
  const entries = changes.map((change) => canonicalJson(changeFacts(change.action === 'move' ? moveHalfOn(change, hostId) : change))).sort();
  return sha256(`[${entries.join(',')}]`);
}

/** The checksum of a host with nothing to do. */
export const noChangesChecksum = hostChecksum([], '');


/**
 * Over the `host id + host checksum` pairs of the hosts with changes, sorted by host id. Hosts
 * with nothing to do are left out, so selecting hosts (`--hosts`) or adding a host whose plan is
 * empty leaves the checksum as it is.
 */
export function planChecksum(hosts: readonly HostChecksum[]): string {
  const pairs = hosts
    .filter(({ checksum }) => checksum !== noChangesChecksum)
    .sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0))
    .map(({ host, checksum }) => canonicalJson([host, checksum]));
  return sha256(`[${pairs.join(',')}]`);
}

/** JSON with object keys sorted at every level. */
function canonicalJson(value: CanonicalValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as CanonicalValue)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}
