import { loadConfig } from './config/load-config.js';
import type { DesiredHost, DesiredState } from './config/desired-state.js';
import { ConfigError, describeError, withHostId } from './errors.js';
import { applyPlan } from './engine/apply-plan.js';
import { checkCertificates } from './engine/check-certificates.js';
import { diagnoseHosts } from './engine/diagnose-hosts.js';
import { importHosts } from './engine/import-hosts.js';
import { outcomeOf } from './engine/outcome.js';
import { reapPreviews, withReapedPreviews } from './engine/reap-previews.js';
import { readHosts, type HostRead } from './engine/read-hosts.js';
import { runPreview } from './engine/run-preview.js';
import { selectHosts } from './engine/select-hosts.js';
import { desiredNames } from './plan/hostnames.js';
import type { HostSnapshot } from './hosts/provider.js';
import { planAll } from './plan/plan-all.js';
import type { Plan } from './plan/change.js';
import type { RunResult } from './result.js';
import type { Settings } from './settings.js';

/**
 * The one engine behind both front doors. Returns what happened; never exits the process and
 * never throws for a problem a user can cause (those are in the result).
 */
export async function run(settings: Settings): Promise<RunResult> {
  try {
    return await runMode(settings);
  } catch (error) {
    return { ...emptyResult(settings), result: 'failed', errors: [describeError(error)] };
  }
}

async function runMode(settings: Settings): Promise<RunResult> {
  if (settings.mode === 'import' && settings.importTarget) return importHosts(settings, undefined);

  let desired: DesiredState;
  try {
    desired = await loadConfig(settings.configPath);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const result = settings.mode === 'validate' ? 'invalid' : 'failed';
    return { ...emptyResult(settings), result, configIssues: error.issues };
  }
  if (settings.mode === 'validate') {
    selectHosts(desired.hosts, settings.hosts, settings.hostsFilterName);
    return { ...emptyResult(settings), result: 'valid' };
  }
  if (settings.preview && (settings.mode === 'plan' || settings.mode === 'apply')) {
    return runPreview(settings, desired, settings.preview);
  }

  const selected: DesiredState = { ...desired, hosts: selectHosts(desired.hosts, settings.hosts, settings.hostsFilterName) };
  if (settings.mode === 'import') return importHosts(settings, selected, desired.hosts);
  if (settings.mode === 'doctor') return diagnoseHosts(settings, selected, desired.hosts);

  const reapsPreviews = selected.hosts.some((host) => host.id === desired.previews?.host);
  if (settings.reapPreviews && reapsPreviews) {
    const reaped = await reapPreviews(settings, desired, settings.reapPreviews.openPulls);
    return withReapedPreviews(await syncHosts(settings, desired, selected), reaped);
  }
  return syncHosts(settings, desired, selected);
}

/**
 * plan, check and apply over the selected hosts. When a name may be moving across the selection,
 * the file's other hosts are read too, read-only, so a name moving in from one of them is held
 * back rather than added while still there.
 */
async function syncHosts(settings: Settings, desired: DesiredState, selected: DesiredState): Promise<RunResult> {
  const options = {
    env: settings.env,
    clock: settings.clock,
    limiters: new Map(),
    peers: desired.hosts,
    log: settings.log,
    ...(settings.onSecret ? { onSecret: settings.onSecret } : {}),
  };
  const reads = await readHosts(selected.hosts, options);
  for (const read of reads) if (read.error) settings.log.error(withHostId(read.host.id, read.error));
  const unselected = desired.hosts.filter((host) => !selected.hosts.includes(host));
  const readOnlyReads = mayMoveAcrossSelection(selected, unselected, reads, settings) ? await readHosts(unselected, options) : [];
  for (const read of readOnlyReads) {
    if (read.error) settings.log.warn(`${withHostId(read.host.id, read.error)} (not selected, read only to find names moving from it; they are planned as plain additions)`);
  }
  const readOnly = new Set(unselected.map((host) => host.id));
  const unreadable = new Set([...reads, ...readOnlyReads].filter((read) => !read.snapshot).map((read) => read.host.id));
  const plan = planAll(desired, snapshotsOf([...reads, ...readOnlyReads]), { force: settings.force, readOnly, unreadable });

  if (settings.mode === 'apply') return applyPlan(settings, desired, reads, plan);
  const planned = plannedResult(settings, reads, plan);
  if (settings.mode === 'check') return checkCertificates(settings, selected, reads, planned);
  return planned;
}

/**
 * A name moves across the selection only if a selected host is about to add it, or to remove a
 * name the file gives to a host outside the selection; only then are the other hosts read.
 */
function mayMoveAcrossSelection(selected: DesiredState, unselected: readonly DesiredHost[], reads: readonly HostRead[], settings: Settings): boolean {
  const elsewhere = new Set(unselected.flatMap(desiredNames));
  const plan = planAll(selected, snapshotsOf(reads), { force: settings.force });
  return plan.hosts.some((host) => host.changes.some((c) => c.action === 'add' || (c.action === 'remove' && elsewhere.has(c.name))));
}

/**
 * The result of planning only (plan mode, and check before any certificate probe). A plan a
 * guard would refuse fails plan mode, so a pull request that removes too much fails its check;
 * check reports it as the drift it is.
 */
function plannedResult(settings: Settings, reads: HostRead[], plan: Plan): RunResult {
  const hosts = reads.map((read) => outcomeOf(read, plan.hosts.find((p) => p.host === read.host.id)));
  const anyChange = hosts.some((host) => host.changes.length > 0);
  // A name held back is not a change this run can make, but the host does not match the file.
  const anyHeldBack = hosts.some((host) => (host.heldBack?.length ?? 0) > 0);
  const inSync = settings.mode === 'check' ? !anyChange && !anyHeldBack : !anyChange;
  const anyError = hosts.some((host) => host.error !== undefined);
  const refusedPlan = settings.mode === 'plan' && plan.refusals.length > 0;
  const changed = settings.mode === 'check' ? 'drift' : 'changes';
  return {
    ...emptyResult(settings),
    result: anyError || refusedPlan ? 'failed' : inSync ? 'no-changes' : changed,
    checksum: plan.checksum,
    hosts,
    refusals: plan.refusals,
  };
}

export function snapshotsOf(reads: readonly HostRead[]): Map<string, HostSnapshot> {
  const snapshots = new Map<string, HostSnapshot>();
  for (const read of reads) if (read.snapshot) snapshots.set(read.host.id, read.snapshot);
  return snapshots;
}

export function emptyResult(settings: Settings): RunResult {
  return {
    mode: settings.mode,
    result: 'failed',
    checksum: '',
    hosts: [],
    ssl: [],
    configIssues: [],
    refusals: [],
    errors: [],
  };
}
