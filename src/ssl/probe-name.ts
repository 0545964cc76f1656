import { describeError } from '../errors.js';
import type { ProbeResult } from './classify-certificate.js';
import type { Probe, ProbeTarget } from './probe.js';
import type { Route } from './routes.js';
import type { SslResult } from './ssl-result.js';

/** Where the caller sets none: the limit of one TLS handshake, and how many probes and DNS lookups run at once. */
export const probeDefaults = { timeoutMs: 10_000, probeConcurrency: 32, dnsConcurrency: 16 } as const;

/** Where the TLS handshake for a name goes: to the name itself, or where `--connect-to` routes it. */
export function handshakeTarget(name: string, route: Route | undefined): ProbeTarget {
  return route ? { name, port: 443, connectHost: route.host, connectPort: route.port } : { name, port: 443 };
}

/** An injected probe that throws is reported like an unreachable server, not as a crash. */
export async function probeSafely(probe: Probe, target: ProbeTarget, options: Parameters<Probe>[1]): Promise<ProbeResult> {
  try {
    return await probe(target, options);
  } catch (error) {
    return { state: 'unreachable', detail: `the probe failed: ${describeError(error)}` };
  }
}

/** A name to look at, as the wait and the one-shot check both take it. */
export interface NameToProbe {
  name: string;
  /** The host id. */
  host: string;
  /** Reported as `skipped` with this reason (`ssl: false`, a wildcard without a probe name). */
  skipReason?: string;
}

export function skipped(target: NameToProbe): SslResult {
  return { name: target.name, host: target.host, state: 'skipped', detail: target.skipReason ?? 'not probed' };
}
