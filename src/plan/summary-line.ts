import { isNotValid } from '../ssl/ssl-result.js';
import type { RunResult } from '../result.js';
import { changeCounts, totalChanges } from './change-counts.js';

/** The one line that closes a rendered run, like Terraform's `Plan: ...`. Counts are hostnames. */
export function summaryLine(result: RunResult): string {
  if (result.mode === 'doctor') return doctorLine(result);
  if (result.mode === 'validate') {
    const problems = result.configIssues.length;
    if (problems > 0) return `The configuration has ${plural(problems, 'problem')}.`;
    return result.errors.length === 0 ? 'The configuration is valid.' : `The configuration is valid, but ${errorsInBrief(result.errors)}.`;
  }
  if (result.hosts.length === 0 && (result.configIssues.length > 0 || result.errors.length > 0)) return nothingPlannedLine(result);
  const counts = changeCounts(result);
  const failed = result.hosts.filter((host) => host.error !== undefined).length;
  const failures = failed === 0 ? '' : ` ${plural(failed, 'host')} failed.`;
  const invalid = result.mode === 'check' || result.mode === 'apply' ? certificatesNotValid(result) : 0;
  const held = result.hosts.reduce((sum, host) => sum + (host.heldBack?.length ?? 0), 0);
  const notes = [
    ...(invalid === 0 ? [] : [`${plural(invalid, 'certificate')} not valid`]),
    ...(held === 0 ? [] : [`${plural(held, 'name')} held back (see the warnings)`]),
  ];
  const noted = notes.map((note) => `; ${note}`).join('');
  // An apply whose writes failed says what it applied (nothing, or what landed) rather than "no changes".
  if (totalChanges(counts) === 0 && !(result.mode === 'apply' && failed > 0)) {
    const domain = notes.length === 0 ? '' : ' domain';
    if (failed > 0) return `No${domain} changes on the hosts that could be read${noted};${failures}`;
    return notes.length === 0 ? 'No changes. The hosts match domains.yml.' : `No domain changes${noted}.`;
  }
  if (result.mode === 'apply' && (result.refusals.length > 0 || result.errors.length > 0)) {
    return `Nothing was applied: the plan (${counts.add} to add, ${counts.update} to change, ${counts.remove} to remove, ${counts.move} to move) was refused.`;
  }
  if (result.mode === 'apply') {
    return `Applied: ${counts.add} added, ${counts.update} changed, ${counts.remove} removed, ${counts.move} moved${noted}.${failures}`;
  }
  const label = result.mode === 'check' ? 'Drift' : 'Plan';
  return `${label}: ${counts.add} to add, ${counts.update} to change, ${counts.remove} to remove, ${counts.move} to move${noted}.${failures}`;
}

/** What a refusal means for the hosts, as the end of a sentence: apply wrote nothing; a plan or check says apply would not. */
export function refusalConsequence(result: RunResult): string {
  return result.mode === 'apply' ? 'nothing was changed on any host.' : 'apply would change nothing on any host.';
}

/** The run stopped before reading any host: an invalid file, a refused start, a `hosts` filter that matches nothing. */
function nothingPlannedLine(result: RunResult): string {
  const problems = result.configIssues.length;
  if (problems > 0) return `The configuration has ${plural(problems, 'problem')}; nothing was planned.`;
  return `Nothing was planned: ${errorsInBrief(result.errors)}.`;
}

/** The one error itself when it is one short line; otherwise a pointer to the errors above. */
function errorsInBrief(errors: readonly string[]): string {
  const [first] = errors;
  if (errors.length === 1 && first !== undefined && !first.includes('\n')) return first.replace(/\.$/, '');
  return errors.length === 1 ? 'see the error' : `see the ${errors.length} errors`;
}

/** check and apply: the probed names whose certificate is neither valid nor exempt. */
function certificatesNotValid(result: RunResult): number {
  return result.ssl.filter(isNotValid).length;
}

function doctorLine(result: RunResult): string {
  const checks = result.hosts.flatMap((host) => host.doctor ?? []);
  const failed = checks.filter((check) => !check.ok).length;
  return failed === 0
    ? `Doctor: all ${plural(checks.length, 'check')} passed.`
    : `Doctor: ${plural(failed, 'problem')} found.`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
