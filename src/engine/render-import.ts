import type { DesiredHost, DesiredState, PreviewSettings } from '../config/desired-state.js';
import { matchesAnyGlob } from '../config/glob.js';
import { matchesPreviewPattern } from '../config/read-previews.js';
import { wantsWwwCompanion } from '../config/www.js';
import { capabilitiesOf } from '../hosts/capabilities.js';
import type { CurrentDomain, HostSnapshot } from '../hosts/provider.js';

export interface ImportedHost {
  host: DesiredHost;
  snapshot: HostSnapshot;
}

/** What the file being replaced says that the panels cannot tell. */
type SourceFile = Pick<DesiredState, 'ignore' | 'previews'>;

/**
 * A domains.yml for hosts as they are now, written so that `plan` against it shows no changes:
 * an apex with its `www.` companion is one plain entry (the default `www: main-only`), every
 * other case says its `www` explicitly, and unmanaged domains are left out (listed in a comment):
 * the panel's own, and, when a file is being replaced, those its `ignore` globs (global and per
 * host, carried over) and its `previews` block (carried over while its host is imported) leave alone.
 */
export function renderImportedConfig(hosts: readonly ImportedHost[], source: SourceFile = {}): string {
  const previews = source.previews && hosts.some(({ host }) => host.id === source.previews?.host) ? source.previews : undefined;
  const globalIgnore = source.ignore ?? [];
  const lines = [
    '# domains.yml written by `domain-sync import` from what each host serves now.',
    '# Review it and commit it: `domain-sync plan` against it shows no changes.',
    'version: 1',
    '',
    'defaults:',
    '  # sync: remove from a host the domains this file does not list.',
    '  # keep: never remove anything; only add what is listed here.',
    '  removals: sync',
    '',
  ];
  if (globalIgnore.length > 0) lines.push(`ignore: ${globList(globalIgnore)}`, '');
  lines.push('hosts:');
  for (const { host, snapshot } of hosts) lines.push(...renderHost(host, snapshot, globalIgnore, previews));
  if (previews) lines.push('', 'previews:', `  host: ${previews.host}`, `  domain: ${quote(previews.domain)}`);
  return `${lines.join('\n')}\n`;
}

function renderHost(host: DesiredHost, snapshot: HostSnapshot, globalIgnore: readonly string[], previews: PreviewSettings | undefined): string[] {
  const lines = [`  ${host.id}:`, `    provider: ${host.provider}`];
  if (host.server !== undefined) lines.push(`    server: ${quote(host.server)}`);
  if (host.app !== undefined) lines.push(`    app: ${quote(host.app)}`);
  if (host.apiUrl !== undefined) lines.push(`    api_url: ${quote(host.apiUrl)}`);
  if (host.credentials.explicit) {
    lines.push('    credentials:');
    for (const [key, variable] of Object.entries(host.credentials.variables)) {
      if (variable) lines.push(`      ${key}: ${variable}`);
    }
  }
  const ownIgnore = host.ignore.filter((glob) => !globalIgnore.includes(glob));
  if (ownIgnore.length > 0) lines.push(`    ignore: ${globList(ownIgnore)}`);
  const unmanagedHere = (domain: CurrentDomain): boolean =>
    isUnmanaged(host, domain) || (previews !== undefined && matchesPreviewPattern(domain.name, previews.domain));
  const unmanaged = snapshot.domains.filter(unmanagedHere);
  const entries = domainEntries(host, snapshot.domains.filter((d) => !unmanagedHere(d)));
  if (unmanaged.length > 0) {
    lines.push(`    # not managed (panel, ignored or preview domains): ${unmanaged.map((d) => d.name).join(', ')}`);
  }
  lines.push(entries.length === 0 ? '    domains: []' : '    domains:');
  for (const entry of entries) lines.push(`      - ${entry}`);
  return lines;
}

function isUnmanaged(host: DesiredHost, domain: CurrentDomain): boolean {
  return (
    domain.system !== undefined ||
    matchesAnyGlob(domain.name, capabilitiesOf[host.provider].systemDomains) ||
    matchesAnyGlob(domain.name, host.ignore)
  );
}

function domainEntries(host: DesiredHost, domains: readonly CurrentDomain[]): string[] {
  const flagModel = capabilitiesOf[host.provider].wwwModel === 'flag';
  const names = new Set(domains.map((d) => d.name));
  const entries: string[] = [];
  for (const domain of [...domains].sort((a, b) => a.name.localeCompare(b.name))) {
    const { name } = domain;
    if (!flagModel && name.startsWith('www.') && names.has(name.slice(4))) continue;
    if (name.startsWith('www.') || name.startsWith('*.')) {
      entries.push(quote(name));
      continue;
    }
    const hasCompanion = flagModel ? domain.www : names.has(`www.${name}`);
    const defaultGivesCompanion = wantsWwwCompanion(name, 'main-only');
    if (hasCompanion === defaultGivesCompanion) entries.push(quote(name));
    else entries.push(`{ name: ${quote(name)}, www: ${hasCompanion ? 'always' : 'never'} }`);
  }
  return entries;
}

function globList(globs: readonly string[]): string {
  return `[${globs.map((glob) => JSON.stringify(glob)).join(', ')}]`;
}

function quote(value: string): string {
  return /^[a-z0-9][a-z0-9.-]*$/i.test(value) && !/^[0-9.]+$/.test(value) ? value : JSON.stringify(value);
}
