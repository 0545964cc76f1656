import { isNotValid } from '../ssl/ssl-result.js';
import { plural, summaryLine } from '../plan/summary-line.js';
import { hostErrors, type RunResult } from '../result.js';

const reasonsShown = 5;

/**
 * Why the step fails, or undefined when it succeeds. A plan with changes succeeds (the plan is
 * the step's product) unless a guard would refuse it; drift, refused or not, fails only with
 * `fail-on-drift`; any error, invalid file or unverified certificate fails.
 *
 * `errorsLogged`: errors the run already annotated; a reason one of them holds is not repeated
 * (GitHub shows few error annotations per step). When every reason was, `whenAllLogged` (by
 * default the summary line) fails the step.
 */
export function stepFailure(
  result: RunResult,
  failOnDrift: boolean,
  errorsLogged: readonly string[] = [],
  whenAllLogged: string = summaryLine(result),
): string | undefined {
  if (result.result === 'drift') {
    return failOnDrift ? `${summaryLine(result)} (set fail-on-drift: false to report drift without failing)` : undefined;
  }
  if (result.result !== 'failed' && result.result !== 'invalid') return undefined;
  const reasons = failureReasons(result).filter((reason) => !errorsLogged.some((logged) => logged.includes(reason)));
  if (reasons.length === 0) return whenAllLogged;
  const hidden = reasons.length - reasonsShown;
  const shown = reasons.slice(0, reasonsShown);
  return [...shown, ...(hidden > 0 ? [`…and ${hidden} more: see the log and the job summary`] : [])].join('\n');
}

function failureReasons(result: RunResult): string[] {
  const issues = result.configIssues.length;
  const unverified = result.ssl.filter(isNotValid);
  return [
    ...(issues > 0 ? [`The configuration has ${plural(issues, 'problem')}; see the annotations on the file.`] : []),
    ...result.errors,
    ...result.refusals.map((refusal) => `${refusal.host}: ${refusal.message}`),
    ...hostErrors(result),
    ...(result.mode === 'apply'
      ? unverified.map((ssl) => `${ssl.name} (${ssl.host}): certificate ${ssl.state}: ${ssl.detail}`)
      : []),
  ];
}
