import type { DesiredHost, DesiredState } from '../config/desired-state.js';
import { describeError } from '../errors.js';
import type { DoctorCheck } from '../hosts/provider.js';
import { connectHost } from '../hosts/registry.js';
import type { HostOutcome, RunResult } from '../result.js';
import type { Settings } from '../settings.js';

/**
 * doctor: per host, whether its credentials, app and API answer as they should. `peers` are the
 * file's hosts, so two on one panel app are reported.
 */
export async function diagnoseHosts(settings: Settings, desired: DesiredState, peers: readonly DesiredHost[] = desired.hosts): Promise<RunResult> {
  const hosts = await Promise.all(
    desired.hosts.map(async (host): Promise<HostOutcome> => {
      const outcome: HostOutcome = { id: host.id, provider: host.provider, checksum: '', apiCalls: 0, changes: [], warnings: [] };
      let checks: DoctorCheck[];
      try {
        const connected = connectHost(host, {
          env: settings.env,
          clock: settings.clock,
          peers,
          log: settings.log,
          ...(settings.onSecret ? { onSecret: settings.onSecret } : {}),
        });
        try {
          checks = await connected.provider.diagnose();
        } finally {
          outcome.apiCalls = connected.http.calls;
        }
      } catch (error) {
        checks = [{ name: 'configuration', ok: false, detail: describeError(error) }];
      }
      outcome.doctor = checks;
      return outcome;
    }),
  );
  const healthy = hosts.every((host) => (host.doctor ?? []).every((check) => check.ok));
  return {
    mode: settings.mode,
    result: healthy ? 'no-changes' : 'failed',
    checksum: '',
    hosts,
    ssl: [],
    configIssues: [],
    refusals: [],
    errors: [],
  };
}
