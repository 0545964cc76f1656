import { UnsafePlanError } from '../errors.js';
import { planChecksum } from '../plan/checksum.js';
import type { PreviewOutcome, RunResult } from '../result.js';
import type { Settings } from '../settings.js';
import type { SettledCertificates } from './settle-certificates.js';
import type { PreviewHostResult } from './preview-host.js';

export interface PreviewReport {
  /** open / close: the pull request and its preview domain. */
  pullRequest?: PreviewOutcome['pullRequest'];
  /** The reaper: previews left for open pull requests. */
  kept?: string[];
  /** open: the preview's certificate. */
  certificates?: SettledCertificates;
}

/**
 * The result of a preview operation on the previews host: failed, or no-changes. Preview domains
 * are not the main sync's: what was added or removed (plan: would be) is in `previews`, never in
 * the result kind, so a preview is never reported as an apply of domains.yml.
 */
export function previewRunResult(settings: Settings, edited: PreviewHostResult, report: PreviewReport): RunResult {
  const outcome = { ...edited.outcome, apiCalls: edited.read.connected?.http.calls ?? 0 };
  const refusal = edited.refusals.length > 0 ? new UnsafePlanError(edited.refusals).message : undefined;
  if (refusal) settings.log.error(refusal);
  const written = outcome.error === undefined && refusal === undefined;
  const changes = written ? outcome.changes : [];
  const failed = !written || (report.certificates?.unverified.length ?? 0) > 0;
  return {
    ...emptyPreviewResult(settings),
    result: failed ? 'failed' : 'no-changes',
    checksum: edited.plan ? planChecksum([{ host: outcome.id, checksum: edited.plan.checksum }]) : '',
    hosts: [outcome],
    ssl: report.certificates?.ssl ?? [],
    refusals: edited.refusals,
    errors: [],
    previews: {
      host: outcome.id,
      ...(report.pullRequest ? { pullRequest: report.pullRequest } : {}),
      added: changes.filter((change) => change.action === 'add').map((change) => change.name),
      removed: changes.filter((change) => change.action === 'remove').map((change) => change.name),
      kept: report.kept ?? [],
    },
  };
}

export function emptyPreviewResult(settings: Settings): RunResult {
  return { mode: settings.mode, result: 'failed', checksum: '', hosts: [], ssl: [], configIssues: [], refusals: [], errors: [] };
}
