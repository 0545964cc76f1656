import type { ConfigIssues } from './config-issues.js';
import { keyPath } from './config-path.js';
import {
  credentialKeysOf,
  isVariableName,
  looksLikeSecretValue,
  missingCredentialKeys,
  requiredCredentialsText,
  type CredentialKey,
} from './credential-variables.js';
import { providerNames, type CredentialVariables, type ProviderName } from './desired-state.js';
import { readMapping } from './read-mapping.js';
import type { YamlNode } from './yaml-tree.js';

const variableNameHint = 'the NAME of an environment variable ([A-Z_][A-Z0-9_]*), e.g. `RUNCLOUD_EU_TOKEN`';

/**
 * Reads a host's `credentials:` block: which environment variables hold its secrets and ids.
 * Values are variable names; a value is never echoed back, since it may be a pasted secret.
 */
export function readCredentialsBlock(
  node: YamlNode,
  path: string,
  issues: ConfigIssues,
  provider: ProviderName | undefined,
): CredentialVariables {
  const allowed = provider ? credentialKeysOf(provider) : [...new Set(providerNames.flatMap(credentialKeysOf))];
  const fields = readMapping(node, path, issues, allowed, { insideCredentials: true });
  const variables: CredentialVariables = {};
  if (!fields) return variables;
  for (const [key, entry] of fields) {
    const name = readVariableName(entry.value, keyPath(path, key), issues);
    if (name) variables[key as CredentialKey] = name;
  }
  if (provider && fields.size === Object.keys(variables).length) {
    const missing = missingCredentialKeys(provider, variables);
    if (missing.length > 0) {
      issues.add(
        node,
        path,
        `this ${provider} credentials block does not name ${missing.map((key) => `\`${key}\``).join(' and ')}`,
        `name ${requiredCredentialsText(provider)}; a host with \`credentials:\` never falls back to the default variables`,
      );
    }
  }
  return variables;
}

function readVariableName(node: YamlNode, path: string, issues: ConfigIssues): string | undefined {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') {
    issues.add(node, path, 'expected the name of an environment variable', variableNameHint);
    return undefined;
  }
  const value = node.value.trim();
  if (isVariableName(value)) return value;
  if (looksLikeSecretValue(value)) {
    issues.add(
      node,
      path,
      'this looks like a secret value, not the name of an environment variable; it is not shown here',
      `remove it from the file, rotate it (it is in the git history now), store it as a CI secret, and write ${variableNameHint}`,
    );
    return undefined;
  }
  const upper = value.toUpperCase();
  issues.add(
    node,
    path,
    'expected the name of an environment variable',
    isVariableName(upper) ? `environment variable names are upper case: \`${upper}\`` : variableNameHint,
  );
  return undefined;
}
