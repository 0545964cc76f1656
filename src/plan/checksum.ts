import { createHash } from 'node:crypto';
import type { Change } from './change.js';

/**
 * Checksums over what a plan does, never over panel internals: ids can differ between two runs
 * that make the same change, so they are left out. Stable across runs, input order and key order.
 */

export interface HostChecksum {
  host: string;
  checksum: string;
}

type CanonicalValue = string | number | boolean | null | CanonicalValue[] | { [key: string]: CanonicalValue };

export function hostChecksum(changes: readonly Change[]): string {
  const entries = changes.map((change) => canonicalJson(checksumFields(change))).sort();
  return sha256(`[${entries.join(',')}]`);
}

/** Over `host id + host checksum` pairs, sorted by host id. */
export function planChecksum(hosts: readonly HostChecksum[]): string {
  const pairs = [...hosts]
    .sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0))
    .map(({ host, checksum }) => canonicalJson([host, checksum]));
  return sha256(`[${pairs.join(',')}]`);
}

/** The deliberate field set: what is changed, not how the panel identifies it. */
function checksumFields(change: Change): CanonicalValue {
  switch (change.action) {
    case 'add':
      return definedOnly({ action: change.action, name: change.name, www: change.www, wildcard: change.wildcard });
    case 'remove':
      return definedOnly({ action: change.action, name: change.name, www: change.www, wildcard: change.wildcard });
    case 'update':
      return { action: change.action, name: change.name, www: { from: change.www.from, to: change.www.to } };
    case 'move':
      return definedOnly({
        action: change.action,
        name: change.name,
        from: change.from,
        to: change.to,
        www: change.www,
        sourceWww: change.sourceWww,
        wildcard: change.wildcard,
      });
  }
}

function definedOnly(fields: Record<string, string | boolean | undefined>): CanonicalValue {
  const kept: Record<string, CanonicalValue> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) kept[key] = value;
  return kept;
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
