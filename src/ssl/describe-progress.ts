import { formatDuration } from '../config/durations.js';
import type { WaitProgress } from './wait.js';

const namesShown = 5;
const detailLength = 100;

/**
 * The wait's progress as a few short log lines, however many names it waits on: how many are
 * settled, how many are in each state, a handful of names with the gist of why, and the rest
 * counted. Names not probed yet are counted too.
 */
export function describeProgress(progress: WaitProgress): string[] {
  const waiting = progress.total - progress.finished;
  const counts = new Map<string, number>();
  for (const name of progress.pending) counts.set(name.state, (counts.get(name.state) ?? 0) + 1);
  const states = [...counts].sort((a, b) => b[1] - a[1]).map(([state, count]) => `${count} ${state}`);
  if (progress.notProbed > 0) states.push(`${progress.notProbed} not probed yet`);
  const header = `Certificates: ${progress.finished} of ${progress.total} settled after ${formatDuration(progress.elapsedMs)}; waiting on ${waiting}${states.length > 0 ? `: ${states.join(', ')}` : ''}.`;
  const shown = progress.pending.slice(0, namesShown).map((name) => `  ${name.name} (${name.host}): ${name.state}, ${gist(name.detail)}`);
  const more = progress.pending.length - shown.length;
  return [header, ...shown, ...(more > 0 ? [`  and ${more} more.`] : [])];
}

/** The first clause of a detail: what was found, without the certificate's full description or the request's note. */
function gist(detail: string): string {
  const cut = [detail.indexOf(' ('), detail.indexOf('; ')].filter((index) => index > 0);
  const clause = cut.length > 0 ? detail.slice(0, Math.min(...cut)) : detail;
  return clause.length > detailLength ? `${clause.slice(0, detailLength - 1)}…` : clause;
}
