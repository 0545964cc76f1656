import { defaultCredentialVariables } from '../config/credentials.js';
import type { DesiredHost, DesiredState } from '../config/desired-state.js';
import type { RunResult } from '../result.js';
import type { Settings } from '../settings.js';
import { outcomeOf } from './outcome.js';
import { readHosts } from './read-hosts.js';
import { renderImportedConfig } from './render-import.js';

/**
 * import: reads hosts (those of the file, or the one `--provider/--app` describes) and writes a
 * domains.yml for what they serve now. `peers` are the file's hosts, so two on one panel app are refused.
 */
export async function importHosts(settings: Settings, desired: DesiredState | undefined, peers: readonly DesiredHost[] = []): Promise<RunResult> {
  const hosts = desired ? desired.hosts : [hostFromTarget(settings)];
  const reads = await readHosts(hosts, {
    env: settings.env,
    clock: settings.clock,
    peers,
    log: settings.log,
    ...(settings.onSecret ? { onSecret: settings.onSecret } : {}),
  });
  const outcomes = reads.map((read) => outcomeOf(read));
  const failed = outcomes.some((host) => host.error !== undefined);
  const imported = reads.flatMap((read) => (read.snapshot ? [{ host: read.host, snapshot: read.snapshot }] : []));
  return {
    mode: settings.mode,
    result: failed ? 'failed' : 'no-changes',
    checksum: '',
    hosts: outcomes,
    ssl: [],
    configIssues: [],
    refusals: [],
    errors: [],
    ...(failed ? {} : { importedConfig: renderImportedConfig(imported, desired) }),
  };
}

function hostFromTarget(settings: Settings): DesiredHost {
  const target = settings.importTarget!;
  const location = { file: '(command line)', line: 1, column: 1, path: '' };
  return {
    id: target.provider,
    provider: target.provider,
    ...(target.app !== undefined ? { app: target.app } : {}),
    ...(target.server !== undefined ? { server: target.server } : {}),
    ...(target.apiUrl !== undefined ? { apiUrl: target.apiUrl } : {}),
    credentials: { variables: defaultCredentialVariables(target.provider), explicit: false },
    pointsTo: [],
    domains: [],
    ignore: [],
    removals: 'sync',
    guards: { maxRemovals: 5, maxRemovalPercent: 30 },
    ssl: { wait: true, timeoutMs: 20 * 60_000, minDays: 7 },
    source: location,
  };
}
