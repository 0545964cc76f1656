import { hostErrors, type RunResult } from '../result.js';
import { emptyResult } from '../run.js';
import type { Settings } from '../settings.js';

/**
 * The result of a run that only edits a pull request's preview (a closed pull request): the main
 * sync is not planned, so the run reads no host of its own and has no change, no checksum and no
 * certificate of its own. It reports in the run's mode, `no-changes` (or `failed` when the
 * preview's edit failed), with `previews` saying what happened to the preview.
 */
export function previewOnlyResult(settings: Settings, preview: RunResult): RunResult {
  return {
    ...emptyResult(settings),
    result: preview.result === 'failed' ? 'failed' : 'no-changes',
    refusals: preview.refusals,
    errors: [...preview.errors, ...hostErrors(preview)],
    ...(preview.previews ? { previews: preview.previews } : {}),
  };
}
