import { HostSetupError } from '../errors.js';
import type { HttpAuth } from '../http/http-client.js';
import { defaultCredentialVariables } from './credential-variables.js';
import type { CredentialVariables, DesiredHost } from './desired-state.js';

export { defaultCredentialVariables } from './credential-variables.js';

export interface HostCredentials {
  auth: HttpAuth;
  /** The app id (Closte has none: its key selects the site; then it is the file's `app` or empty). */
  app: string;
  server?: string;
  /** Every secret value read, and nothing else, so callers can mask and redact them. */
  secrets: string[];
  /** RunCloud: v3 with a token, v2 with a key and secret. */
  apiVersion?: 'v3' | 'v2';
  /** Closte: the key travels as an `apikey` request field, not as an HTTP auth header. */
  apiKeyField?: string;
}

type Environment = Record<string, string | undefined>;

/**
 * Reads a host's secrets and ids from the environment. A host with `credentials:` uses exactly
 * the variables named there; others use Ultimate Multisite's names. The app and server given in
 * the host block win over the environment's. Throws HostSetupError naming every variable to set.
 */
export function resolveCredentials(host: DesiredHost, env: Environment): HostCredentials {
  const variables = credentialVariablesOf(host);
  const read = (name: string | undefined): string | undefined => {
    const value = name === undefined ? undefined : env[name]?.trim();
    return value ? value : undefined;
  };
  const missing: string[] = [];
  const auth = resolveAuth(host, variables, read, missing);

  const app = host.app ?? read(variables.app);
  if (app === undefined && host.provider !== 'closte') missing.push(describeIdSource('app', variables.app));
  const server = host.server ?? read(variables.server);
  if (server === undefined && host.provider === 'runcloud') missing.push(describeIdSource('server', variables.server));

  if (!auth || missing.length > 0) throw new HostSetupError(host.id, setupMessage(host, missing));
  const credentials: HostCredentials = { ...auth, app: app ?? '' };
  if (server !== undefined) credentials.server = server;
  return credentials;
}

/** The variables a host reads: exactly its `credentials:` block when it has one, else the defaults with its overrides. */
export function credentialVariablesOf(host: DesiredHost): CredentialVariables {
  const { explicit, variables: named } = host.credentials;
  return explicit ? named : { ...defaultCredentialVariables(host.provider), ...named };
}

type Reader = (name: string | undefined) => string | undefined;
type ResolvedAuth = Pick<HostCredentials, 'auth' | 'secrets' | 'apiVersion' | 'apiKeyField'>;

function resolveAuth(host: DesiredHost, variables: CredentialVariables, read: Reader, missing: string[]): ResolvedAuth | undefined {
  switch (host.provider) {
    case 'serverpilot': {
      const clientId = read(variables.client_id);
      const apiKey = read(variables.api_key);
      if (clientId === undefined) missing.push(describeVariable(variables.client_id, 'client_id'));
      if (apiKey === undefined) missing.push(describeVariable(variables.api_key, 'api_key'));
      if (clientId === undefined || apiKey === undefined) return undefined;
      return { auth: { kind: 'basic', username: clientId, password: apiKey }, secrets: [clientId, apiKey] };
    }
    case 'runcloud': {
      const token = read(variables.token);
      if (token !== undefined) return { auth: { kind: 'bearer', token }, secrets: [token], apiVersion: 'v3' };
      const apiKey = read(variables.api_key);
      const apiSecret = read(variables.api_secret);
      if (apiKey !== undefined && apiSecret !== undefined) {
        return { auth: { kind: 'basic', username: apiKey, password: apiSecret }, secrets: [apiKey, apiSecret], apiVersion: 'v2' };
      }
      missing.push(describeRunCloudAuth(variables, apiKey !== undefined, apiSecret !== undefined));
      return undefined;
    }
    case 'closte': {
      const apiKey = read(variables.api_key);
      if (apiKey === undefined) {
        missing.push(describeVariable(variables.api_key, 'api_key'));
        return undefined;
      }
      return { auth: { kind: 'none' }, secrets: [apiKey], apiKeyField: apiKey };
    }
  }
}

function describeRunCloudAuth(variables: CredentialVariables, haveKey: boolean, haveSecret: boolean): string {
  if (haveKey && variables.api_secret) return `${variables.api_secret} (the API secret that goes with ${variables.api_key})`;
  if (haveSecret && variables.api_key) return `${variables.api_key} (the API key that goes with ${variables.api_secret})`;
  const choices: string[] = [];
  if (variables.token) choices.push(`${variables.token} (API v3 token)`);
  if (variables.api_key && variables.api_secret) choices.push(`${variables.api_key} and ${variables.api_secret} (API v2)`);
  return choices.length > 0 ? choices.join(', or ') : 'a RunCloud token: name it under `credentials: { token: ... }`';
}

function describeVariable(name: string | undefined, key: string): string {
  return name ?? `a variable for \`${key}\` (name it under \`credentials:\`)`;
}

function describeIdSource(key: 'app' | 'server', variable: string | undefined): string {
  return variable ? `${variable} (or \`${key}:\` in the host block)` : `\`${key}:\` in the host block (or name its variable under \`credentials: { ${key}: ... }\`)`;
}

function setupMessage(host: DesiredHost, missing: string[]): string {
  const lines = [`host ${host.id} (${host.provider}): set ${missing.join('; ')}.`];
  if (host.credentials.explicit) {
    const defaults = Object.values(defaultCredentialVariables(host.provider)).join(', ');
    lines.push(`This host has a \`credentials:\` block, so it reads exactly the variables named there and never falls back to the defaults (${defaults}).`);
  }
  return lines.join(' ');
}
