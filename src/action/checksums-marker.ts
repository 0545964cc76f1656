import type { RunResult } from '../result.js';
import type { ReviewedChecksums } from '../settings.js';

/**
 * The plan's checksums, hidden in the plan comment as an HTML comment that `expect-checksum:
 * from-pr` reads back after the merge:
 * `<!-- domain-sync:checksums {"plan":"sha256:…","hosts":{"production":"sha256:…"}} -->`.
 */

const prefix = '<!-- domain-sync:checksums ';
const suffix = ' -->';
const markerPattern = /<!-- domain-sync:checksums (\{[^\n]*?\}) -->/;
/** Past this, only the hosts with changes are listed (a missing host means no changes reviewed). */
const compactAbove = 16_384;

export type PlanChecksums = Omit<ReviewedChecksums, 'source'>;

/** Only for a plan: validate and the other modes review nothing. Hosts whose read failed are left out. */
export function checksumsMarker(result: RunResult): string | undefined {
  if (result.mode !== 'plan' || !result.checksum) return undefined;
  const planned = result.hosts.filter((host) => host.error === undefined && host.checksum !== '');
  const marker = (hosts: typeof planned): string =>
    `${prefix}${JSON.stringify({ plan: result.checksum, hosts: Object.fromEntries(hosts.map((host) => [host.id, host.checksum])) })}${suffix}`;
  const full = marker(planned);
  return full.length <= compactAbove ? full : marker(planned.filter((host) => host.changes.length > 0));
}

/** The checksums in a comment body, or undefined when it has none (or they are malformed). */
export function parseChecksumsMarker(body: string): PlanChecksums | undefined {
  const json = markerPattern.exec(body)?.[1];
  if (json === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const { plan, hosts } = (typeof value === 'object' && value !== null ? value : {}) as { plan?: unknown; hosts?: unknown };
  if (typeof plan !== 'string' || typeof hosts !== 'object' || hosts === null || Array.isArray(hosts)) return undefined;
  const entries = Object.entries(hosts as Record<string, unknown>);
  if (!entries.every((entry): entry is [string, string] => typeof entry[1] === 'string')) return undefined;
  return { plan, hosts: Object.fromEntries(entries) };
}
