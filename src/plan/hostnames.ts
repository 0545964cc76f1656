import type { DesiredHost } from '../config/desired-state.js';
import type { Change } from './change.js';

/**
 * The hostnames a change adds to or removes from one host, with `www` flags expanded: a flagged
 * domain is two hostnames, a dropped flag is one removal. Guards and counts are in these units.
 */

export function removedHostnames(change: Change, hostId: string): string[] {
  switch (change.action) {
    case 'add':
      return [];
    case 'remove':
      return withCompanion(change.name, change.www === true);
    case 'update':
      return change.www.from && !change.www.to ? [`www.${change.name}`] : [];
    case 'move':
      return change.from === hostId ? withCompanion(change.name, change.sourceWww === true) : [];
  }
}

export function addedHostnames(change: Change, hostId: string): string[] {
  switch (change.action) {
    case 'add':
      return withCompanion(change.name, change.www === true);
    case 'remove':
      return [];
    case 'update':
      return !change.www.from && change.www.to ? [`www.${change.name}`] : [];
    case 'move':
      return change.to === hostId ? withCompanion(change.name, change.www === true) : [];
  }
}

/** Every hostname the file gives a host (companions expanded). */
export function desiredNames(host: DesiredHost): string[] {
  return host.domains.flatMap((domain) => withCompanion(domain.name, domain.www));
}

/** A name and, when its `www` companion is wanted or present, `www.<name>`. */
export function withCompanion(name: string, www: boolean): string[] {
  return www ? [name, `www.${name}`] : [name];
}
