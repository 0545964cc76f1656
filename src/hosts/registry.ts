import type { Clock } from '../clock.js';
import { resolveCredentials } from '../config/credentials.js';
import type { DesiredHost, ProviderName } from '../config/desired-state.js';
import { createHttpClient } from '../http/client.js';
import type { HostHttpClient } from '../http/http-client.js';
import { RateLimiter } from '../http/rate-limiter.js';
import type { Logger } from '../log.js';
import { HostSetupError } from '../errors.js';
import { createClosteProvider } from './closte.js';
import type { Provider } from './provider.js';
import { createRunCloudProvider } from './runcloud.js';
import { sameAppConflict } from './same-app.js';
import { createServerPilotProvider } from './serverpilot.js';

export interface ConnectedHost {
  host: DesiredHost;
  provider: Provider;
  http: HostHttpClient;
  /** The environment variables this host's secrets were read from, for messages. */
  secretVariables: string[];
}

export interface ConnectOptions {
  env: Record<string, string | undefined>;
  clock: Clock;
  onSecret?: (secret: string) => void;
  /** One limiter per credential, shared by hosts that use the same account. */
  limiters?: Map<string, RateLimiter>;
  /** The file's hosts: a host that resolves to the same panel app as another is refused. */
  peers?: readonly DesiredHost[];
  /** Where waits for a rate limit and retries are told. */
  log?: Logger;
}

const publicBaseUrls: Record<ProviderName, (apiVersion?: string) => string> = {
  serverpilot: () => 'https://api.serverpilot.io/v1',
  runcloud: (apiVersion) => `https://manage.runcloud.io/api/${apiVersion ?? 'v3'}`,
  closte: () => 'https://app.closte.com/api/client',
};

/**
 * Resolves a host's credentials and builds its provider. Throws HostSetupError when it cannot,
 * or when another of `peers` resolves to the same panel app.
 */
export function connectHost(host: DesiredHost, options: ConnectOptions): ConnectedHost {
  const credentials = resolveCredentials(host, options.env);
  for (const secret of credentials.secrets) options.onSecret?.(secret);
  const conflict = sameAppConflict(host, credentials, options.peers ?? [], options.env);
  if (conflict !== undefined) throw new HostSetupError(host.id, conflict);
  const limiterKey = `${host.provider}:${credentials.secrets.join(':')}`;
  const limiters = options.limiters ?? new Map<string, RateLimiter>();
  let rateLimiter = limiters.get(limiterKey);
  if (!rateLimiter) {
    rateLimiter = new RateLimiter({ clock: options.clock });
    limiters.set(limiterKey, rateLimiter);
  }
  const http = createHttpClient({
    hostId: host.id,
    provider: host.provider,
    baseUrl: host.apiUrl ?? publicBaseUrls[host.provider](credentials.apiVersion),
    auth: credentials.auth,
    secrets: credentials.secrets,
    clock: options.clock,
    rateLimiter,
    ...(options.log ? { log: options.log } : {}),
    ...(host.provider === 'runcloud' ? { headers: { Accept: 'application/json', 'Content-Type': 'application/json' } } : {}),
  });
  const secretVariables = secretVariablesUsed(host, credentials);
  const provider = createProvider(host, credentials, http, secretVariables.join(', '));
  return { host, provider, http, secretVariables };
}

function createProvider(
  host: DesiredHost,
  credentials: ReturnType<typeof resolveCredentials>,
  http: HostHttpClient,
  credentialHint: string,
): Provider {
  const provider: ProviderName = host.provider;
  switch (provider) {
    case 'serverpilot':
      return createServerPilotProvider({ http, appId: credentials.app, credentialHint, hostId: host.id });
    case 'runcloud':
      return createRunCloudProvider({
        http,
        serverId: credentials.server ?? '',
        appId: credentials.app,
        apiVersion: credentials.apiVersion ?? 'v3',
        credentialHint,
        hostId: host.id,
      });
    case 'closte':
      return createClosteProvider({ http, apiKey: credentials.apiKeyField ?? '', credentialHint, hostId: host.id });
    default: {
      const unknown: never = provider;
      throw new Error(`unknown provider ${String(unknown)}`);
    }
  }
}

function secretVariablesUsed(host: DesiredHost, credentials: ReturnType<typeof resolveCredentials>): string[] {
  const { client_id, api_key, api_secret, token } = host.credentials.variables;
  const used = {
    serverpilot: [client_id, api_key],
    runcloud: credentials.apiVersion === 'v2' ? [api_key, api_secret] : [token],
    closte: [api_key],
  }[host.provider];
  return used.filter((name): name is string => name !== undefined);
}
