import type { DesiredState } from '../config/desired-state.js';
import type { RunResult } from '../result.js';
import type { Settings } from '../settings.js';
import { livePreviews } from './preview-domains.js';
import { editPreviews } from './preview-host.js';
import { emptyPreviewResult, previewRunResult } from './preview-result.js';

/**
 * Removes every preview domain on the previews host whose pull request is not in
 * `openPullNumbers`, so a missed `closed` event never leaves one behind. Only names the previews
 * pattern makes are candidates, and never one the host ignores or the panel owns. plan only says
 * what it would remove; every other mode removes.
 */
export async function reapPreviews(settings: Settings, desired: DesiredState, openPullNumbers: readonly number[]): Promise<RunResult> {
  const host = desired.hosts.find((candidate) => candidate.id === desired.previews?.host);
  if (!host) return { ...emptyPreviewResult(settings), result: 'no-changes' };
  const open = new Set(openPullNumbers);
  const write = settings.mode !== 'plan';
  const edited = await editPreviews({
    settings,
    host,
    editFor: (snapshot) => ({
      arriving: [],
      leaving: livePreviews(desired, host, snapshot).filter((preview) => !open.has(preview.pullNumber)).map((preview) => preview.name),
    }),
    write,
  });
  const now = edited.snapshot ?? edited.read.snapshot;
  const kept = now ? livePreviews(desired, host, now).filter((preview) => open.has(preview.pullNumber)).map((preview) => preview.name) : [];
  const result = previewRunResult(settings, edited, { kept });
  const removed = result.previews?.removed ?? [];
  if (removed.length > 0) {
    settings.log.info(`${host.id}: ${write ? 'removed' : 'would remove'} the previews of closed pull requests: ${removed.join(', ')}`);
  }
  return result;
}

/**
 * A run's result with the reaper's added: its removals under `previews`, its failure (if any)
 * among the errors, its requests in the previews host's `apiCalls`. The run's own changes stay as
 * they are: reaped previews are not drift.
 */
export function withReapedPreviews(result: RunResult, reaped: RunResult): RunResult {
  const hostErrors = reaped.hosts.flatMap((host) => (host.error !== undefined ? [`previews: ${host.error}`] : []));
  const errors = [...result.errors, ...reaped.errors, ...hostErrors];
  const failed = reaped.result === 'failed';
  const reaperCalls = new Map(reaped.hosts.map((host) => [host.id, host.apiCalls]));
  return {
    ...result,
    result: failed ? 'failed' : result.result,
    hosts: result.hosts.map((host) => ({ ...host, apiCalls: host.apiCalls + (reaperCalls.get(host.id) ?? 0) })),
    refusals: [...result.refusals, ...reaped.refusals],
    errors,
    ...(reaped.previews ? { previews: reaped.previews } : {}),
  };
}
