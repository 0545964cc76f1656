import { formatIssue } from '../errors.js';
import type { HostOutcome, RunResult } from '../result.js';
import type { SslResult } from '../ssl/ssl-result.js';
import { hostChangeCounts, hostStatus } from './change-counts.js';
import { describeChange } from './change-description.js';
import { previewsMarkdown } from './render-previews.js';
import { sslStateText } from './ssl-state-text.js';
import { plural, refusalConsequence, summaryLine } from './summary-line.js';
import { escapeMarkdownCell, escapeMarkdownText } from './markdown-escape.js';

export interface MarkdownOptions {
  /** Linked when the full text does not fit. */
  runUrl?: string;
  /** Characters; above it the run is summarised (PR comments: GitHub's 65,536). */
  maxLength?: number;
}

/** Rows per host tried, largest first, when the full text is too long. */
const compactRowLimits = [20, 10, 5, 1, 0];

/**
 * A run as GitHub-flavoured markdown, for the job summary and PR comments. Over `maxLength` it
 * summarises: counts per host, the first rows of each host, and a link to the run.
 */
export function renderMarkdown(result: RunResult, options: MarkdownOptions = {}): string {
  const full = document(result, { rowLimit: undefined, runUrl: options.runUrl });
  const { maxLength } = options;
  if (maxLength === undefined || full.length <= maxLength) return full;
  for (const rowLimit of compactRowLimits) {
    const compact = document(result, { rowLimit, runUrl: options.runUrl });
    if (compact.length <= maxLength) return compact;
  }
  return cut(document(result, { rowLimit: 0, runUrl: options.runUrl }), maxLength, result, options.runUrl);
}

interface Layout {
  /** undefined: every row; a number: compact, at most this many rows per host. */
  rowLimit: number | undefined;
  runUrl: string | undefined;
}

function document(result: RunResult, layout: Layout): string {
  const compact = layout.rowLimit !== undefined;
  const blocks: string[] = [`## domain-sync ${result.mode}`, `**${escapeMarkdownText(summaryLine(result))}**`];
  if (compact) {
    blocks.push(tooLongNote(layout.runUrl));
    if (result.hosts.length > 0) blocks.push(countsTable(result.hosts));
  }
  if (result.configIssues.length > 0) {
    blocks.push(result.configIssues.map((issue) => `- ${escapeMarkdownText(formatIssue(issue))}`).join('\n'));
  }
  for (const host of result.hosts) blocks.push(...hostBlocks(host, result.mode === 'doctor', layout.rowLimit));
  for (const error of result.errors) blocks.push(quote('Error', error));
  if (result.refusals.length > 0) blocks.push(...refusalBlocks(result));
  if (result.ssl.length > 0) blocks.push('### SSL', compact ? sslCounts(result.ssl) : sslTable(result.ssl));
  const previews = previewsMarkdown(result);
  if (previews !== undefined) blocks.push(previews);
  if (result.checksum) blocks.push(checksumLine(result.checksum));
  return `${blocks.join('\n\n')}\n`;
}

