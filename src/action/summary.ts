import * as core from '@actions/core';
import { formatDuration } from '../config/durations.js';
import { escapeMarkdownText } from '../plan/markdown-escape.js';
import { renderMarkdown } from '../plan/render-markdown.js';
import type { PreviewRequest } from '../engine/run-preview.js';
import type { RunResult } from '../result.js';
import { previewSection } from './preview-section.js';
import type { DriftIssueOutcome } from './report-drift-issue.js';
import { notesLength, withNotes } from './report-notes.js';
import type { Timing } from './step-timer.js';

/** GitHub refuses a step summary over 1 MiB. */
export const summaryLimitBytes = 1024 * 1024;

/** What happened to the pull request's plan comment. */
export type CommentOutcome =
  | { pullNumber: number; written: true; created: boolean; url: string }
  | { pullNumber: number; written: false; reason: string };

/** Everything the job summary shows. */
export interface RunReport {
  result: RunResult;
  /** Why the run differs from what the event would normally do. */
  notes: readonly string[];
  timings: readonly Timing[];
  /** From the start of the step to the summary. */
  totalMs: number;
  /** Requests the Action sent to GitHub's API (comment, reviewed plan, base branch file). */
  githubCalls: number;
  /** This workflow run's page, linked when the run is summarised. */
  runUrl?: string;
  comment?: CommentOutcome;
  /** A closed pull request: nothing was planned, so the run is its notes and its preview. */
  planSkipped?: boolean;
  /** The pull request's preview: added after the plan, or removed instead of it. */
  preview?: { result: RunResult; action: PreviewRequest['action'] };
  driftIssue?: DriftIssueOutcome;
}

/** Per-host rows in the API table stop here; the totals still count every host. */
const apiRowLimit = 200;

/**
 * The one owner of the job summary: the plan tables per host and the SSL table (from the shared
 * markdown rendering), the notes, the pull request's preview, the fate of the plan comment and
 * the drift issue, API calls per host and timings.
 */
export async function writeJobSummary(report: RunReport, env: Record<string, string | undefined>): Promise<void> {
  if (!env['GITHUB_STEP_SUMMARY']) return;
  await core.summary.addRaw(summaryMarkdown(report), true).write();
}

/**
 * The job summary of a step that failed before its run (invalid inputs...): every run writes
 * one. It holds the step's failure message; a message of several lines is a lead line and one
 * reason per line after it.
 */
export async function writeFailureSummary(message: string, env: Record<string, string | undefined>): Promise<void> {
  if (!env['GITHUB_STEP_SUMMARY']) return;
  await core.summary.addRaw(failureSummaryMarkdown(message), true).write();
}

export function failureSummaryMarkdown(message: string): string {
  const lines = message.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const [lead, ...reasons] = lines.length > 1 ? lines : ['', ...lines];
  const items = reasons.map((reason) => `- ${escapeMarkdownText(reason)}`).join('\n');
  const body = lead ? `${escapeMarkdownText(lead)}\n\n${items}` : items;
  return `## domain-sync\n\n**Nothing was run: the step failed before reading any host.**\n\n${body}\n`;
}

/** Markdown within the limit in bytes; renderMarkdown measures characters, up to 3 bytes each. */
export function summaryMarkdown(report: RunReport, limitBytes = summaryLimitBytes): string {
  const preview = report.preview ? `\n${previewSection(report.preview.result, report.preview.action)}` : '';
  const extra = `${preview}${commentBlock(report.comment)}${driftIssueBlock(report.driftIssue)}${runSection(report)}`;
  if (report.planSkipped) return `${withNotes(`## domain-sync ${report.result.mode}\n\n`, report.notes).trimEnd()}\n${extra}`;
  const budget = limitBytes - Buffer.byteLength(extra) - 3 * notesLength(report.notes);
  const options = report.runUrl === undefined ? {} : { runUrl: report.runUrl };
  let markdown = renderMarkdown(report.result, { ...options, maxLength: budget });
  if (Buffer.byteLength(markdown) > budget) markdown = renderMarkdown(report.result, { ...options, maxLength: Math.floor(budget / 3) });
  return `${withNotes(markdown, report.notes)}${extra}`;
}

/** This workflow run's page, from the runner's environment. */
export function runUrl(env: Record<string, string | undefined>): string | undefined {
  const server = env['GITHUB_SERVER_URL'];
  const repository = env['GITHUB_REPOSITORY'];
  const runId = env['GITHUB_RUN_ID'];
  if (!server || !repository || !runId) return undefined;
  return `${server}/${repository}/actions/runs/${runId}`;
}

function commentBlock(comment: CommentOutcome | undefined): string {
  if (!comment) return '';
  if (comment.written) {
    return `\nPlan comment ${comment.created ? 'posted' : 'updated'} on [pull request #${comment.pullNumber}](${comment.url}).\n`;
  }
  return `\n> **Warning:** the plan comment on pull request #${comment.pullNumber} could not be written: ${escapeMarkdownText(comment.reason)}\n`;
}

function driftIssueBlock(outcome: DriftIssueOutcome | undefined): string {
  if (!outcome) return '';
  if (outcome.written) return `\nDrift issue ${outcome.action}: [#${outcome.number}](${outcome.url}).\n`;
  return `\n> **Warning:** the drift issue could not be written: ${escapeMarkdownText(outcome.reason)}\n`;
}

function runSection(report: RunReport): string {
  const previewHosts = (report.preview?.result.hosts ?? []).map((host) => ({ label: `${host.id} (${host.provider}): preview`, apiCalls: host.apiCalls }));
  const hosts = [...report.result.hosts.map((host) => ({ label: `${host.id} (${host.provider})`, apiCalls: host.apiCalls })), ...previewHosts];
  const shown = hosts.slice(0, apiRowLimit);
  const rows = shown.map((host) => `| ${host.label} | ${host.apiCalls} |`);
  if (hosts.length > shown.length) {
    const rest = hosts.slice(shown.length).reduce((sum, host) => sum + host.apiCalls, 0);
    rows.push(`| ${hosts.length - shown.length} more hosts | ${rest} |`);
  }
  if (report.githubCalls > 0) rows.push(`| GitHub | ${report.githubCalls} |`);
  const api = rows.length > 0 ? ['| API | calls |', '| --- | ---: |', ...rows].join('\n') : '';
  const steps = [...report.timings.map((timing) => [timing.step, timing.ms] as const), ['total', report.totalMs] as const];
  const timings = ['| step | time |', '| --- | ---: |', ...steps.map(([step, ms]) => `| ${step} | ${formatDuration(ms)} |`)].join('\n');
  return `\n### API calls and timings\n\n${api ? `${api}\n\n` : ''}${timings}\n`;
}
