import * as systemDns from 'node:dns/promises';
import type { Clock } from '../clock.js';
import { limitConcurrency } from './concurrency-limit.js';
import { checkDns, type DnsResolver } from './dns-precheck.js';
import { probeCertificate, type Probe } from './probe.js';
import { handshakeTarget, probeDefaults, probeSafely, skipped, type NameToProbe } from './probe-name.js';
import { routeFor, type Routes } from './routes.js';
import type { SslResult } from './ssl-result.js';

export interface OneShotTarget extends NameToProbe {
  /** Given: the DNS pre-check runs first (unless the name is routed), as in the wait. */
  pointsTo?: readonly string[];
}

export interface ProbeOnceInput {
  targets: readonly OneShotTarget[];
  routes: Routes;
  clock: Clock;
  minDays: number;
  probe?: Probe;
  dns?: DnsResolver;
  probeTimeoutMs?: number;
  probeConcurrency?: number;
  dnsConcurrency?: number;
}

/**
 * `check --ssl`: every name looked at once, in parallel, with no certificate request: a name with
 * `pointsTo` and no route is `dns-pending` while its DNS does not pass; otherwise it is probed.
 */
export async function probeOnce(input: ProbeOnceInput): Promise<SslResult[]> {
  const probe = input.probe ?? probeCertificate;
  const dns = input.dns ?? systemDns;
  const probes = limitConcurrency(input.probeConcurrency ?? probeDefaults.probeConcurrency);
  const lookups = limitConcurrency(input.dnsConcurrency ?? probeDefaults.dnsConcurrency);
  return Promise.all(
    input.targets.map(async (target): Promise<SslResult> => {
      if (target.skipReason !== undefined) return skipped(target);
      const route = routeFor(target.name, 443, input.routes);
      const pointsTo = target.pointsTo;
      if (pointsTo !== undefined && !route) {
        const check = await lookups(() => checkDns(target.name, pointsTo, dns));
        if (!check.passed) return { name: target.name, host: target.host, state: 'dns-pending', detail: check.detail };
      }
      const seen = await probes(() =>
        probeSafely(probe, handshakeTarget(target.name, route), {
          now: input.clock.now(),
          minDays: input.minDays,
          timeoutMs: input.probeTimeoutMs ?? probeDefaults.timeoutMs,
        }),
      );
      return { name: target.name, host: target.host, ...seen };
    }),
  );
}
