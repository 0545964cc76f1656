import * as core from '@actions/core';
import { renderMarkdown } from '../plan/render-markdown.js';
import type { RunResult } from '../result.js';

/** GitHub refuses a step summary over 1 MiB. */
export const summaryLimitBytes = 1024 * 1024;

/** The job summary: the run as markdown, summarised with a link to the run when too long. */
export async function writeJobSummary(result: RunResult, env: Record<string, string | undefined>): Promise<void> {
  if (!env['GITHUB_STEP_SUMMARY']) return;
  await core.summary.addRaw(summaryMarkdown(result, runUrl(env)), true).write();
}

/** Markdown within the limit in bytes; renderMarkdown measures characters, up to 3 bytes each. */
export function summaryMarkdown(result: RunResult, url: string | undefined, limitBytes = summaryLimitBytes): string {
  const options = url === undefined ? {} : { runUrl: url };
  const markdown = renderMarkdown(result, { ...options, maxLength: limitBytes });
  if (Buffer.byteLength(markdown) <= limitBytes) return markdown;
  return renderMarkdown(result, { ...options, maxLength: Math.floor(limitBytes / 3) });
}

/** This workflow run's page, from the runner's environment. */
export function runUrl(env: Record<string, string | undefined>): string | undefined {
  const server = env['GITHUB_SERVER_URL'];
  const repository = env['GITHUB_REPOSITORY'];
  const runId = env['GITHUB_RUN_ID'];
  if (!server || !repository || !runId) return undefined;
  return `${server}/${repository}/actions/runs/${runId}`;
}
