import { changeCounts, type ChangeCounts } from '../plan/change-counts.js';
import type { Change } from '../plan/change.js';
import { sslStateText } from '../plan/ssl-state-text.js';
import { plural } from '../plan/summary-line.js';
import type { HostOutcome, RunResult } from '../result.js';
import { type SslResult, isNotValid } from '../ssl/ssl-result.js';
import { escapeMarkdownCell, escapeMarkdownText } from '../plan/markdown-escape.js';

/**
 * The one issue a scheduled check keeps about drift: its title, body and closing comment, as
 * pure text. The caller finds the open issue by `driftIssueLabel` and `driftIssueMarker`.
 */

export const driftIssueLabel = 'domain-sync-drift';
/** Hidden in the body; identifies the issue among others with the label. */
export const driftIssueMarker = '<!-- domain-sync:drift -->';
/** GitHub's limit for an issue body. */
export const driftIssueMaxLength = 65_536;

const firstSeenPattern = /<!-- domain-sync:drift-since ([^\s<>]+) -->/;
/** Rows per host tried, largest first, when the full body is too long. */
const compactRowLimits = [20, 10, 5, 1, 0];

export interface DriftIssueContext {
  /** When this run saw the drift (ISO 8601). The first time, it becomes the first-seen time. */
  since?: string;
  /** Linked as where the drift was last seen. */
  runUrl?: string;
  /** The open issue's body: its first-seen time is kept. */
  previousBody?: string;
}

export function driftIssueTitle(result: RunResult): string {
  const ids = driftedHosts(result).map((host) => host.id);
  if (ids.length === 0) return 'Domain drift';
  return ids.length <= 3 ? `Domain drift: ${ids.join(', ')}` : `Domain drift on ${ids.length} hosts`;
}

/**
 * What differs per host (names to add, remove, update or move; certificates not valid; hosts
 * that could not be read), since when, and how to fix it, within GitHub's size limit.
 */
export function driftIssueBody(result: RunResult, context: DriftIssueContext = {}): string {
  const seenNow = isoTime(context.since);
  const layout = { firstSeen: driftFirstSeen(context.previousBody) ?? seenNow, seenNow, runUrl: context.runUrl };
  const full = document(result, { ...layout, rowLimit: undefined });
  if (full.length <= driftIssueMaxLength) return full;
  for (const rowLimit of compactRowLimits) {
    const compact = document(result, { ...layout, rowLimit });
    if (compact.length <= driftIssueMaxLength) return compact;
  }
  const tail = `\n\n…cut short: ${seeTheRun(context.runUrl)}\n`;
  return `${document(result, { ...layout, rowLimit: 0 }).slice(0, driftIssueMaxLength - tail.length)}${tail}`;
}

/** The first-seen time a drift issue body carries, if any. */
export function driftFirstSeen(body: string | undefined): string | undefined {
  return isoTime(firstSeenPattern.exec(body ?? '')?.[1]);
}

/** Posted on the issue when a check finds no drift any more, before it is closed. */
export function driftResolvedComment(result: RunResult, context: { runUrl?: string } = {}): string {
  const count = result.hosts.length;
  const hosts = count === 1 ? 'the host matches' : `all ${count} hosts match`;
  const certificates = result.ssl.filter((entry) => entry.state === 'ok').length;
  const valid = certificates === 1 ? 'the certificate checked is' : `all ${certificates} certificates checked are`;
  const certificateNote = certificates > 0 ? `, and ${valid} valid` : '';
  const where = context.runUrl ? ` ([check](${context.runUrl}))` : '';
  const closing = 'Closing this issue; a new one opens if the hosts drift again.';
  return `The drift is gone: ${hosts} \`domains.yml\` again${certificateNote}${where}. ${closing}\n`;
}

interface Layout {
  firstSeen: string | undefined;
  seenNow: string | undefined;
  runUrl: string | undefined;
  /** undefined: every row; a number: at most this many rows per table. */
  rowLimit: number | undefined;
}

function document(result: RunResult, layout: Layout): string {
  const drifted = driftedHosts(result);
  const markers = layout.firstSeen ? `${driftIssueMarker}\n<!-- domain-sync:drift-since ${layout.firstSeen} -->` : driftIssueMarker;
  const blocks = [markers, 'The domains on the panels differ from `domains.yml`.', facts(result, layout)];
  if (layout.rowLimit !== undefined) blocks.push(`The full report is too long for an issue; this is a summary. ${seeTheRun(layout.runUrl)}`);
  for (const host of drifted) blocks.push(...hostBlocks(host, badCertificates(result, host.id), layout));
  for (const error of result.errors) blocks.push(quote('Error', error));
  const inSync = result.hosts.filter((host) => !drifted.includes(host)).map((host) => `\`${host.id}\``);
  if (inSync.length > 0) blocks.push(`In sync: ${inSync.join(', ')}.`);
  blocks.push(...fixBlocks(result, drifted));
  blocks.push('_Updated by every scheduled check and closed when the drift is gone._');
  return `${blocks.join('\n\n')}\n`;
}

function facts(result: RunResult, layout: Layout): string {
  const lines: string[] = [];
  if (layout.firstSeen) lines.push(`**First seen:** ${readableTime(layout.firstSeen)}`);
  const when = layout.seenNow ? ` ${readableTime(layout.seenNow)}` : '';
  const where = layout.runUrl ? ` in [this run](${layout.runUrl})` : '';
  if (when || where) lines.push(`**Last seen:**${when}${where}`);
  lines.push(`**Drift:** ${driftSummary(changeCounts(result), badCertificates(result).length)}`);
  return lines.join('  \n');
}

