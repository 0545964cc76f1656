import * as core from '@actions/core';
import { isAbsolute, relative } from 'node:path';
import type { ConfigIssue } from '../errors.js';

/** GitHub shows at most this many error annotations per step. */
export const errorAnnotationLimit = 10;

/** What the run may annotate itself: one is left for the message that fails the step. */
export const annotationsBeforeFailure = errorAnnotationLimit - 1;

/** The configuration's share: all of them (a run stopped by its file annotates nothing else). */
export const configAnnotationLimit = annotationsBeforeFailure;

/**
 * One error annotation per configuration problem, on its line of domains.yml. Past the
 * configuration's share, the last annotation says how many more the log and the job summary list.
 */
export function annotateConfigIssues(issues: readonly ConfigIssue[], annotate = core.error, workspace?: string): void {
  const fits = issues.length <= configAnnotationLimit;
  const shown = fits ? issues : issues.slice(0, configAnnotationLimit - 1);
  for (const issue of shown) {
    const { file, line, column, path } = issue.location;
    const hint = issue.hint ? ` (${issue.hint})` : '';
    annotate(`${path ? `${path}: ` : ''}${issue.message}${hint}`, {
      title: 'Invalid configuration',
      file: annotationPath(file, workspace),
      startLine: line,
      startColumn: column,
    });
  }
  if (!fits) {
    const more = issues.length - shown.length;
    annotate(`…and ${more} more problems in the configuration: see the log or the job summary.`);
  }
}

/** GitHub places an annotation by the file's path in the repository (GITHUB_WORKSPACE is its root). */
export function annotationPath(file: string, workspace: string | undefined): string {
  if (workspace && isAbsolute(file)) {
    const inside = relative(workspace, file);
    if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) return inside.replaceAll('\\', '/');
  }
  return file.replace(/^(\.\/)+/, '');
}
