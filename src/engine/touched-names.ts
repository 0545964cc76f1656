import type { HostSnapshot } from '../hosts/provider.js';
import type { DesiredHost } from '../config/desired-state.js';
import type { HostPlan } from '../plan/change.js';
import { desiredNames, withCompanion } from '../plan/hostnames.js';

/** The hostnames a host's plan brings in (adds, names moving in, `www` flags switched on). */
export function touchedNames(plan: HostPlan): string[] {
  const names: string[] = [];
  for (const change of plan.changes) {
    const arrives = change.action === 'add' || (change.action === 'move' && change.to === plan.host);
    if (arrives) {
      names.push(change.name);
      if (change.www) names.push(`www.${change.name}`);
    } else if (change.action === 'update' && change.www.to && !change.www.from) {
      names.push(`www.${change.name}`);
    }
  }
  return [...new Set(names)];
}

/** The hostnames the file gives the host that the host serves now. */
export function servedDesiredNames(host: DesiredHost, snapshot: HostSnapshot): string[] {
  const served = new Set(snapshot.domains.flatMap((domain) => withCompanion(domain.name, domain.www)));
  return desiredNames(host).filter((name) => served.has(name));
}

export interface ProbeTarget {
  /** The name in the file (a wildcard stays `*.x`). */
  name: string;
  /** The name the probe connects for: the name itself, or a wildcard's `probe`. */
  probeName: string;
  host: string;
  pointsTo: string[];
  /** Set when the name is not probed: `ssl: false`, or a wildcard without `probe`. */
  skipReason?: string;
}

/** How the file says a hostname's certificate is verified. */
export function probeTargetFor(host: DesiredHost, name: string): ProbeTarget {
  const domain = host.domains.find((d) => d.name === name || (d.www && `www.${d.name}` === name));
  const base = { name, probeName: name, host: host.id, pointsTo: host.pointsTo };
  if (domain && !domain.ssl) return { ...base, skipReason: 'ssl: false in domains.yml' };
  if (domain?.wildcard) {
    return domain.probe ? { ...base, probeName: domain.probe } : { ...base, skipReason: 'wildcard without a probe name' };
  }
  return base;
}
