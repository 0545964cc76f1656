import type { ConfigIssues } from './config-issues.js';
import { describeChoices } from './closest-match.js';
import { keyPath } from './config-path.js';
import { describeNode } from './read-scalars.js';
import { isSecretLookingKey } from './secret-keys.js';
import type { YamlMapEntry, YamlNode } from './yaml-tree.js';

export type MappingFields = Map<string, YamlMapEntry>;

/**
 * Reads a mapping whose keys are fixed: reports duplicate and unknown keys (with the valid ones
 * and the likely intended one). Unknown secret-looking keys are left to
 * `reportMisplacedSecretKeys`, except inside `credentials:`, which that walk skips.
 * Returns undefined when the node is not a mapping.
 */
export function readMapping(
  node: YamlNode,
  path: string,
  issues: ConfigIssues,
  allowedKeys: readonly string[],
  options: { insideCredentials?: boolean } = {},
): MappingFields | undefined {
  const fields = readAnyMapping(node, path, issues, `a mapping with the keys: ${allowedKeys.join(', ')}`);
  if (!fields) return undefined;
  for (const [name, entry] of fields) {
    if (allowedKeys.includes(name)) continue;
    fields.delete(name);
    if (isSecretLookingKey(name) && !options.insideCredentials) continue;
    issues.add(entry.key, keyPath(path, name), `unknown key \`${name}\``, describeChoices('valid keys', name, allowedKeys));
  }
  return fields;
}

/** Reads a mapping with free keys (host ids): reports duplicates only. */
export function readAnyMapping(
  node: YamlNode,
  path: string,
  issues: ConfigIssues,
  expected: string,
): MappingFields | undefined {
  if (node.kind !== 'mapping') {
    issues.add(node, path, `expected a mapping, found ${describeNode(node)}`, expected);
    return undefined;
  }
  const fields: MappingFields = new Map();
  for (const entry of node.entries) {
    const name = entry.key.value === null ? '' : String(entry.key.value);
    if (name === '') {
      issues.add(entry.key, path, 'a key is empty', 'give every key a name');
      continue;
    }
    const first = fields.get(name);
    if (first) {
      issues.add(
        entry.key,
        keyPath(path, name),
        `duplicate key \`${name}\` (first at line ${first.key.line})`,
        'keep one of them: YAML keys must be unique',
      );
      continue;
    }
    fields.set(name, entry);
  }
  return fields;
}
