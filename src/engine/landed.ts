import type { HostSnapshot } from '../hosts/provider.js';
import type { HostEffect } from './changes-in-round.js';

/** Whether the host's list shows the effect, so a write whose answer was lost can be judged. */
export function hasLanded(effect: HostEffect, snapshot: HostSnapshot, flagModel: boolean): boolean {
  const domain = snapshot.domains.find((d) => d.name === effect.name);
  switch (effect.kind) {
    case 'arrive':
      return domain !== undefined && (!flagModel || domain.www === effect.www);
    case 'leave':
      return domain === undefined;
    case 'set-www':
      return domain !== undefined && domain.www === effect.www;
  }
}

/** The effects that the snapshot does not show yet. */
export function notLanded(effects: readonly HostEffect[], snapshot: HostSnapshot, flagModel: boolean): HostEffect[] {
  return effects.filter((effect) => !hasLanded(effect, snapshot, flagModel));
}

export function describeEffect(effect: HostEffect): string {
  switch (effect.kind) {
    case 'arrive':
      return `add ${effect.name}`;
    case 'leave':
      return `remove ${effect.name}`;
    case 'set-www':
      return `set www ${effect.www ? 'on' : 'off'} for ${effect.name}`;
  }
}

/** Two reads of a host show the same domains (order and panel ids aside). */
export function sameDomains(a: HostSnapshot, b: HostSnapshot): boolean {
  const key = (s: HostSnapshot): string =>
    s.domains
      .map((d) => `${d.name}|${d.www ? 1 : 0}|${d.wildcard ? 1 : 0}`)
      .sort()
      .join('\n');
  return key(a) === key(b);
}
