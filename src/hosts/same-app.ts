import { createHash } from 'node:crypto';
import { credentialVariablesOf, resolveCredentials, type HostCredentials } from '../config/credentials.js';
import type { DesiredHost } from '../config/desired-state.js';

type Environment = Record<string, string | undefined>;

/**
 * Two hosts on the same panel app would fight over its domains: applying one removes the other's.
 * Validation catches ids written literally; this compares the ids as resolved from the
 * environment too. Returns a message for `host` when another of `peers` resolves to its app,
 * naming that host and where each got its id; undefined otherwise. A peer whose credentials do
 * not resolve is left out (it fails on its own).
 */
export function sameAppConflict(host: DesiredHost, credentials: HostCredentials, peers: readonly DesiredHost[], env: Environment): string | undefined {
  const key = appKey(host, credentials);
  const others = peers.filter((peer) => peer.id !== host.id && peer.provider === host.provider && appKeyOf(peer, env) === key);
  if (others.length === 0) return undefined;
  const what = host.provider === 'closte' ? 'the same Closte site (the same API key)' : `the same ${host.provider} app (${appDescription(credentials)})`;
  const sources = [host, ...others].map((h) => `\`${h.id}\` ${idSource(h)}`).join('; ');
  return (
    `host ${host.id} (${host.provider}): ${listHosts([host, ...others])} are on ${what}: ${sources}. ` +
    'One panel app belongs to one host block: merge their domain lists, or correct the ids or the variables under `credentials:`.'
  );
}

function appKeyOf(host: DesiredHost, env: Environment): string | undefined {
  try {
    return appKey(host, resolveCredentials(host, env));
  } catch {
    return undefined;
  }
}

/** Provider, panel address and app; a Closte site is its API key, kept only as a digest. */
function appKey(host: DesiredHost, credentials: HostCredentials): string {
  const panel = host.apiUrl ?? 'public';
  const app = host.provider === 'closte' ? digest(credentials.apiKeyField ?? '') : `${credentials.server ?? ''}/${credentials.app}`;
  return `${host.provider} ${panel} ${app}`;
}

function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function appDescription(credentials: HostCredentials): string {
  return credentials.server !== undefined ? `server ${credentials.server}, app ${credentials.app}` : `app ${credentials.app}`;
}

/** Where a host's identifying ids come from: its host block or a variable. */
function idSource(host: DesiredHost): string {
  const variables = credentialVariablesOf(host);
  if (host.provider === 'closte') return `takes its API key from $${variables.api_key ?? '?'}`;
  const from = (key: 'app' | 'server', literal: string | undefined): string =>
    literal !== undefined ? `its host block` : `$${variables[key] ?? '?'}`;
  const app = `takes its app id from ${from('app', host.app)}`;
  return host.provider === 'runcloud' ? `${app} and its server id from ${from('server', host.server)}` : app;
}

function listHosts(hosts: readonly DesiredHost[]): string {
  const ids = hosts.map((h) => `\`${h.id}\``);
  return `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
}
