import type { PreviewOutcome, RunResult } from '../result.js';

/**
 * What a run did to preview domains (`RunResult.previews`): one pull request's preview added or
 * removed, and the reaper's removals of closed pull requests' previews and what it kept.
 */

interface PreviewLine {
  /** `added`, `removed`... as the run's mode says it (a plan only says what it would do). */
  verb: string;
  names: readonly string[];
  why: string;
}

function previewLines(result: RunResult, previews: PreviewOutcome): PreviewLine[] {
  const plan = result.mode === 'plan';
  const pull = previews.pullRequest;
  const why = pull ? `pull request #${pull.number}` : 'pull request closed';
  const lines: PreviewLine[] = [
    { verb: plan ? 'to add' : 'added', names: previews.added, why },
    { verb: plan ? 'to remove' : 'removed', names: previews.removed, why },
    { verb: 'kept', names: previews.kept, why: 'pull request open' },
  ];
  const changed = lines.filter((line) => line.names.length > 0);
  if (changed.length > 0 || !pull) return changed;
  return [{ verb: 'unchanged', names: [pull.name], why }];
}

/** The `### Previews` block of the markdown report; undefined when no preview domain was involved. */
export function previewsMarkdown(result: RunResult): string | undefined {
  const previews = result.previews;
  if (!previews) return undefined;
  const lines = previewLines(result, previews);
  if (lines.length === 0) return undefined;
  const items = lines.map((line) => `- ${capitalised(line.verb)} (${line.why}): ${nameList(line.names)}`);
  return `### Previews on ${previews.host}\n\n${items.join('\n')}`;
}

/** The lines of the text report; none when no preview domain was involved. */
export function previewsText(result: RunResult): string[] {
  const previews = result.previews;
  if (!previews) return [];
  const lines = previewLines(result, previews);
  if (lines.length === 0) return [];
  return [`previews on ${previews.host}`, ...lines.map((line) => `  ${line.verb} (${line.why}): ${line.names.join(', ')}`)];
}

/** The `previews` field of `--json` and the `plan` output. */
export function previewsJson(previews: PreviewOutcome): object {
  return {
    host: previews.host,
    ...(previews.pullRequest ? { pullRequest: { number: previews.pullRequest.number, name: previews.pullRequest.name } } : {}),
    added: [...previews.added],
    removed: [...previews.removed],
    kept: [...previews.kept],
  };
}

/** Names past this many are counted, not listed: a reaper may keep hundreds of open pull requests' previews. */
const namesListed = 20;

function nameList(names: readonly string[]): string {
  const listed = names.slice(0, namesListed).map((name) => `\`${name}\``).join(', ');
  return names.length > namesListed ? `${listed} and ${names.length - namesListed} more` : listed;
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
