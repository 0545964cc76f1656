import { escapeMarkdownText } from '../plan/markdown-escape.js';

/**
 * Notes that explain a run that is not what the event would normally do (a fork's pull request
 * only validated, the configuration read from the base branch...), placed under the heading of
 * the rendered run in the job summary and the plan comment.
 */
export function withNotes(markdown: string, notes: readonly string[]): string {
  if (notes.length === 0) return markdown;
  const blocks = notes.map((note) => `> **Note:** ${escapeMarkdownText(note)}`).join('\n\n');
  const headingEnd = markdown.indexOf('\n\n');
  if (!markdown.startsWith('## ') || headingEnd < 0) return `${blocks}\n\n${markdown}`;
  return `${markdown.slice(0, headingEnd)}\n\n${blocks}${markdown.slice(headingEnd)}`;
}

/** The characters `withNotes` adds. */
export function notesLength(notes: readonly string[]): number {
  return withNotes('## x\n\ny', notes).length - '## x\n\ny'.length;
}

