import type { GitHubClient } from '../github/github-client.js';
import { bodyCharacterLimit, upsertStickyComment, type StickyCommentWrite } from '../github/sticky-comment.js';
import { renderMarkdown } from '../plan/render-markdown.js';
import type { RunResult } from '../result.js';
import { checksumsMarker } from './checksums-marker.js';
import { notesLength, withNotes } from './report-notes.js';

/** Finds the plan comment again on every run of a pull request. */
export const planCommentMarker = '<!-- domain-sync:plan -->';

export interface PlanCommentOptions {
  notes: readonly string[];
  /** This workflow run's page, linked when the plan is summarised and in the footer. */
  runUrl?: string;
  /** The pull request's head commit the plan was made for. */
  headSha?: string;
  /** The pull request's preview (`previewSection`), shown after the plan. */
  preview?: string;
  /** Characters; GitHub's limit unless a test says otherwise. */
  limit?: number;
}

/**
 * The sticky comment: the run as markdown (per-host tables, counts, guard refusals, checksums),
 * summarised with a link to the run when it would not fit, the pull request's preview, and the
 * checksums again in a hidden marker for `expect-checksum: from-pr`.
 */
export function planCommentBody(result: RunResult, options: PlanCommentOptions): string {
  const limit = options.limit ?? bodyCharacterLimit;
  const checksums = checksumsMarker(result);
  const footer = footerLine(options);
  const tail = [footer, checksums].filter((line) => line !== undefined).join('\n');
  const preview = options.preview ? `${options.preview.trimEnd()}\n\n` : '';
  const fixed = planCommentMarker.length + notesLength(options.notes) + preview.length + tail.length + 4;
  const markdown = renderMarkdown(result, {
    ...(options.runUrl ? { runUrl: options.runUrl } : {}),
    maxLength: Math.max(0, limit - fixed),
  });
  return `${planCommentMarker}\n${withNotes(markdown, options.notes).trimEnd()}\n\n${preview}${tail}\n`.slice(0, limit);
}

/** Creates the pull request's plan comment, or edits the one there. */
export function publishPlanComment(client: GitHubClient, pullNumber: number, body: string): Promise<StickyCommentWrite> {
  return upsertStickyComment(client, pullNumber, planCommentMarker, body);
}

function footerLine(options: PlanCommentOptions): string {
  const parts = [
    ...(options.headSha ? [`for commit ${options.headSha.slice(0, 7)}`] : []),
    ...(options.runUrl ? [`[workflow run](${options.runUrl})`] : []),
  ];
  return `<sub>domain-sync${parts.length > 0 ? ` · ${parts.join(' · ')}` : ''}</sub>`;
}
