import type { ConfigIssues } from './config-issues.js';
import { indexPath, keyPath } from './config-path.js';
import type { YamlNode } from './yaml-tree.js';

const secretKeyNames = new Set(['apikey', 'token', 'secret', 'clientid', 'password', 'apisecret']);

/** `api_key`, `API-Key`, `apiKey`, `token`... in any spelling. */
export function isSecretLookingKey(key: string): boolean {
  return secretKeyNames.has(key.toLowerCase().replace(/[-_]/g, ''));
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

function walk(node: YamlNode, path: string, level: Level, issues: ConfigIssues, visiting: Set<YamlNode>): void {
  if (node.kind === 'scalar' || visiting.has(node)) return;
  visiting.add(node);
  if (node.kind === 'sequence') {
    node.items.forEach((item, index) => walk(item, indexPath(path, index), 'other', issues, visiting));
  } else {
    for (const { key, value } of node.entries) {
      const name = String(key.value);
      const childPath = keyPath(path, name);
      if (level === 'host' && name === 'credentials') continue;
      if (isSecretLookingKey(name)) {
        issues.add(
          key,
          childPath,
          `\`${name}\` looks like a secret, and secrets never live in domains.yml`,
          "put the value in an environment variable (a CI secret) and name that variable under the host's `credentials:` block, e.g. `credentials: { api_key: MY_API_KEY }`",
        );
        continue;
      }
      walk(value, childPath, childLevel(level, name), issues, visiting);
    }
  }
  visiting.delete(node);
}

function childLevel(level: Level, key: string): Level {
  if (level === 'root') return key === 'hosts' ? 'hosts' : 'other';
  if (level === 'hosts') return 'host';
  return 'other';
}