function driftSummary(counts: ChangeCounts, certificates: number): string {
  const parts = [`${counts.add} to add`, `${counts.update} to change`, `${counts.remove} to remove`, `${counts.move} to move`];
  const certificateNote = certificates > 0 ? `; ${plural(certificates, 'certificate')} not valid` : '';
  return `${parts.join(', ')}${certificateNote}.`;
}

function hostBlocks(host: HostOutcome, certificates: readonly SslResult[], layout: Layout): string[] {
  const blocks = [`### ${host.id} (${host.provider})`];
  if (host.changes.length > 0) {
    const rows = limited(host.changes, layout.rowLimit).map((change) => {
      const row = driftRow(change, host.id);
      return `| \`${change.name}\` | ${escapeMarkdownCell(row.differs)} | ${row.applyWould} |`;
    });
    blocks.push(['| name | what differs | apply would |', '| --- | --- | --- |', ...rows].join('\n'));
    blocks.push(...hiddenNote(host.changes.length, rows.length, 'name', layout.runUrl));
  }
  if (certificates.length > 0) {
    const rows = limited(certificates, layout.rowLimit).map((entry) => {
      const cells = [`\`${entry.name}\``, sslStateText(entry), entry.expires?.slice(0, 10) ?? '', escapeMarkdownCell(entry.detail)];
      return `| ${cells.join(' | ')} |`;
    });
    blocks.push(['| certificate | state | expires | detail |', '| --- | --- | --- | --- |', ...rows].join('\n'));
    blocks.push(...hiddenNote(certificates.length, rows.length, 'certificate', layout.runUrl));
  }
  if (host.error !== undefined) blocks.push(quote('Could not be checked', host.error));
  return blocks;
}

interface DriftRow {
  differs: string;
  applyWould: string;
}

/** A planned change read as drift: how the host differs from the file. */
function driftRow(change: Change, hostId: string): DriftRow {
  const companion = change.action !== 'update' && change.www ? ` (with www.${change.name})` : '';
  switch (change.action) {
    case 'add':
      return { differs: `in domains.yml, missing on the host${companion}`, applyWould: 'add' };
    case 'remove':
      return { differs: `on the host, not in domains.yml${companion}`, applyWould: 'remove' };
    case 'update':
      return { differs: `www ${onOff(change.www.from)} on the host, ${onOff(change.www.to)} in domains.yml`, applyWould: 'change www' };
    case 'move':
      return change.from === hostId
        ? { differs: `on this host, listed on ${change.to} in domains.yml`, applyWould: `move to ${change.to}` }
        : { differs: `listed here in domains.yml, on ${change.from}`, applyWould: `move from ${change.from}` };
  }
}

function fixBlocks(result: RunResult, drifted: readonly HostOutcome[]): string[] {
  const withChanges = drifted.filter((host) => host.changes.length > 0).map((host) => host.id).join(',');
  const failed = drifted.filter((host) => host.error !== undefined).map((host) => host.id).join(',');
  const items: string[] = [];
  if (withChanges) {
    items.push(
      `- **Make the hosts match domains.yml:** push to the default branch, run the workflow by hand, or run \`domain-sync apply --hosts ${withChanges}\` with the panels' credentials. Apply prints its plan (the names above) before it writes anything.`,
      `- **Make domains.yml match the hosts:** \`domain-sync import --hosts ${withChanges}\` prints what the panels have now as a domains.yml; copy what you want to keep into \`domains.yml\` and merge it.`,
    );
  }
  if (badCertificates(result).length > 0) {
    items.push(
      '- **Certificates:** fix what each detail names. A `dns-pending` name needs its DNS record to point at the host (`points-to`); a `wrong-certificate`, `untrusted`, `expiring` or `unreachable` one needs the panel to issue or renew the app\'s certificate (ServerPilot: AutoSSL; RunCloud: redeploy Let\'s Encrypt; Closte renews on its own).',
    );
  }
  if (failed) {
    items.push(`- **Hosts that could not be checked:** \`domain-sync doctor --hosts ${failed}\` checks the credentials, the app and API access.`);
  }
  const blocks = items.length > 0 ? ['### How to fix', items.join('\n')] : [];
  for (const refusal of result.refusals) blocks.push(quote('Apply would refuse this plan', refusal.message));
  return blocks;
}

/** Hosts whose domains differ, that could not be read, or whose certificates are not valid. */
function driftedHosts(result: RunResult): HostOutcome[] {
  return result.hosts.filter((host) => host.changes.length > 0 || host.error !== undefined || badCertificates(result, host.id).length > 0);
}

function badCertificates(result: RunResult, hostId?: string): SslResult[] {
  return result.ssl.filter((entry) => isNotValid(entry) && (hostId === undefined || entry.host === hostId));
}

function limited<T>(rows: readonly T[], rowLimit: number | undefined): readonly T[] {
  return rowLimit === undefined ? rows : rows.slice(0, rowLimit);
}

function hiddenNote(total: number, shown: number, noun: string, runUrl: string | undefined): string[] {
  const hidden = total - shown;
  if (hidden <= 0) return [];
  return [`…and ${plural(hidden, shown > 0 ? `more ${noun}` : noun)}. ${seeTheRun(runUrl)}`];
}

function seeTheRun(runUrl: string | undefined): string {
  return runUrl ? `See [the workflow run](${runUrl}) for every name.` : "See the workflow run's summary for every name.";
}

function quote(label: string, text: string): string {
  return `> **${label}:** ${escapeMarkdownText(text).replaceAll('\n', '\n> ')}`;
}

function onOff(flag: boolean): string {
  return flag ? 'on' : 'off';
}

/** A time as stored in the hidden marker: ISO 8601 in UTC, or undefined when it is not a time. */
function isoTime(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function readableTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
