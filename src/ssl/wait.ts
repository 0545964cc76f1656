import * as systemDns from 'node:dns/promises';
import type { Clock } from '../clock.js';
import { formatDuration } from '../config/durations.js';
import type { CertificateRequestOutcome } from '../hosts/provider.js';
import { Backoff, type BackoffPolicy } from './backoff.js';
import { HostCertificateRequest, type CertificateHost } from './certificate-requests.js';
import type { ProbeResult } from './classify-certificate.js';
import { limitConcurrency, type ConcurrencyLimit } from './concurrency-limit.js';
import { checkDns, type DnsResolver } from './dns-precheck.js';
import { probeCertificate, type Probe } from './probe.js';
import { handshakeTarget, probeDefaults, probeSafely, skipped, type NameToProbe } from './probe-name.js';
import { routeFor, type Route, type Routes } from './routes.js';
import { SleepGroup } from './sleep-group.js';
import type { SslResult, SslState } from './ssl-result.js';

export type { CertificateHost, GateName } from './certificate-requests.js';

export interface WaitTarget extends NameToProbe {
  /** The host's `points-to`: addresses or a CNAME target. Empty: resolving at all is enough. */
  pointsTo: readonly string[];
  /** A certificate expiring in fewer days counts as not valid (the host's `min-days`). */
  minDays: number;
  /** How long to wait for this name's certificate (the host's `ssl.timeout`). */
  timeoutMs: number;
}

export interface PendingName {
  name: string;
  host: string;
  state: SslState;
  detail: string;
}

export interface WaitProgress {
  elapsedMs: number;
  total: number;
  finished: number;
  /** Names still waited on that were looked at, with their last state and why. */
  pending: PendingName[];
  /** Names still waited on that no DNS pre-check or probe has reached yet. */
  notProbed: number;
}

export interface WaitInput {
  targets: readonly WaitTarget[];
  hosts: readonly CertificateHost[];
  routes: Routes;
  clock: Clock;
  /** First delay between two polls of a name; it grows ×1.5 up to 60 s. */
  intervalMs: number;
  /** false: request what can be requested now, probe once, return. */
  wait: boolean;
  probe?: Probe;
  dns?: DnsResolver;
  /** Limit of one TLS handshake (default 10 s); never more than the time the name has left. */
  probeTimeoutMs?: number;
  /** TLS probes in flight at once (default 32). */
  probeConcurrency?: number;
  /** DNS pre-checks in flight at once (default 16), apart from the probes. */
  dnsConcurrency?: number;
  /** Called at most every `progressEveryMs` (default 30 s) of clock time. */
  onProgress?: (progress: WaitProgress) => void;
  progressEveryMs?: number;
  /** Called with every answer of a host's panel, and at the end for a host never asked. */
  onCertificateRequest?: (hostId: string, outcome: CertificateRequestOutcome) => void;
}

const defaultProgressEveryMs = 30_000;

/** Polls of a name start at the interval and grow ×1.5 up to 60 s (or the interval, if longer). */
function pollBackoff(intervalMs: number): BackoffPolicy {
  return { initialMs: intervalMs, factor: 1.5, maxMs: Math.max(60_000, intervalMs) };
}

/**
 * The last poll of a name starts this long before its deadline (a tenth of its timeout, at most
 * 5 s), so that one more probe fits in before the time is up instead of the wait ending asleep.
 */
function lastProbeWindow(timeoutMs: number): number {
  return Math.min(5_000, timeoutMs / 10);
}

/** A name whose DNS is checked before its host's certificate is requested. */
interface GatedName {
  name: string;
  pointsTo: readonly string[];
  route: Route | undefined;
  request: HostCertificateRequest;
  dnsPassed: boolean;
}

/** A waited name: gated, and probed until its certificate is valid or its time is up. */
interface TrackedName extends GatedName {
  target: WaitTarget;
  last?: ProbeResult;
  result?: SslResult;
}

/**
 * Requests certificates (once per host, once all its names pass the DNS pre-check) and polls
 * every name in parallel with backoff until its certificate is valid or the time is up. The
 * total time is that of the slowest name: no probe starts after a name's time is up, and none
 * runs past it. Results keep the order of `targets`.
 */
export async function waitForCertificates(input: WaitInput): Promise<SslResult[]> {
  const run = new CertificateWait(input);
  return input.wait ? run.untilValid() : run.once();
}

