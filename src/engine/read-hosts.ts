import type { DesiredHost } from '../config/desired-state.js';
import { describeError, HostApiError } from '../errors.js';
import type { HostSnapshot } from '../hosts/provider.js';
import { connectHost, type ConnectedHost, type ConnectOptions } from '../hosts/registry.js';

export interface HostRead {
  host: DesiredHost;
  connected?: ConnectedHost;
  snapshot?: HostSnapshot;
  /** Why the host could not be read; redacted. */
  error?: string;
}

/** Connects and reads every host in parallel; one host's failure never stops another's read. */
export async function readHosts(hosts: readonly DesiredHost[], options: ConnectOptions): Promise<HostRead[]> {
  const limiters = options.limiters ?? new Map();
  return Promise.all(
    hosts.map(async (host): Promise<HostRead> => {
      let connected: ConnectedHost;
      try {
        connected = connectHost(host, { ...options, limiters });
      } catch (error) {
        return { host, error: describeError(error) };
      }
      try {
        return { host, connected, snapshot: await connected.provider.list() };
      } catch (error) {
        return { host, connected, error: explainReadFailure(connected, error) };
      }
    }),
  );
}

/** A refused credential says which variables to check and where to learn more. */
function explainReadFailure(connected: ConnectedHost, error: unknown): string {
  const message = describeError(error);
  if (!(error instanceof HostApiError) || error.kind !== 'credentials') return message;
  const variables = connected.secretVariables.join(', ');
  return `${message} (the panel refused the credentials from ${variables}; \`domain-sync doctor\` checks them)`;
}
