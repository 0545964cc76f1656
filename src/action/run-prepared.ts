import type { PreviewRequest } from '../engine/run-preview.js';
import type { RunResult } from '../result.js';
import { emptyResult, run } from '../run.js';
import type { PreparedRun } from './prepare-run.js';
import { previewOnlyResult } from './preview-only-result.js';
import type { StepTimer } from './step-timer.js';

export interface RunOutcomes {
  /** The run the mode asked for; for a closed pull request, which plans nothing, the preview's removal as the run's own result. */
  result: RunResult;
  /** The pull request's preview: added (or kept) after the plan, or removed instead of it. */
  preview?: RunResult;
}

/**
 * The prepared run: the mode's own run, then the pull request's preview domain, which is an
 * apply of that one name (its certificate waited for like any other). A closed pull request
 * only loses its preview: nothing is planned.
 */
export async function runPrepared(prepared: PreparedRun, timer: StepTimer): Promise<RunOutcomes> {
  if (prepared.refused) return { result: prepared.refused };
  const { settings, preview } = prepared;
  const runPreview = (request: PreviewRequest): Promise<RunResult> =>
    timer.time(`domain-sync preview (${request.action})`, () => run({ ...settings, mode: 'apply', preview: request }));
  if (prepared.skipPlan) {
    if (!preview) return { result: { ...emptyResult(settings), result: 'no-changes' } };
    const previewed = await runPreview(preview);
    return { result: previewOnlyResult(settings, previewed), preview: previewed };
  }
  const result = await timer.time(`domain-sync ${settings.mode}`, () => run(settings));
  return preview ? { result, preview: await runPreview(preview) } : { result };
}
