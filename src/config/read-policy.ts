import type { ConfigIssues } from './config-issues.js';
import { policyKeys, removalChoices, sslKeys, wwwChoices } from './config-keys.js';
import { keyPath } from './config-path.js';
import type { RemovalGuards, RemovalPolicy, SslPolicy, WwwPolicy } from './desired-state.js';
import { durationHint, parseDuration } from './durations.js';
import { readMapping, type MappingFields } from './read-mapping.js';
import { describeNode, readBoolean, readChoice, readWholeNumber } from './read-scalars.js';
import type { YamlNode } from './yaml-tree.js';

/** The keys `defaults` holds and every host may override; each one optional. */
export interface PolicyOverrides {
  removals?: RemovalPolicy;
  /** The `removals` key is present, even with an invalid value (then reported already). */
  removalsWritten?: boolean;
  www?: WwwPolicy;
  maxRemovals?: number;
  maxRemovalPercent?: number;
  ssl: Partial<SslPolicy>;
}

export interface ResolvedPolicy {
  removals?: RemovalPolicy;
  /** Whether `removals` was written in defaults or on the host, valid or not. */
  removalsWritten: boolean;
  www: WwwPolicy;
  guards: RemovalGuards;
  ssl: SslPolicy;
}

/** What applies when neither `defaults` nor the host says otherwise. `removals` has no default. */
export const builtInPolicy: Omit<ResolvedPolicy, 'removals' | 'removalsWritten'> = {
  www: 'main-only',
  guards: { maxRemovals: 5, maxRemovalPercent: 30 },
  ssl: { wait: true, timeoutMs: 20 * 60_000, minDays: 7 },
};

const removalChoicesExplained = 'sync = remove from the host what the file does not list, keep = never remove anything';

export const removalsHint = `add \`removals: sync\` or \`removals: keep\` under \`defaults:\` or this host (${removalChoicesExplained})`;

/** Reads the policy keys present in a mapping already checked by `readMapping`. */
export function readPolicy(fields: MappingFields, path: string, issues: ConfigIssues): PolicyOverrides {
  const policy: PolicyOverrides = { ssl: {} };
  const field = (key: (typeof policyKeys)[number]) => fields.get(key)?.value;
  const removals = field('removals');
  if (removals) {
    policy.removalsWritten = true;
    const value = readChoice(removals, keyPath(path, 'removals'), issues, removalChoices, removalChoicesExplained);
    if (value) policy.removals = value;
  }
  const www = field('www');
  if (www) {
    const value = readChoice(www, keyPath(path, 'www'), issues, wwwChoices);
    if (value) policy.www = value;
  }
  const maxRemovals = field('max-removals');
  if (maxRemovals) {
    const value = readWholeNumber(maxRemovals, keyPath(path, 'max-removals'), issues, { min: 0 });
    if (value !== undefined) policy.maxRemovals = value;
  }
  const maxRemovalPercent = field('max-removal-percent');
  if (maxRemovalPercent) {
    const value = readWholeNumber(maxRemovalPercent, keyPath(path, 'max-removal-percent'), issues, { min: 0, max: 100 });
    if (value !== undefined) policy.maxRemovalPercent = value;
  }
  const ssl = field('ssl');
  if (ssl) policy.ssl = readSslPolicy(ssl, keyPath(path, 'ssl'), issues);
  return policy;
}

function readSslPolicy(node: YamlNode, path: string, issues: ConfigIssues): Partial<SslPolicy> {
  const fields = readMapping(node, path, issues, sslKeys);
  const ssl: Partial<SslPolicy> = {};
  if (!fields) return ssl;
  const wait = fields.get('wait')?.value;
  if (wait) {
    const value = readBoolean(wait, keyPath(path, 'wait'), issues);
    if (value !== undefined) ssl.wait = value;
  }
  const timeout = fields.get('timeout')?.value;
  if (timeout) {
    const timeoutPath = keyPath(path, 'timeout');
    if (timeout.kind === 'scalar' && (typeof timeout.value === 'string' || typeof timeout.value === 'number')) {
      const parsed = parseDuration(timeout.value);
      if ('ms' in parsed) ssl.timeoutMs = parsed.ms;
      else issues.add(timeout, timeoutPath, parsed.error, durationHint);
    } else {
      issues.add(timeout, timeoutPath, `expected a duration, found ${describeNode(timeout)}`, durationHint);
    }
  }
  const minDays = fields.get('min-days')?.value;
  if (minDays) {
    const value = readWholeNumber(minDays, keyPath(path, 'min-days'), issues, { min: 0 });
    if (value !== undefined) ssl.minDays = value;
  }
  return ssl;
}

/** Host over defaults over the built-in values, key by key (`ssl` too). */
export function resolvePolicy(defaults: PolicyOverrides, host: PolicyOverrides): ResolvedPolicy {
  const removals = host.removals ?? defaults.removals;
  const resolved: ResolvedPolicy = {
    removalsWritten: Boolean(host.removalsWritten || defaults.removalsWritten),
    www: host.www ?? defaults.www ?? builtInPolicy.www,
    guards: {
      maxRemovals: host.maxRemovals ?? defaults.maxRemovals ?? builtInPolicy.guards.maxRemovals,
      maxRemovalPercent: host.maxRemovalPercent ?? defaults.maxRemovalPercent ?? builtInPolicy.guards.maxRemovalPercent,
    },
    ssl: { ...builtInPolicy.ssl, ...defaults.ssl, ...host.ssl },
  };
  if (removals) resolved.removals = removals;
  return resolved;
}
