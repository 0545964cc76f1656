import type { ProviderName } from '../config/desired-state.js';

/**
 * The narrow interface every host panel implements. A provider maps between the panel's JSON
 * and these types, nothing more: no diffing, no retries, no logging policy. The engine reads
 * `capabilities` to plan and to choose how to write.
 */

export interface Capabilities {
  /**
   * separate: `www.x` is its own list entry (ServerPilot, Closte).
   * flag: `www.x` is a boolean on the domain `x` (RunCloud).
   */
  wwwModel: 'separate' | 'flag';
  /** `*.x` names can be served. */
  wildcards: boolean;
  /** A hard cap on domains per app that no `--force` lifts. */
  maxDomains?: number;
  /**
   * replace-list: one write replaces the whole list (ServerPilot).
   * per-domain: one call per added, removed or updated domain (RunCloud, Closte).
   */
  writeModel: 'replace-list' | 'per-domain';
  /**
   * Globs of the panel's own test or temporary domains. Unmanaged: never removed, never counted.
   * These are guesses about each panel and live only here.
   */
  systemDomains: readonly string[];
  /** request: the engine asks the panel to issue certificates; automatic: the panel does it alone. */
  certificates: 'request' | 'automatic';
}

/** A domain as the panel has it now. */
export interface CurrentDomain {
  /** Normalised like the file's names. */
  name: string;
  /** flag model: the `www` flag. Always false in the separate model. */
  www: boolean;
  wildcard: boolean;
  /** The panel's id, where deleting or updating needs one (RunCloud). */
  id?: string;
  /** The name as the panel spells it, where that differs from `name` and writes must use it (Closte). */
  panelName?: string;
  /**
   * Set when the panel itself owns this domain (e.g. RunCloud's `primary`): it is unmanaged
   * unless the file lists it, and a plan that would remove it is refused.
   */
  system?: string;
}

/** What the host's certificate setup allows. */
export interface CertificateSetup {
  /** A custom certificate is installed: the panel will not issue one. */
  custom: boolean;
  /** The panel issues certificates automatically already (e.g. AutoSSL enabled). */
  automatic: boolean;
  /** The panel could issue now (ServerPilot: `autossl.available`). */
  available: boolean;
  /** Provider-specific detail for messages. */
  detail?: string;
}

export interface HostSnapshot {
  domains: CurrentDomain[];
  certificate?: CertificateSetup;
}

export type CertificateRequestState =
  /** Asked the panel to issue (or reissue) now. */
  | 'requested'
  /** The panel issues on its own; nothing to ask. */
  | 'automatic'
  /** Not possible yet (e.g. ServerPilot's `autossl.available` still false): ask again later. */
  | 'not-yet'
  /** Never possible as the host is set up (a custom certificate): fail at once with this reason. */
  | 'cannot-issue';

export interface CertificateRequestOutcome {
  state: CertificateRequestState;
  detail: string;
  /** Something the user should know about the request, e.g. that its answer was lost. */
  warning?: string;
}

/**
 * Whether the panel can issue certificates at all as the app is set up, read before any DNS
 * pre-check so a host that never can fails at once. `certificateId` is what the request needs
 * (RunCloud: the SSL id to redeploy).
 */
export type IssuanceSetup = { canIssue: true; certificateId?: string } | { canIssue: false; reason: string };

export interface DoctorCheck {
  name: string;
  ok: boolean;
  detail: string;
  /** What to do about it, e.g. RunCloud's API IP allow-list on a 401. */
  hint?: string;
}

/** The answer to a write. `pendingAction` is an id to poll (ServerPilot's `actionid`). */
export interface WriteReceipt {
  pendingAction?: string;
}

export type ActionStatus = 'open' | 'success' | 'error';

interface ProviderBase {
  readonly name: ProviderName;
  readonly capabilities: Capabilities;
  /** The app's current domains (every page) and certificate setup. */
  list(): Promise<HostSnapshot>;
  /** Whether the panel can issue certificates at all; reads the panel only where the snapshot does not say. */
  readCertificateSetup(snapshot: HostSnapshot): Promise<IssuanceSetup>;
  /** Ask the panel to issue certificates for all its names; once per host per run. */
  requestCertificates(snapshot: HostSnapshot, setup: IssuanceSetup & { canIssue: true }): Promise<CertificateRequestOutcome>;
  /** Credentials accepted, app found, API version, rate-limit headroom, hints. */
  diagnose(): Promise<DoctorCheck[]>;
}

export interface ReplaceListProvider extends ProviderBase {
  readonly capabilities: Capabilities & { writeModel: 'replace-list' };
  /** Replace the app's whole list. Posting the same list twice is harmless. */
  replaceList(names: readonly string[]): Promise<WriteReceipt>;
  actionStatus(actionId: string): Promise<ActionStatus>;
}

export interface DomainToAdd {
  name: string;
  /** flag model only. */
  www: boolean;
  wildcard: boolean;
}

export interface PerDomainProvider extends ProviderBase {
  readonly capabilities: Capabilities & { writeModel: 'per-domain' };
  addDomain(domain: DomainToAdd): Promise<WriteReceipt>;
  removeDomain(domain: CurrentDomain): Promise<WriteReceipt>;
  /** flag model only: change the `www` flag, leaving everything else as the panel has it. */
  setWww(domain: CurrentDomain, www: boolean): Promise<WriteReceipt>;
}

export type Provider = ReplaceListProvider | PerDomainProvider;
