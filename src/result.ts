import type { ProviderName } from './config/desired-state.js';
import { withHostId, type ConfigIssue, type GuardRefusal } from './errors.js';
import type { CertificateRequestOutcome, DoctorCheck } from './hosts/provider.js';
import type { Change } from './plan/change.js';
import type { Mode } from './settings.js';
import type { SslResult } from './ssl/ssl-result.js';

/**
 * What a run found and did. The `--json` output and the Action's outputs are views of this.
 *
 * result:
 * - valid / invalid: validate mode
 * - no-changes: plan or check found nothing to do
 * - changes: plan found changes
 * - drift: check found changes, whether or not a guard would refuse them (or, with --ssl,
 *   certificates not ok)
 * - applied: apply converged and every touched certificate verified (or the wait was off)
 * - failed: any error, a plan or apply a guard refuses, or an unverified certificate
 */
export type ResultKind = 'valid' | 'invalid' | 'no-changes' | 'changes' | 'drift' | 'applied' | 'failed';

export interface HostOutcome {
  id: string;
  provider: ProviderName;
  /** Over this host's changes. */
  checksum: string;
  /** HTTP requests sent to this host's API. */
  apiCalls: number;
  changes: Change[];
  warnings: string[];
  /** Names left as they are in this run because another host must be applied (or read) first; the warnings say which. */
  heldBack?: string[];
  /** apply: the changes were written and read back. */
  applied?: boolean;
  /** apply: the plan was made again because the host changed since planning. */
  replanned?: boolean;
  certificates?: CertificateRequestOutcome;
  doctor?: DoctorCheck[];
  /** Redacted. */
  error?: string;
}

/** What a preview operation (`settings.preview` or `settings.reapPreviews`) did on the previews host. */
export interface PreviewOutcome {
  /** The previews host's id. */
  host: string;
  /** open / close: the pull request and its preview domain. */
  pullRequest?: { number: number; name: string };
  /** Preview domains added or removed (plan: that would be). */
  added: string[];
  removed: string[];
  /** The reaper: preview domains left in place because their pull request is open. */
  kept: string[];
}

export interface RunResult {
  mode: Mode;
  result: ResultKind;
  /** Over the changes of every host; empty string when nothing was planned. */
  checksum: string;
  hosts: HostOutcome[];
  ssl: SslResult[];
  /** validate (and any mode whose file is invalid). */
  configIssues: ConfigIssue[];
  refusals: GuardRefusal[];
  /** Errors that belong to no single host (config unreadable, checksum mismatch...). */
  errors: string[];
  /** import: the generated domains.yml. */
  importedConfig?: string;
  /** settings.preview or settings.reapPreviews: what happened to the preview domains. */
  previews?: PreviewOutcome;
}

/** Each failed host's error, starting with its host id. */
export function hostErrors(result: RunResult): string[] {
  return result.hosts.flatMap((host) => (host.error !== undefined ? [withHostId(host.id, host.error)] : []));
}
