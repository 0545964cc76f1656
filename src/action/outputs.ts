import { changeCounts, totalChanges } from '../plan/change-counts.js';
import type { Change } from '../plan/change.js';
import { addedHostnames, removedHostnames } from '../plan/hostnames.js';
import { toJson } from '../plan/render-json.js';
import type { ResultKind, RunResult } from '../result.js';

/** The contract's `result` output values. */
export type ResultOutput = 'no-changes' | 'changes' | 'applied' | 'drift' | 'failed';

export interface HostName {
  host: string;
  name: string;
}

/** Every output of the Action, as the strings `core.setOutput` receives. */
export function actionOutputs(result: RunResult, hostIds: readonly string[] = result.hosts.map((host) => host.id)): Record<string, string> {
  const json = toJson(result) as { ssl?: unknown };
  const made = changesMade(result);
  return {
    result: resultOutput(result.result),
    changes: String(totalChanges(changeCounts(made))),
    added: JSON.stringify(hostnamesWhere(made, addedHostnames)),
    removed: JSON.stringify(hostnamesWhere(made, removedHostnames)),
    plan: JSON.stringify(json),
    'plan-checksum': result.checksum,
    ssl: JSON.stringify(json.ssl ?? []),
    'hosts-matrix': JSON.stringify(hostIds),
  };
}

/**
 * The hosts whose changes the counts describe: every host for a plan or a check; for an apply,
 * only the hosts it went on to write (their changes are the ones that landed), never a refused plan.
 */
function changesMade(result: RunResult): RunResult {
  if (result.mode !== 'apply') return result;
  return { ...result, hosts: result.hosts.filter((host) => host.applied !== undefined) };
}

/** validate's own kinds map onto the contract's five: valid is nothing to do, invalid failed. */
export function resultOutput(kind: ResultKind): ResultOutput {
  switch (kind) {
    case 'valid':
      return 'no-changes';
    case 'invalid':
      return 'failed';
    default:
      return kind;
  }
}

/**
 * Hostnames with `www` companions expanded. A move shows on both of its hosts: added where it
 * arrives, removed where it leaves.
 */
function hostnamesWhere(result: RunResult, hostnamesOf: (change: Change, hostId: string) => string[]): HostName[] {
  return result.hosts.flatMap((host) =>
    host.changes.flatMap((change) => hostnamesOf(change, host.id).map((name) => ({ host: host.id, name }))),
  );
}

/** A step that failed before any run (invalid inputs...): `failed`, and every other output empty. */
export function outputsWithoutRun(): Record<string, string> {
  return { result: 'failed', changes: '0', added: '[]', removed: '[]', plan: '{}', 'plan-checksum': '', ssl: '[]', 'hosts-matrix': '[]' };
}