class CertificateWait {
  private readonly clock: Clock;
  private readonly probe: Probe;
  private readonly dns: DnsResolver;
  private readonly probes: ConcurrencyLimit;
  private readonly lookups: ConcurrencyLimit;
  private readonly requests = new Map<string, HostCertificateRequest>();
  private readonly tracked: TrackedName[];
  /** Names that gate a host's certificate without being waited for (not touched in this run). */
  private readonly gateOnly: GatedName[] = [];
  /** Per host: the waited names' sleeps, ended when the panel cannot issue. */
  private readonly pollSleeps = new Map<string, SleepGroup>();
  /** Per host: the gate-only names' sleeps, ended when the panel cannot issue or every waited name has its result. */
  private readonly gateSleeps = new Map<string, SleepGroup>();
  private readonly pollPolicy: BackoffPolicy;
  private readonly start: number;
  private lastProgressAt: number;

  constructor(private readonly input: WaitInput) {
    this.clock = input.clock;
    this.probe = input.probe ?? probeCertificate;
    this.dns = input.dns ?? systemDns;
    this.probes = limitConcurrency(input.probeConcurrency ?? probeDefaults.probeConcurrency);
    this.lookups = limitConcurrency(input.dnsConcurrency ?? probeDefaults.dnsConcurrency);
    this.start = this.clock.now();
    this.lastProgressAt = this.start;
    this.pollPolicy = pollBackoff(input.intervalMs);

    const waited = input.targets.filter((target) => target.skipReason === undefined);
    for (const hostId of new Set(waited.map((target) => target.host))) {
      const waitedNames = waited.filter((target) => target.host === hostId).map((target) => target.name);
      const host = input.hosts.find((candidate) => candidate.id === hostId);
      const extra = (host?.gate ?? []).filter((gate) => !waitedNames.includes(gate.name));
      const gateNames = [...new Set([...waitedNames, ...extra.map((gate) => gate.name)])];
      const request = new HostCertificateRequest(hostId, gateNames, host, this.clock, this.pollPolicy, input.onCertificateRequest);
      this.requests.set(hostId, request);
      const pollSleeps = new SleepGroup(this.clock);
      const gateSleeps = new SleepGroup(this.clock);
      this.pollSleeps.set(hostId, pollSleeps);
      this.gateSleeps.set(hostId, gateSleeps);
      request.refused.addEventListener(
        'abort',
        () => {
          pollSleeps.interrupt();
          gateSleeps.interrupt();
        },
        { once: true },
      );
      for (const gate of new Map(extra.map((g) => [g.name, g])).values()) {
        this.gateOnly.push({ name: gate.name, pointsTo: gate.pointsTo, route: routeFor(gate.name, 443, input.routes), request, dnsPassed: false });
      }
    }
    this.tracked = waited.map((target) => ({
      target,
      name: target.name,
      pointsTo: target.pointsTo,
      route: routeFor(target.name, 443, input.routes),
      request: this.requests.get(target.host)!,
      dnsPassed: false,
    }));
  }

  async untilValid(): Promise<SslResult[]> {
    await this.checkIssuance();
    await Promise.all([...this.tracked.map((name) => this.follow(name)), ...this.gateOnly.map((name) => this.gate(name))]);
    return this.finish();
  }

  async once(): Promise<SslResult[]> {
    await this.checkIssuance();
    await Promise.all([...this.tracked, ...this.gateOnly].map((name) => this.checkDns(name)));
    await Promise.all([...this.requests.values()].map((request) => request.requestIfReady()));
    await Promise.all(
      this.tracked.map(async (name) => {
        name.result = this.resultOf(name, name.dnsPassed ? await this.probeName(name, Number.POSITIVE_INFINITY) : name.last!);
      }),
    );
    return this.finish();
  }

  /** Before any DNS pre-check: a host that cannot issue at all fails its names at once. */
  private async checkIssuance(): Promise<void> {
    await Promise.all([...this.requests.values()].map((request) => request.checkIssuance()));
  }

  private async follow(name: TrackedName): Promise<void> {
    const deadline = this.start + name.target.timeoutMs;
    const sleeps = this.pollSleeps.get(name.request.hostId)!;
    const backoff = new Backoff(this.pollPolicy);
    for (;;) {
      const seen = await this.observe(name, deadline);
      this.reportProgress();
      if (seen.state === 'ok' || name.request.refusal !== undefined) {
        this.settle(name, this.resultOf(name, seen));
        return;
      }
      const remainingMs = deadline - this.clock.now();
      const lastLookMs = lastProbeWindow(name.target.timeoutMs);
      if (remainingMs <= lastLookMs) {
        this.settle(name, this.timedOut(name, seen));
        return;
      }
      await sleeps.sleep(Math.min(backoff.next(), remainingMs - lastLookMs));
    }
  }

