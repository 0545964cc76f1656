import type { SourceLocation } from '../errors.js';

/** What a valid domains.yml says, normalised. Produced by `loadConfig`, read by everything else. */

export type ProviderName = 'serverpilot' | 'runcloud' | 'closte';
export const providerNames: readonly ProviderName[] = ['serverpilot', 'runcloud', 'closte'];

/** sync: remove what the file does not list; keep: never remove. */
export type RemovalPolicy = 'sync' | 'keep';
export type WwwPolicy = 'always' | 'never' | 'main-only';

export interface SslPolicy {
  /** Wait for valid certificates after apply. */
  wait: boolean;
  timeoutMs: number;
  /** A certificate expiring in fewer days counts as not valid. */
  minDays: number;
}

export interface RemovalGuards {
  maxRemovals: number;
  /** Applies once the host manages `percentFloor` (10) or more hostnames. */
  maxRemovalPercent: number;
}

/**
 * One entry of `hosts.<id>.domains`, after normalisation. `www` says whether the entry also
 * wants its `www.` companion (the resolved `www` policy: always, or main-only on an apex).
 * Providers with a separate-entry model get the companion as its own hostname; RunCloud gets it
 * as the domain's `www` flag.
 */
export interface DesiredDomain {
  /** ASCII (punycode), lower case, no trailing dot. `*.x` for a wildcard. */
  name: string;
  /** The companion `www.<name>` is wanted. Never true for a name starting with `www.` or `*.`. */
  www: boolean;
  wildcard: boolean;
  /** Probe this name's certificate (false for `ssl: false`). */
  ssl: boolean;
  /** For a wildcard: the name the SSL probe uses; a wildcard without one is not probed. */
  probe?: string;
  source: SourceLocation;
}

/** Names of environment variables (never their values). */
export interface CredentialVariables {
  /** ServerPilot */
  client_id?: string;
  api_key?: string;
  /** RunCloud v3 */
  token?: string;
  /** RunCloud v2 (with api_key) */
  api_secret?: string;
  /** Ids taken from the environment when the host block does not give them. */
  app?: string;
  server?: string;
}

export interface DesiredHost {
  id: string;
  provider: ProviderName;
  /** App id from the file, if given there. */
  app?: string;
  /** Server id from the file (RunCloud), if given there. */
  server?: string;
  /** Loopback base URL replacing the provider's whole base URL (tests, demo). */
  apiUrl?: string;
  /**
   * Which environment variables hold this host's secrets and ids. `explicit` is true when the
   * host has a `credentials:` block: then exactly those variables are used, never the defaults.
   */
  credentials: { variables: CredentialVariables; explicit: boolean };
  /** Addresses (or a CNAME target) DNS must show before certificates are asked for. */
  pointsTo: string[];
  domains: DesiredDomain[];
  /** Global and per-host ignore globs, as written (`*` one label, `**` any number). */
  ignore: string[];
  removals: RemovalPolicy;
  guards: RemovalGuards;
  ssl: SslPolicy;
  source: SourceLocation;
}

export interface PreviewSettings {
  host: string;
  /** Contains `{number}`; normalised like any domain. */
  domain: string;
  source: SourceLocation;
}

export interface DesiredState {
  /** The path the file was read from, as given. */
  file: string;
  hosts: DesiredHost[];
  /** The global `ignore:` globs, when there are any (each host's `ignore` includes them already). */
  ignore?: string[];
  previews?: PreviewSettings;
}
