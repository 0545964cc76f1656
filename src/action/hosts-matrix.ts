import { loadConfig } from '../config/load-config.js';
import { selectHosts } from '../engine/select-hosts.js';
import type { RunResult } from '../result.js';
import type { Settings } from '../settings.js';

/**
 * Host ids for a `strategy.matrix`: the hosts the run covered. validate reads no host, and a
 * closed pull request's run plans nothing (`planSkipped`), so there they are the file's hosts
 * that the `hosts` input selects: a fan-out workflow can get its matrix from a job without
 * secrets. A `hosts` input that matches no host fails validate, and the matrix is empty.
 */
export async function hostsMatrix(result: RunResult, settings: Settings, planSkipped = false): Promise<string[]> {
  const readNoHost = planSkipped || (result.mode === 'validate' && result.result === 'valid');
  if (!readNoHost) return result.hosts.map((host) => host.id);
  const desired = await loadConfig(settings.configPath);
  return selectHosts(desired.hosts, settings.hosts, settings.hostsFilterName).map((host) => host.id);
}
