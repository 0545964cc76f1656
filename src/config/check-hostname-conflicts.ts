import { capabilitiesOf } from '../hosts/capabilities.js';
import type { ConfigIssues } from './config-issues.js';
import type { DesiredDomain, PreviewSettings } from './desired-state.js';
import { domainGlobToRegExp } from './glob.js';
import type { HostReading } from './read-host.js';
import { matchesPreviewPattern } from './read-previews.js';
import { wwwCompanionOf } from './www.js';

/** One hostname a host will manage: a listed name, or the `www.` companion of one. */
interface Hostname {
  hostname: string;
  domain: DesiredDomain;
  companion: boolean;
  hostId: string;
}

/**
 * Names that cannot be managed as written: duplicates within a host (after `www` expansion),
 * a name on two hosts, and names the tool would never touch (ignore globs, provider system
 * domains, the previews pattern).
 */
export function checkHostnameConflicts(readings: HostReading[], previews: PreviewSettings | undefined, issues: ConfigIssues): void {
  const owners = new Map<string, Hostname>();
  /** One report per entry and kind: a name and its companion usually share the cause. */
  const reported = new Set<string>();
  const reportOnce = (entry: Hostname, kind: string, report: () => boolean) => {
    const key = `${entry.domain.source.path} ${kind}`;
    if (!reported.has(key) && report()) reported.add(key);
  };
  for (const reading of readings) {
    const seenOnHost = new Map<string, Hostname>();
    for (const entry of expand(reading)) {
      const onHost = seenOnHost.get(entry.hostname);
      if (onHost) {
        reportOnce(entry, 'duplicate', () => reportDuplicate(onHost, entry, issues));
        continue;
      }
      seenOnHost.set(entry.hostname, entry);
      const owner = owners.get(entry.hostname);
      if (owner) reportOnce(entry, 'two-hosts', () => reportOnTwoHosts(owner, entry, issues));
      else owners.set(entry.hostname, entry);
      reportOnce(entry, 'unmanageable', () => reportUnmanageable(entry, reading, previews, issues));
    }
  }
}

function expand(reading: HostReading): Hostname[] {
  return reading.domains.flatMap((domain) => {
    const listed: Hostname = { hostname: domain.name, domain, companion: false, hostId: reading.id };
    if (!domain.www) return [listed];
    return [listed, { hostname: wwwCompanionOf(domain.name), domain, companion: true, hostId: reading.id }];
  });
}

function reportDuplicate(first: Hostname, second: Hostname, issues: ConfigIssues): boolean {
  const at = second.domain.source;
  const firstLine = first.domain.source.line;
  if (!first.companion && !second.companion) {
    issues.add(at, at.path, `\`${second.hostname}\` is listed twice on this host (first at line ${firstLine})`, 'drop one of the entries');
    return true;
  }
  const parent = first.companion ? first.domain.name : second.domain.name;
  const message = first.companion
    ? `\`${second.hostname}\` is already the www companion of \`${parent}\` (line ${firstLine})`
    : `the www companion of \`${parent}\`, \`${second.hostname}\`, is already listed at line ${firstLine}`;
  issues.add(at, at.path, message, `drop the \`${second.hostname}\` entry, or set \`www: never\` on \`${parent}\``);
  return true;
}

function reportOnTwoHosts(owner: Hostname, entry: Hostname, issues: ConfigIssues): boolean {
  const at = entry.domain.source;
  const what = entry.companion ? `the www companion \`${entry.hostname}\`` : `\`${entry.hostname}\``;
  issues.add(
    at,
    at.path,
    `${what} is also on host \`${owner.hostId}\` (line ${owner.domain.source.line}); a name lives on one host`,
    'keep it on one host only; to move it, delete it from the other host\'s list',
  );
  return true;
}

function reportUnmanageable(entry: Hostname, reading: HostReading, previews: PreviewSettings | undefined, issues: ConfigIssues): boolean {
  const at = entry.domain.source;
  const before = issues.count;
  const what = entry.companion ? `its www companion \`${entry.hostname}\`` : `\`${entry.hostname}\``;
  const ignoreGlob = firstMatch(entry.hostname, reading.ignore);
  if (ignoreGlob) {
    issues.add(at, at.path, `${what} matches the ignore glob \`${ignoreGlob}\`, so it would never be managed`, 'remove the name, or narrow the ignore glob');
  }
  const systemGlob = reading.provider ? firstMatch(entry.hostname, capabilitiesOf[reading.provider].systemDomains) : undefined;
  if (systemGlob) {
    issues.add(at, at.path, `${what} is a ${reading.provider} system domain (\`${systemGlob}\`): the panel owns those`, 'remove it from the list');
  }
  if (previews && matchesPreviewPattern(entry.hostname, previews.domain)) {
    issues.add(at, at.path, `${what} matches the previews pattern \`${previews.domain}\`, so it would never be managed here`, 'remove it, or change the previews pattern');
  }
  return issues.count > before;
}

function firstMatch(name: string, globs: readonly string[]): string | undefined {
  return globs.find((glob) => domainGlobToRegExp(glob).test(name));
}
