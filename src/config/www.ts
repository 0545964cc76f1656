import { getDomain } from 'tldts';
import type { WwwPolicy } from './desired-state.js';

/**
 * Whether a normalised name also wants its `www.` companion. main-only: only for a registrable
 * (apex) domain, public-suffix aware: `example.co.uk` is an apex, `shop.example.co.uk` is not.
 */
export function wantsWwwCompanion(name: string, policy: WwwPolicy): boolean {
  if (name.startsWith('www.') || name.startsWith('*.')) return false;
  switch (policy) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'main-only':
      return getDomain(name) === name;
  }
}

export function wwwCompanionOf(name: string): string {
  return `www.${name}`;
}
