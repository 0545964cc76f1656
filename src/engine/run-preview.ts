import type { DesiredHost, DesiredState } from '../config/desired-state.js';
import { describeError } from '../errors.js';
import type { RunResult } from '../result.js';
import type { Settings } from '../settings.js';
import { settlePreviewCertificate } from './preview-certificate.js';
import { previewDomainFor, previewTouchBlocker } from './preview-domains.js';
import { editPreviews, type PreviewHostResult } from './preview-host.js';
import { emptyPreviewResult, previewRunResult } from './preview-result.js';
import type { SettledCertificates } from './settle-certificates.js';
import { selectHosts } from './select-hosts.js';

export type PreviewRequest = NonNullable<Settings['preview']>;

/**
 * One pull request's preview domain: `open` adds it to the previews host (nothing to write when
 * it is there) and settles its certificate; `close` removes it (nothing when it is gone). No
 * other domain is touched. apply writes; plan only says what apply would do.
 */
export async function runPreview(settings: Settings, desired: DesiredState, request: PreviewRequest): Promise<RunResult> {
  const located = locatePreview(settings, desired, request);
  if ('error' in located) {
    settings.log.error(located.error);
    return { ...emptyPreviewResult(settings), errors: [located.error] };
  }
  const { host, name } = located;
  const edit = request.action === 'open' ? { arriving: [name], leaving: [] } : { arriving: [], leaving: [name] };
  const write = settings.mode === 'apply';
  const edited = await editPreviews({ settings, host, editFor: () => edit, write });
  const certificates = request.action === 'open' && write ? await previewCertificate(settings, desired, edited, name) : undefined;
  return previewRunResult(settings, edited, { pullRequest: { number: request.number, name }, ...(certificates ? { certificates } : {}) });
}

function locatePreview(
  settings: Settings,
  desired: DesiredState,
  request: PreviewRequest,
): { host: DesiredHost; name: string } | { error: string } {
  const previews = desired.previews;
  if (!previews) {
    return { error: `${desired.file} has no \`previews:\` block, so pull request #${request.number} has no preview domain` };
  }
  const host = desired.hosts.find((candidate) => candidate.id === previews.host);
  if (!host || !selectHosts(desired.hosts, settings.hosts, settings.hostsFilterName).includes(host)) {
    return { error: `the previews host ${previews.host} is not among the selected hosts (${settings.hosts.join(', ')})` };
  }
  let name: string;
  try {
    name = previewDomainFor(previews.domain, request.number);
  } catch (error) {
    return { error: `no preview domain for pull request ${request.number}: ${describeError(error)}` };
  }
  const blocker = previewTouchBlocker(host, name);
  return blocker ? { error: `the preview domain of pull request #${request.number} is left alone: ${blocker}` } : { host, name };
}

/** Settled when the preview is on the host: written now, or already there. */
async function previewCertificate(
  settings: Settings,
  desired: DesiredState,
  edited: PreviewHostResult,
  name: string,
): Promise<SettledCertificates | undefined> {
  const { read, plan, snapshot, outcome } = edited;
  if (!read.connected || !plan || !snapshot || outcome.error !== undefined || edited.refusals.length > 0) return undefined;
  return settlePreviewCertificate(settings, desired, { connected: read.connected, plan, snapshot, outcome }, name);
}
