import type { DesiredDomain, DesiredHost, DesiredState, ProviderName, RemovalPolicy } from '../../src/config/desired-state.js';
import type { SourceLocation } from '../../src/errors.js';
import type { CurrentDomain, HostSnapshot } from '../../src/hosts/provider.js';

/** Builders for planner inputs: small, explicit, and shaped like what config loading produces. */

const source: SourceLocation = { file: 'domains.yml', line: 1, column: 1, path: 'hosts' };

export function domain(name: string, options: { www?: boolean } = {}): DesiredDomain {
  return { name, www: options.www ?? false, wildcard: name.startsWith('*.'), ssl: true, source };
}

export interface HostOptions {
  removals?: RemovalPolicy;
  ignore?: string[];
  maxRemovals?: number;
  maxRemovalPercent?: number;
}

export function desiredHost(
  id: string,
  provider: ProviderName,
  domains: DesiredDomain[],
  options: HostOptions = {},
): DesiredHost {
  return {
    id,
    provider,
    credentials: { variables: {}, explicit: false },
    pointsTo: [],
    domains,
    ignore: options.ignore ?? [],
    removals: options.removals ?? 'sync',
    guards: { maxRemovals: options.maxRemovals ?? 5, maxRemovalPercent: options.maxRemovalPercent ?? 30 },
    ssl: { wait: true, timeoutMs: 1_200_000, minDays: 7 },
    source,
  };
}

export function desiredState(hosts: DesiredHost[], previewDomain?: string): DesiredState {
  const state: DesiredState = { file: 'domains.yml', hosts };
  if (previewDomain) state.previews = { host: hosts[0]?.id ?? '', domain: previewDomain, source };
  return state;
}

/** `current('a.com', 'b.com')` or records with flags: `current({ name: 'a.com', www: true, id: '7' })`. */
export function current(...domains: Array<string | (Partial<CurrentDomain> & { name: string })>): HostSnapshot {
  return {
    domains: domains.map((entry) => {
      const record = typeof entry === 'string' ? { name: entry } : entry;
      return { www: false, wildcard: record.name.startsWith('*.'), ...record };
    }),
  };
}

/** `count` names `name-1.<suffix>`... */
export function manyNames(count: number, suffix: string): string[] {
  return Array.from({ length: count }, (_, index) => `name-${index + 1}.${suffix}`);
}
