import { hostStatus } from './change-counts.js';
import { formatIssue } from '../errors.js';
import type { HostOutcome, RunResult } from '../result.js';
import type { SslResult, SslState } from '../ssl/ssl-result.js';
import type { ChangeAction } from './change.js';
import { describeChange } from './change-description.js';
import { previewsText } from './render-previews.js';
import { sslStateText } from './ssl-state-text.js';
import { refusalConsequence, summaryLine } from './summary-line.js';

export interface TextOptions {
  /** ANSI colours; off unless asked for. */
  color?: boolean;
}

type Paint = (text: string, style: keyof typeof ansi) => string;

const ansi = {
  bold: '1',
  green: '32',
  red: '31',
  yellow: '33',
  cyan: '36',
  dim: '2',
} as const;

const actionStyle: Record<ChangeAction, keyof typeof ansi> = {
  add: 'green',
  update: 'yellow',
  remove: 'red',
  move: 'cyan',
};

/** A run for a terminal, read like `terraform plan`: per host its changes, then one summary line. */
export function renderText(result: RunResult, options: TextOptions = {}): string {
  const paint: Paint = options.color
    ? (text, style) => `\u001b[${ansi[style]}m${text}\u001b[0m`
    : (text) => text;
  const sections: string[] = [];

  if (result.configIssues.length > 0) {
    sections.push(result.configIssues.map((issue) => paint(formatIssue(issue), 'red')).join('\n'));
  }
  for (const host of result.hosts) sections.push(hostSection(host, result.mode === 'doctor', paint));
  if (result.errors.length > 0) {
    sections.push(result.errors.map((error) => paint(`Error: ${error}`, 'red')).join('\n'));
  }
  sections.push(paint(summaryLine(result), 'bold'));
  if (result.refusals.length > 0) {
    const lines = result.refusals.map((refusal) => `  ${refusal.host}: ${refusal.message}`);
    sections.push([paint(`Refused: ${refusalConsequence(result)}`, 'red'), ...lines].join('\n'));
  }
  if (result.ssl.length > 0) sections.push(sslTable(result.ssl, paint));
  const previews = previewsText(result);
  if (previews.length > 0) sections.push(previews.join('\n'));
  return `${sections.join('\n\n')}\n`;
}

function hostSection(host: HostOutcome, doctor: boolean, paint: Paint): string {
  const label = hostStatus(host);
  const status = label ? `: ${label}` : '';
  const lines = [paint(`${host.id} (${host.provider})${status}`, 'bold')];
  for (const change of host.changes) {
    const { symbol, action, name, detail } = describeChange(change, host.id);
    lines.push(paint(`  ${symbol} ${name}${detail ? ` (${detail})` : ''}`, actionStyle[action]));
  }
  if (host.changes.length === 0 && host.error === undefined && !doctor) lines.push(paint('  no changes', 'dim'));
  for (const check of host.doctor ?? []) {
    lines.push(`  ${check.ok ? paint('ok  ', 'green') : paint('FAIL', 'red')} ${check.name}: ${check.detail}`);
    if (check.hint) lines.push(`       hint: ${check.hint}`);
  }
  if (host.replanned) lines.push('  note: planned again, the host changed after the first plan');
  if (host.certificates) lines.push(`  certificates: ${host.certificates.state} (${host.certificates.detail})`);
  for (const warning of host.warnings) lines.push(paint(`  warning: ${warning}`, 'yellow'));
  if (host.error !== undefined) lines.push(paint(`  error: ${host.error}`, 'red'));
  return lines.join('\n');
}

const stateColumn = 2;

const stateStyle: Record<SslState, keyof typeof ansi> = {
  ok: 'green',
  skipped: 'dim',
  'dns-pending': 'yellow',
  expiring: 'yellow',
  unreachable: 'red',
  'wrong-certificate': 'red',
  untrusted: 'red',
  timeout: 'red',
};

function sslTable(ssl: readonly SslResult[], paint: Paint): string {
  const header = ['domain', 'host', 'state', 'expires', 'detail'];
  const rows = ssl.map((entry) => {
    const expires = entry.expires?.slice(0, 10) ?? '-';
    return [entry.name, entry.host, sslStateText(entry), expires, tableDetail(entry)];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const pad = (cells: string[]): string[] =>
    cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)));
  const line = (cells: string[]): string => `  ${cells.join('  ')}`.trimEnd();
  const body = rows.map((row, index) => {
    const cells = pad(row);
    const state = cells[stateColumn];
    const entry = ssl[index];
    if (state !== undefined && entry) cells[stateColumn] = paint(state, stateStyle[entry.state]);
    return line(cells);
  });
  return [paint('SSL', 'bold'), paint(line(pad(header)), 'dim'), ...body].join('\n');
}

/** A valid certificate's row needs no more than its verdict: the full facts are in --json. */
function tableDetail(entry: SslResult): string {
  if (entry.state !== 'ok' || !entry.certificate) return entry.detail;
  const issuer = entry.certificate.issuer.replace(/^.*CN=/, '');
  return `${entry.detail.replace(/ \(.*\)$/, '')}, issued by ${issuer}`;
}