  /**
   * A name that is gated but not waited for: its DNS is checked with the same backoff until it
   * passes (then the request goes out as soon as the rest allow), the host's request is settled,
   * or every waited name of the host has its result.
   */
  private async gate(name: GatedName): Promise<void> {
    const sleeps = this.gateSleeps.get(name.request.hostId)!;
    const timeoutMs = Math.max(...this.tracked.filter((t) => t.request === name.request).map((t) => t.target.timeoutMs));
    const deadline = this.start + timeoutMs;
    const backoff = new Backoff(this.pollPolicy);
    while (!sleeps.isInterrupted && !name.request.done) {
      if (await this.checkDns(name)) {
        await name.request.requestIfReady();
        return;
      }
      const remainingMs = deadline - this.clock.now();
      if (remainingMs <= 0) return;
      await sleeps.sleep(Math.min(backoff.next(), remainingMs));
    }
  }

  private settle(name: TrackedName, result: SslResult): void {
    name.result = result;
    const open = this.tracked.some((other) => other.request === name.request && other.result === undefined);
    if (!open) this.gateSleeps.get(name.request.hostId)?.interrupt();
  }

  /** Once the name's time is up, nothing more is looked up or probed: its last observation stands. */
  private async observe(name: TrackedName, deadline: number): Promise<ProbeResult> {
    if (this.clock.now() >= deadline) return name.last ?? notProbedInTime;
    if (!(await this.checkDns(name))) return name.last!;
    await name.request.requestIfReady();
    return this.probeName(name, deadline);
  }

  /** Runs the DNS pre-check until it passes once; a routed name skips it. */
  private async checkDns(name: GatedName & { last?: ProbeResult }): Promise<boolean> {
    if (!name.dnsPassed) {
      if (!name.route) {
        const check = await this.lookups(() => checkDns(name.name, name.pointsTo, this.dns));
        if (!check.passed) {
          name.last = { state: 'dns-pending', detail: check.detail };
          return false;
        }
      }
      name.dnsPassed = true;
      name.request.markDnsPassed(name.name);
    }
    return true;
  }

  /** A handshake never outlasts the name's time: it gets what is left when its turn comes. */
  private async probeName(name: TrackedName, deadline: number): Promise<ProbeResult> {
    const seen = await this.probes(async () => {
      const remainingMs = deadline - this.clock.now();
      if (remainingMs <= 0) return name.last ?? notProbedInTime;
      return probeSafely(this.probe, handshakeTarget(name.target.name, name.route), {
        now: this.clock.now(),
        minDays: name.target.minDays,
        timeoutMs: Math.min(this.input.probeTimeoutMs ?? probeDefaults.timeoutMs, remainingMs),
      });
    });
    name.last = seen;
    return seen;
  }

  private resultOf(name: TrackedName, seen: ProbeResult): SslResult {
    const refused = name.request.refusal !== undefined;
    const note = seen.state === 'ok' || (seen.state === 'dns-pending' && !refused) ? undefined : name.request.note();
    return {
      name: name.target.name,
      host: name.target.host,
      ...seen,
      detail: note ? `${seen.detail}; ${note}` : seen.detail,
    };
  }

  private timedOut(name: TrackedName, seen: ProbeResult): SslResult {
    const last = this.resultOf(name, seen);
    return {
      ...last,
      state: 'timeout',
      lastState: seen.state,
      detail: `no valid certificate after ${formatDuration(name.target.timeoutMs)}; last seen ${seen.state}: ${last.detail}`,
    };
  }

  private reportProgress(): void {
    const onProgress = this.input.onProgress;
    const now = this.clock.now();
    if (!onProgress || now - this.lastProgressAt < (this.input.progressEveryMs ?? defaultProgressEveryMs)) return;
    this.lastProgressAt = now;
    const pending = this.tracked
      .filter((name) => name.result === undefined && name.last !== undefined)
      .map((name) => {
        const { state, detail } = this.resultOf(name, name.last!);
        return { name: name.target.name, host: name.target.host, state, detail };
      });
    onProgress({
      elapsedMs: now - this.start,
      total: this.tracked.length,
      finished: this.tracked.filter((name) => name.result !== undefined).length,
      pending,
      notProbed: this.tracked.filter((name) => name.result === undefined && name.last === undefined).length,
    });
  }

  private finish(): SslResult[] {
    for (const request of this.requests.values()) {
      const unasked = request.unaskedOutcome();
      if (unasked) this.input.onCertificateRequest?.(request.hostId, unasked);
    }
    return this.input.targets.map(
      (target) => this.tracked.find((name) => name.target === target)?.result ?? skipped(target),
    );
  }
}

/** For a name whose time was up before a probe could start (many names, few probe slots). */
const notProbedInTime: ProbeResult = { state: 'unreachable', detail: 'not probed: the time was up before a probe could start' };
