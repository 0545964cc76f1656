import type { CredentialVariables, ProviderName } from './desired-state.js';

export type CredentialKey = keyof CredentialVariables;

/** Ultimate Multisite's constant names, so its users can reuse their secrets as they are. */
export function defaultCredentialVariables(provider: ProviderName): CredentialVariables {
  switch (provider) {
    case 'serverpilot':
      return { client_id: 'WU_SERVER_PILOT_CLIENT_ID', api_key: 'WU_SERVER_PILOT_API_KEY', app: 'WU_SERVER_PILOT_APP_ID' };
    case 'runcloud':
      return {
        token: 'WU_RUNCLOUD_API_TOKEN',
        api_key: 'WU_RUNCLOUD_API_KEY',
        api_secret: 'WU_RUNCLOUD_API_SECRET',
        server: 'WU_RUNCLOUD_SERVER_ID',
        app: 'WU_RUNCLOUD_APP_ID',
      };
    case 'closte':
      return { api_key: 'CLOSTE_CLIENT_API_KEY' };
  }
}

/** The keys a host's `credentials:` block accepts. */
export function credentialKeysOf(provider: ProviderName): CredentialKey[] {
  switch (provider) {
    case 'serverpilot':
      return ['client_id', 'api_key', 'app', 'server'];
    case 'runcloud':
      return ['token', 'api_key', 'api_secret', 'app', 'server'];
    case 'closte':
      return ['api_key', 'app', 'server'];
  }
}

/** What a `credentials:` block must name for the provider to authenticate. */
export function requiredCredentialsText(provider: ProviderName): string {
  switch (provider) {
    case 'serverpilot':
      return '`client_id` and `api_key`';
    case 'runcloud':
      return '`token` (API v3), or `api_key` and `api_secret` (API v2)';
    case 'closte':
      return '`api_key`';
  }
}

/** The auth keys a block names that are still missing, or empty when the block is complete. */
export function missingCredentialKeys(provider: ProviderName, variables: CredentialVariables): CredentialKey[] {
  switch (provider) {
    case 'serverpilot':
      return (['client_id', 'api_key'] as const).filter((key) => !variables[key]);
    case 'runcloud':
      if (variables.api_key && !variables.api_secret) return ['api_secret'];
      if (variables.api_secret && !variables.api_key) return ['api_key'];
      return variables.token || variables.api_key ? [] : ['token'];
    case 'closte':
      return variables.api_key ? [] : ['api_key'];
  }
}

const variableName = /^[A-Z_][A-Z0-9_]*$/;

export function isVariableName(value: string): boolean {
  return variableName.test(value);
}

/** Long, space-free and mixing digits with letters or cases: the shape of a key or token. */
export function looksLikeSecretValue(value: string): boolean {
  if (!/^[\x21-\x7e]{12,}$/.test(value)) return false;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((pattern) => pattern.test(value)).length;
  return kinds >= 2;
}
