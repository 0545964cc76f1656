import type { SourceLocation } from '../errors.js';
import { checkApiUrl } from './api-url.js';
import type { ConfigIssues } from './config-issues.js';
import { hostKeys } from './config-keys.js';
import { keyPath } from './config-path.js';
import { defaultCredentialVariables } from './credential-variables.js';
import { providerNames, type CredentialVariables, type DesiredDomain, type DesiredHost, type ProviderName } from './desired-state.js';
import { readCredentialsBlock } from './read-credentials-block.js';
import { readDomains } from './read-domains.js';
import { readIgnoreList } from './read-ignore.js';
import { readMapping } from './read-mapping.js';
import { readPointsTo } from './read-points-to.js';
import { readPolicy, removalsHint, resolvePolicy, type PolicyOverrides } from './read-policy.js';
import { readChoice, readIdentifier, readString } from './read-scalars.js';
import type { YamlNode, YamlScalar } from './yaml-tree.js';

const hostIdPattern = /^[a-z0-9-]+$/;

/** What was read of one host block, even when it has errors, for the checks across hosts. */
export interface HostReading {
  id: string;
  source: SourceLocation;
  provider?: ProviderName;
  domains: DesiredDomain[];
  /** Global and the host's own globs. */
  ignore: string[];
  /** Set when the block yields a complete host (it may still have issues elsewhere). */
  host?: DesiredHost;
}

export interface HostContext {
  defaults: PolicyOverrides;
  globalIgnore: string[];
}

export function readHost(key: YamlScalar, node: YamlNode, context: HostContext, issues: ConfigIssues): HostReading {
  const id = String(key.value);
  const path = keyPath('hosts', id);
  const source = issues.locate(key, path);
  if (!hostIdPattern.test(id)) {
    issues.add(key, path, `\`${id}\` is not a valid host id`, 'lower-case letters, digits and hyphens only, e.g. `production` or `eu-1`');
  }
  const reading: HostReading = { id, source, domains: [], ignore: [...context.globalIgnore] };
  const fields = readMapping(node, path, issues, hostKeys);
  if (!fields) return reading;
  const field = (name: (typeof hostKeys)[number]) => fields.get(name)?.value;

  const providerNode = field('provider');
  const provider = providerNode
    ? readChoice(providerNode, keyPath(path, 'provider'), issues, providerNames)
    : missing(key, keyPath(path, 'provider'), issues, 'this host has no `provider`', `add \`provider:\` with one of: ${providerNames.join(', ')}`);
  if (provider) reading.provider = provider;

  const policy = resolvePolicy(context.defaults, readPolicy(fields, path, issues));
  if (!policy.removalsWritten) issues.add(key, path, 'this host has no `removals` policy, and it has no default', removalsHint);

  const app = optional(field('app'), (value) => readIdentifier(value, keyPath(path, 'app'), issues));
  const server = optional(field('server'), (value) => readIdentifier(value, keyPath(path, 'server'), issues));
  const apiUrl = optional(field('api_url'), (value) => readApiUrl(value, keyPath(path, 'api_url'), issues));
  const pointsTo = optional(field('points-to'), (value) => readPointsTo(value, keyPath(path, 'points-to'), issues));
  const hostIgnore = optional(field('ignore'), (value) => readIgnoreList(value, keyPath(path, 'ignore'), issues)) ?? [];
  reading.ignore.push(...hostIgnore);

  const credentialsNode = field('credentials');
  const named = credentialsNode ? readCredentialsBlock(credentialsNode, keyPath(path, 'credentials'), issues, provider) : undefined;
  if (credentialsNode && named && provider) checkIdSources(credentialsNode, keyPath(path, 'credentials'), issues, provider, named, { app, server });

  const domainsNode = field('domains');
  if (domainsNode) {
    reading.domains = readDomains(domainsNode, keyPath(path, 'domains'), issues, provider ? { provider, www: policy.www } : { www: policy.www });
  } else {
    issues.add(key, keyPath(path, 'domains'), 'this host has no `domains` list', 'add `domains:` with the names this app serves (`domains: []` for none)');
  }

  if (!provider || !policy.removals) return reading;
  const host: DesiredHost = {
    id,
    provider,
    credentials: named ? { variables: named, explicit: true } : { variables: defaultCredentialVariables(provider), explicit: false },
    pointsTo: pointsTo ?? [],
    domains: reading.domains,
    ignore: reading.ignore,
    removals: policy.removals,
    guards: policy.guards,
    ssl: policy.ssl,
    source,
  };
  if (app !== undefined) host.app = app;
  if (server !== undefined) host.server = server;
  if (apiUrl !== undefined) host.apiUrl = apiUrl;
  reading.host = host;
  return reading;
}

function optional<T>(node: YamlNode | undefined, read: (node: YamlNode) => T | undefined): T | undefined {
  return node ? read(node) : undefined;
}

function missing(at: YamlNode, path: string, issues: ConfigIssues, message: string, hint: string): undefined {
  issues.add(at, path, message, hint);
  return undefined;
}

function readApiUrl(node: YamlNode, path: string, issues: ConfigIssues): string | undefined {
  const hint = 'a loopback URL such as `http://127.0.0.1:8080/api/v3` (localhost, 127.0.0.0/8 or [::1]), or remove `api_url` to use the provider\'s own API';
  const raw = readString(node, path, issues, hint);
  if (raw === undefined) return undefined;
  const checked = checkApiUrl(raw);
  if ('url' in checked) return checked.url;
  issues.add(
    node,
    path,
    `${checked.error}: api_url may only point at this machine, because a committed file must never be able to send the host's credentials to any other server`,
    hint,
  );
  return undefined;
}

/** A host with `credentials:` never falls back to the default variables, for ids too. */
function checkIdSources(
  node: YamlNode,
  path: string,
  issues: ConfigIssues,
  provider: ProviderName,
  named: CredentialVariables,
  ids: { app?: string; server?: string },
): void {
  const needed: ('app' | 'server')[] = provider === 'runcloud' ? ['server', 'app'] : provider === 'serverpilot' ? ['app'] : [];
  for (const id of needed) {
    if (ids[id] !== undefined || named[id]) continue;
    issues.add(
      node,
      path,
      `the ${provider} ${id} id comes from neither the host block nor a variable named here`,
      `add \`${id}: <id>\` to the host, or \`${id}: VARIABLE_NAME\` under \`credentials:\` (a host with \`credentials:\` never falls back to ${defaultCredentialVariables(provider)[id] ?? 'the defaults'})`,
    );
  }
}
