import type { ConfigIssues } from './config-issues.js';
import { indexPath, keyPath } from './config-path.js';
import { credentialKeysOf, type CredentialKey } from './credential-variables.js';
import { providerNames, type ProviderName } from './desired-state.js';
import type { YamlNode } from './yaml-tree.js';

/** Each secret-looking spelling, with the `credentials:` key it most likely means. */
const credentialKeyFor: ReadonlyMap<string, CredentialKey> = new Map([
  ['apikey', 'api_key'],
  ['token', 'token'],
  ['secret', 'api_secret'],
  ['apisecret', 'api_secret'],
  ['clientid', 'client_id'],
  ['password', 'api_key'],
]);

/** The key a provider needs first, for a secret-looking key it has no use for. */
const mainCredentialKey: Record<ProviderName, CredentialKey> = { serverpilot: 'api_key', runcloud: 'token', closte: 'api_key' };

function squash(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

/** `api_key`, `API-Key`, `apiKey`, `token`... in any spelling. */
export function isSecretLookingKey(key: string): boolean {
  return credentialKeyFor.has(squash(key));
}

/** e.g. `credentials: { token: RUNCLOUD_TOKEN }`: the valid key for the provider, with a variable name to pick. */
function credentialsExample(key: string, provider: ProviderName | undefined): string {
  const meant = credentialKeyFor.get(squash(key)) ?? 'api_key';
  if (!provider) return `\`credentials: { ${meant}: MY_${meant.toUpperCase()} }\``;
  const valid = credentialKeysOf(provider).includes(meant) ? meant : mainCredentialKey[provider];
  return `\`credentials: { ${valid}: ${provider.toUpperCase()}_${valid.toUpperCase()} }\``;
}

/** Where a node sits, as far as the one place secrets' variable names may appear cares. */
type Level = 'root' | 'hosts' | 'host' | 'other';

/**
 * Reports every secret-looking key outside a host's `credentials:` block, at any depth. The
 * mapping readers skip these keys, so each is reported once, here.
 */
export function reportMisplacedSecretKeys(root: YamlNode, issues: ConfigIssues): void {
  walk(root, '', 'root', issues, new Set());
}

function walk(node: YamlNode, path: string, level: Level, issues: ConfigIssues, visiting: Set<YamlNode>, provider?: ProviderName): void {
  if (node.kind === 'scalar' || visiting.has(node)) return;
  visiting.add(node);
  if (node.kind === 'sequence') {
    node.items.forEach((item, index) => walk(item, indexPath(path, index), 'other', issues, visiting, provider));
  } else {
    if (level === 'host') provider = providerOf(node);
    for (const { key, value } of node.entries) {
      const name = String(key.value);
      const childPath = keyPath(path, name);
      if (level === 'host' && name === 'credentials') continue;
      if (isSecretLookingKey(name)) {
        issues.add(
          key,
          childPath,
          `\`${name}\` looks like a secret, and secrets never live in domains.yml`,
          `put the value in an environment variable (a CI secret) and name that variable under the host's \`credentials:\` block, e.g. ${credentialsExample(name, provider)}`,
        );
        continue;
      }
      walk(value, childPath, childLevel(level, name), issues, visiting, provider);
    }
  }
  visiting.delete(node);
}

function providerOf(host: YamlNode & { kind: 'mapping' }): ProviderName | undefined {
  const value = host.entries.find((entry) => entry.key.value === 'provider')?.value;
  const name = value?.kind === 'scalar' ? value.value : undefined;
  return providerNames.find((provider) => provider === name);
}

function childLevel(level: Level, key: string): Level {
  if (level === 'root') return key === 'hosts' ? 'hosts' : 'other';
  if (level === 'hosts') return 'host';
  return 'other';
}
