import { isNotValid } from '../ssl/ssl-result.js';
import type { GitHubClient } from '../github/github-client.js';
import type { Issue } from '../github/github-objects.js';
import { writtenByAction } from '../github/written-by-action.js';
import {
  driftIssueBody,
  driftIssueLabel,
  driftIssueMarker,
  driftIssueTitle,
  driftResolvedComment,
} from '../report/drift-issue.js';
import type { RunResult } from '../result.js';

/** What a check did to the drift issue. */
export interface DriftIssueWrite {
  action: 'opened' | 'updated' | 'closed';
  issue: Issue;
}

export interface DriftIssueContext {
  /** When this check ran (ms since the epoch): the issue's first-seen time when it opens. */
  now: number;
  /** This workflow run, linked from the issue. */
  runUrl?: string;
}

/**
 * What a check says about drift: `drift` (a host differs from the file, or with `ssl-check` a
 * certificate is not valid), `in-sync` (every host read and matching), `unknown` (no drift among
 * the hosts read, but some could not be read), or undefined when nothing was checked (an invalid
 * file, no host).
 */
export function driftVerdict(result: RunResult): 'drift' | 'in-sync' | 'unknown' | undefined {
  if (result.mode !== 'check' || result.configIssues.length > 0 || result.hosts.length === 0) return undefined;
  const badCertificate = result.ssl.some(isNotValid);
  if (badCertificate || result.hosts.some((host) => host.changes.length > 0)) return 'drift';
  return result.hosts.some((host) => host.error !== undefined) ? 'unknown' : 'in-sync';
}

/**
 * Keeps one open issue about drift: opened (labelled; the label is made when missing) when a
 * check finds drift and none is open, updated on every later check (its first-seen time kept),
 * closed with a comment once a check finds every host in sync. A check that could not read some
 * host only updates an open issue: it can neither prove drift nor that it is gone. Returns
 * undefined when the issue was left alone.
 */
export async function syncDriftIssue(client: GitHubClient, result: RunResult, context: DriftIssueContext): Promise<DriftIssueWrite | undefined> {
  const verdict = driftVerdict(result);
  if (verdict === undefined) return undefined;
  const open = await findDriftIssue(client);
  const runUrl = context.runUrl ? { runUrl: context.runUrl } : {};

  if (verdict === 'in-sync') {
    if (!open) return undefined;
    await client.createIssueComment(open.number, driftResolvedComment(result, runUrl));
    return { action: 'closed', issue: await client.updateIssue(open.number, { state: 'closed' }) };
  }
  if (verdict === 'unknown' && !open) return undefined;

  const title = driftIssueTitle(result);
  const since = new Date(context.now).toISOString();
  const body = driftIssueBody(result, { since, ...runUrl, ...(open ? { previousBody: open.body } : {}) });
  if (open) return { action: 'updated', issue: await client.updateIssue(open.number, { title, body }) };
  await client.createLabel({ name: driftIssueLabel, color: 'd93f0b', description: 'domain-sync: the hosts differ from domains.yml' });
  return { action: 'opened', issue: await client.createIssue({ title, body, labels: [driftIssueLabel] }) };
}

/**
 * The open drift issue: labelled, carrying the hidden marker, and written by the Action (a bot or
 * the token's own user; anyone can type the marker). The oldest one when there are several.
 */
export async function findDriftIssue(client: GitHubClient): Promise<Issue | undefined> {
  const marked = (await client.listIssues({ labels: [driftIssueLabel], state: 'open' })).filter((issue) => issue.body.includes(driftIssueMarker));
  const ours = await writtenByAction(client, marked);
  return [...ours].sort((a, b) => a.number - b.number)[0];
}
