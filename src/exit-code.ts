import type { RunResult } from './result.js';

/**
 * The CLI's exit code for a run, per the contract's table: 0 success or nothing to do,
 * 2 changes (plan) or drift (check), 1 any error. A guard refusal is an error, except in check:
 * a plan that a guard would refuse is still drift.
 */
export function exitCodeFor(result: RunResult): 0 | 1 | 2 {
  if (result.result === 'failed' || result.result === 'invalid' || hasErrors(result)) return 1;
  switch (result.mode) {
    case 'validate':
      return result.result === 'valid' ? 0 : 1;
    case 'plan':
      if (result.result === 'no-changes') return 0;
      return result.result === 'changes' ? 2 : 1;
    case 'check':
      if (result.result === 'no-changes') return 0;
      return result.result === 'drift' ? 2 : 1;
    case 'apply':
      return result.result === 'applied' || result.result === 'no-changes' ? 0 : 1;
    case 'import':
      return result.importedConfig === undefined ? 1 : 0;
    case 'doctor':
      return result.hosts.every((host) => (host.doctor ?? []).every((check) => check.ok)) ? 0 : 1;
  }
}

function hasErrors(result: RunResult): boolean {
  return (
    result.errors.length > 0 ||
    (result.refusals.length > 0 && result.mode !== 'check') ||
    result.configIssues.length > 0 ||
    result.hosts.some((host) => host.error !== undefined)
  );
}
