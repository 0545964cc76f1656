import type { ConfigIssues } from './config-issues.js';
import type { DesiredHost } from './desired-state.js';

/**
 * Two hosts that resolve to the same panel app would fight over its domains. Ids from the
 * environment are compared by variable name: the same variable is the same app.
 */
export function checkSameApp(hosts: DesiredHost[], issues: ConfigIssues): void {
  const seen = new Map<string, DesiredHost>();
  for (const host of hosts) {
    const identity = appIdentity(host);
    if (!identity) continue;
    const first = seen.get(identity.key);
    if (!first) {
      seen.set(identity.key, host);
      continue;
    }
    issues.add(
      host.source,
      host.source.path,
      `hosts \`${first.id}\` (line ${first.source.line}) and \`${host.id}\` are the same ${host.provider} app (${identity.description})`,
      'one panel app belongs to one host block: merge their domain lists, or correct the app/server ids or the variables under `credentials:`',
    );
  }
}

/** Undefined when an id has no source at all (reported elsewhere). */
function appIdentity(host: DesiredHost): { key: string; description: string } | undefined {
  const { variables } = host.credentials;
  const parts: string[] = [];
  const add = (label: string, value: string | undefined, variable: string | undefined): boolean => {
    if (value !== undefined) parts.push(`${label} ${value}`);
    else if (variable !== undefined) parts.push(`${label} from $${variable}`);
    else return false;
    return true;
  };
  if (host.provider === 'runcloud' && !add('server', host.server, variables.server)) return undefined;
  const complete =
    host.provider === 'closte' && host.app === undefined
      ? add('api key', undefined, variables.api_key)
      : add('app', host.app, variables.app);
  if (!complete) return undefined;
  if (host.apiUrl) parts.push(`at ${host.apiUrl}`);
  const description = parts.join(', ');
  return { key: `${host.provider} ${description}`, description };
}
