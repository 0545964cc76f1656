import type { DesiredHost } from '../config/desired-state.js';
import { HostSetupError } from '../errors.js';

/**
 * The hosts a `--hosts` filter names: ids or globs (`*` any run of characters). An empty filter
 * selects every host; a filter entry that matches no host is an error, so a typo never turns
 * into a silent no-op. `filterName` is how the error names the filter (the Action's is an input).
 */
export function selectHosts(hosts: readonly DesiredHost[], filters: readonly string[], filterName = '--hosts'): DesiredHost[] {
  const patterns = filters.map((f) => f.trim()).filter((f) => f !== '');
  if (patterns.length === 0) return [...hosts];
  const unmatched = patterns.filter((pattern) => !hosts.some((host) => hostIdMatches(host.id, pattern)));
  if (unmatched.length > 0) {
    throw new HostSetupError(
      unmatched[0]!,
      `${filterName}: ${unmatched.join(', ')} matches no host in the file (hosts: ${hosts.map((h) => h.id).join(', ')})`,
    );
  }
  return hosts.filter((host) => patterns.some((pattern) => hostIdMatches(host.id, pattern)));
}

export function hostIdMatches(id: string, pattern: string): boolean {
  const source = pattern
    .split('*')
    .map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(id);
}
