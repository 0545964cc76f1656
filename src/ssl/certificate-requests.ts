import type { Clock } from '../clock.js';
import { describeError } from '../errors.js';
import type { CertificateRequestOutcome, IssuanceSetup } from '../hosts/provider.js';
import { Backoff, type BackoffPolicy } from './backoff.js';

/** How a note about a certificate request that did not go out begins. */
export const notRequested = 'certificates not requested: ';

/** A name a host's certificate will cover, which must pass the DNS pre-check before it is requested. */
export interface GateName {
  name: string;
  /** The host's `points-to`. */
  pointsTo: readonly string[];
}

/** A host as the SSL wait sees it: how to ask its panel for certificates, if it can be asked. */
export interface CertificateHost {
  id: string;
  /**
   * Every name the host's certificate will cover, touched in this run or not: all must pass the
   * DNS pre-check before the certificate is requested. The host's waited names are gated too.
   */
  gate?: readonly GateName[];
  /** Whether the panel can issue at all as the host is set up; asked before any DNS pre-check. */
  readIssuance?: () => Promise<IssuanceSetup>;
  requestCertificates?: () => Promise<CertificateRequestOutcome>;
}

/**
 * One host's certificate request. Whether the panel can issue at all is read first, before any
 * DNS pre-check. A host's certificate covers all its names, so it is asked for only when every
 * gated name has passed the DNS pre-check, and then once: again only while the panel answers
 * `not-yet` (or the request fails), with backoff. `cannot-issue` aborts `refused`, so the host's
 * names stop waiting at once.
 */
export class HostCertificateRequest {
  private readonly dnsPassed = new Set<string>();
  private readonly refusedController = new AbortController();
  private readonly request: (() => Promise<CertificateRequestOutcome>) | undefined;
  private readonly readIssuance: (() => Promise<IssuanceSetup>) | undefined;
  private outcome: CertificateRequestOutcome | undefined;
  private failure: string | undefined;
  private setupFailure: string | undefined;
  private asking = false;
  private attempts = 0;
  private nextAttemptAt = Number.NEGATIVE_INFINITY;
  private readonly retryBackoff: Backoff;

  constructor(
    readonly hostId: string,
    /** The gated names: the certificate is requested once each has passed the DNS pre-check. */
    private readonly names: readonly string[],
    host: CertificateHost | undefined,
    private readonly clock: Clock,
    retry: BackoffPolicy,
    private readonly onOutcome?: (hostId: string, outcome: CertificateRequestOutcome) => void,
  ) {
    this.request = host?.requestCertificates;
    this.readIssuance = host?.readIssuance;
    this.retryBackoff = new Backoff(retry);
  }

  /**
   * Reads whether the panel can issue at all; `cannot-issue` settles the request at once. A read
   * that fails is noted; the request itself finds out later.
   */
  async checkIssuance(): Promise<void> {
    if (!this.request || !this.readIssuance || this.done) return;
    try {
      const setup = await this.readIssuance();
      if (!setup.canIssue) this.record({ state: 'cannot-issue', detail: setup.reason });
    } catch (error) {
      this.setupFailure = describeError(error);
    }
  }

  /** Aborted when the panel answers `cannot-issue`. */
  get refused(): AbortSignal {
    return this.refusedController.signal;
  }

  /** The panel's reason when it cannot issue at all. */
  get refusal(): string | undefined {
    return this.outcome?.state === 'cannot-issue' ? this.outcome.detail : undefined;
  }

  /** How many times the panel was asked. */
  get requestCount(): number {
    return this.attempts;
  }

  /** The names whose DNS does not pass yet, which keep the request back. */
  get blockedBy(): string[] {
    return this.names.filter((name) => !this.dnsPassed.has(name));
  }

  markDnsPassed(name: string): void {
    this.dnsPassed.add(name);
  }

  /** Whether the panel has answered for good (requested, automatic, cannot issue). */
  get done(): boolean {
    const state = this.outcome?.state;
    return state === 'requested' || state === 'automatic' || state === 'cannot-issue';
  }

  /** Asks the panel when the host is ready and has not been answered for good yet. */
  async requestIfReady(): Promise<void> {
    if (!this.request || this.asking || this.done || this.blockedBy.length > 0) return;
    if (this.clock.now() < this.nextAttemptAt) return;
    this.asking = true;
    this.attempts += 1;
    try {
      this.outcome = await this.request();
      this.failure = undefined;
    } catch (error) {
      this.failure = describeError(error);
      this.outcome = undefined;
    } finally {
      this.asking = false;
    }
    if (this.outcome) this.record(this.outcome);
    if (!this.done) {
      this.nextAttemptAt = this.clock.now() + this.retryBackoff.next();
    }
  }

  private record(outcome: CertificateRequestOutcome): void {
    this.outcome = outcome;
    this.onOutcome?.(this.hostId, outcome);
    if (outcome.state === 'cannot-issue') this.refusedController.abort();
  }

  /** Where the request stands, for the details of names that are not `ok` yet. */
  note(): string | undefined {
    if (!this.request) return undefined;
    if (this.outcome?.state === 'cannot-issue') return `the panel cannot issue certificates: ${this.outcome.detail}`;
    if (this.outcome?.state === 'requested') return `certificates requested (${this.outcome.detail})`;
    if (this.outcome?.state === 'automatic') return `the panel issues certificates on its own (${this.outcome.detail})`;
    if (this.outcome?.state === 'not-yet') return `the panel cannot issue yet: ${this.outcome.detail}`;
    if (this.failure) return `the certificate request failed, asking again later: ${this.failure}`;
    const blocked = this.blockedBy;
    if (blocked.length > 0) {
      const setup = this.setupFailure ? ` (and the certificate setup could not be read: ${this.setupFailure})` : '';
      return `${notRequested}waiting for the DNS of ${blocked.join(', ')}${setup}`;
    }
    return this.asking ? 'certificates are being requested' : undefined;
  }

  /** For a host that was never asked: why not, to report as its outcome. */
  unaskedOutcome(): CertificateRequestOutcome | undefined {
    if (!this.request || this.attempts > 0 || this.outcome) return undefined;
    return { state: 'not-yet', detail: this.note() ?? 'certificates not requested' };
  }
}