function hostBlocks(host: HostOutcome, doctor: boolean, rowLimit: number | undefined): string[] {
  const label = hostStatus(host);
  const status = label ? `: ${label}` : '';
  const blocks = [`### ${host.id} (${host.provider})${status}`];
  const shown = rowLimit === undefined ? host.changes : host.changes.slice(0, rowLimit);
  if (shown.length > 0) {
    const rows = shown.map((change) => {
      const { action, name, detail } = describeChange(change, host.id);
      return `| ${action} | \`${name}\` | ${escapeMarkdownCell(detail)} |`;
    });
    blocks.push(['| action | name | detail |', '| --- | --- | --- |', ...rows].join('\n'));
  }
  const hidden = host.changes.length - shown.length;
  if (hidden > 0) {
    const more = plural(hidden, shown.length > 0 ? 'more change' : 'change');
    blocks.push(shown.length > 0 ? `…and ${more}.` : `${more}, not listed here.`);
  }
  if (host.changes.length === 0 && host.error === undefined && !doctor) blocks.push('No changes.');
  if (host.doctor && host.doctor.length > 0) {
    const rows = host.doctor.map((check) => {
      const result = check.ok ? 'ok' : '**failed**';
      return `| ${[check.name, result, check.detail, check.hint ?? ''].map(escapeMarkdownCell).join(' | ')} |`;
    });
    blocks.push(['| check | result | detail | hint |', '| --- | --- | --- | --- |', ...rows].join('\n'));
  }
  if (host.replanned) blocks.push('Planned again: the host changed after the first plan.');
  if (host.certificates) {
    blocks.push(`Certificates: ${host.certificates.state} (${escapeMarkdownText(host.certificates.detail)})`);
  }
  const warnings = rowLimit === undefined ? host.warnings : host.warnings.slice(0, Math.min(rowLimit, 3));
  for (const warning of warnings) blocks.push(quote('Warning', warning));
  const hiddenWarnings = host.warnings.length - warnings.length;
  if (hiddenWarnings > 0) {
    const more = plural(hiddenWarnings, warnings.length > 0 ? 'more warning' : 'warning');
    blocks.push(warnings.length > 0 ? `…and ${more}.` : `${more}, not listed here.`);
  }
  if (host.error !== undefined) blocks.push(quote('Error', host.error));
  blocks.push(`Checksum: \`${host.checksum}\``);
  return blocks;
}

function refusalBlocks(result: RunResult): string[] {
  const items = result.refusals.map((refusal) => {
    const force = refusal.forceable ? '`--force` lifts it' : '`--force` does not lift it';
    return `- **${refusal.host}** (${force}): ${escapeMarkdownText(refusal.message)}`;
  });
  const consequence = refusalConsequence(result);
  return ['### Refused', consequence[0]!.toUpperCase() + consequence.slice(1), items.join('\n')];
}

function countsTable(hosts: readonly HostOutcome[]): string {
  const rows = hosts.map((host) => {
    const counts = hostChangeCounts(host.changes, host.id);
    const status = hostStatus(host) ?? 'ok';
    const cells = [`${host.id} (${host.provider})`, counts.add, counts.update, counts.remove, counts.move, status];
    return `| ${cells.join(' | ')} |`;
  });
  const header = ['| host | add | change | remove | move | status |', '| --- | ---: | ---: | ---: | ---: | --- |'];
  return [...header, ...rows].join('\n');
}

function sslTable(ssl: readonly SslResult[]): string {
  const rows = ssl.map((entry) => {
    const expires = entry.expires?.slice(0, 10) ?? '';
    const cells = [`\`${entry.name}\``, entry.host, sslStateText(entry), expires, escapeMarkdownCell(entry.detail)];
    return `| ${cells.join(' | ')} |`;
  });
  const header = ['| domain | host | state | expires | detail |', '| --- | --- | --- | --- | --- |'];
  return [...header, ...rows].join('\n');
}

function sslCounts(ssl: readonly SslResult[]): string {
  const byState = new Map<string, number>();
  for (const entry of ssl) byState.set(entry.state, (byState.get(entry.state) ?? 0) + 1);
  return [...byState].map(([state, count]) => `${state}: ${count}`).join(', ');
}

function tooLongNote(runUrl: string | undefined): string {
  const where = runUrl ? `the [workflow run](${runUrl})` : "the workflow run's summary";
  return `The full report is too long for here; this is a summary. See ${where} for every change.`;
}

function checksumLine(checksum: string): string {
  return `Plan checksum: \`${checksum}\``;
}

/** Last resort: keep the head that fits, then the link and the checksum (`expect-checksum` reads it). */
function cut(text: string, maxLength: number, result: RunResult, runUrl: string | undefined): string {
  const checksum = result.checksum ? `${checksumLine(result.checksum)}\n` : '';
  const tail = `\n\n…cut short. ${tooLongNote(runUrl)}\n\n${checksum}`;
  return `${text.slice(0, Math.max(0, maxLength - tail.length))}${tail}`.slice(0, maxLength);
}

function quote(label: string, text: string): string {
  return `> **${label}:** ${escapeMarkdownText(text).replaceAll('\n', '\n> ')}`;
}
