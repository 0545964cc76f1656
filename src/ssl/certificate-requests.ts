import type { Clock } from '../clock.js';
import { describeError } from '../errors.js';
import type { CertificateRequestOutcome } from '../hosts/provider.js';

/** A host as the SSL wait sees it: how to ask its panel for certificates, if it can be asked. */
export interface CertificateHost {
  id: string;
  requestCertificates?: () => Promise<CertificateRequestOutcome>;
}

export interface RetryPolicy {
  initialMs: number;
  factor: number;
  maxMs: number;
}

/**
 * One host's certificate request. A host's certificate covers all its names, so it is asked for
 * only when every name has passed the DNS pre-check, and then once: again only while the panel
 * answers `not-yet` (or the request fails), with backoff. `cannot-issue` aborts `refused`, so the
 * host's names stop waiting at once.
 */
export class HostCertificateRequest {
  private readonly dnsPassed = new Set<string>();
  private readonly refusedController = new AbortController();
  private outcome: CertificateRequestOutcome | undefined;
  private failure: string | undefined;
  private asking = false;
  private attempts = 0;
  private nextAttemptAt = Number.NEGATIVE_INFINITY;
  private retryMs: number;

  constructor(
    readonly hostId: string,
    private readonly names: readonly string[],
    private readonly request: (() => Promise<CertificateRequestOutcome>) | undefined,
    private readonly clock: Clock,
    private readonly retry: RetryPolicy,
    private readonly onOutcome?: (hostId: string, outcome: CertificateRequestOutcome) => void,
  ) {
    this.retryMs = retry.initialMs;
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

  /** Asks the panel when the host is ready and has not been answered for good yet. */
  async requestIfReady(): Promise<void> {
    if (!this.request || this.asking || this.settled() || this.blockedBy.length > 0) return;
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
    if (this.outcome) this.onOutcome?.(this.hostId, this.outcome);
    if (!this.settled()) {
      this.nextAttemptAt = this.clock.now() + this.retryMs;
      this.retryMs = Math.min(this.retryMs * this.retry.factor, this.retry.maxMs);
    }
    if (this.outcome?.state === 'cannot-issue') this.refusedController.abort();
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
    if (blocked.length > 0) return `certificates not requested: waiting for the DNS of ${blocked.join(', ')}`;
    return this.asking ? 'certificates are being requested' : undefined;
  }

  /** For a host that was never asked: why not, to report as its outcome. */
  unaskedOutcome(): CertificateRequestOutcome | undefined {
    if (!this.request || this.attempts > 0) return undefined;
    return { state: 'not-yet', detail: this.note() ?? 'certificates not requested' };
  }

  private settled(): boolean {
    const state = this.outcome?.state;
    return state === 'requested' || state === 'automatic' || state === 'cannot-issue';
  }
}
