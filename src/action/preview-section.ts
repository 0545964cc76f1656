import { hostErrors } from '../result.js';
import { withoutHostId } from '../errors.js';
import type { PreviewRequest } from '../engine/run-preview.js';
import { escapeMarkdownText } from '../plan/markdown-escape.js';
import { sslStateText } from '../plan/ssl-state-text.js';
import type { RunResult } from '../result.js';

type PreviewAction = PreviewRequest['action'];

/**
 * The pull request's preview in its plan comment and the job summary: the URL, and whether it
 * serves a valid certificate, from the result of the preview's apply; or, for a closed pull
 * request, whether it was removed.
 */
export function previewSection(preview: RunResult, action: PreviewAction = 'open'): string {
  return `### Preview\n\n${previewSentence(preview, action, markdownStyle)}\n`;
}

/** The preview's one line in the log, after the plan's own closing line. */
export function previewLogLine(preview: RunResult, action: PreviewAction): string {
  return previewSentence(preview, action, textStyle);
}

interface Style {
  /** The preview's name where it is live. */
  live(name: string): string;
  /** Free text: details and API messages. */
  text(text: string): string;
  /** "The preview domain x" in markdown; "Preview x" in the log. */
  subject(name: string): string;
  /** After "is live": the link says where in markdown; the log names the host. */
  liveWhere(host: string): string;
}

const markdownStyle: Style = {
  live: (name) => `**[https://${name}](https://${name})**`,
  text: escapeMarkdownText,
  subject: (name) => `The preview domain \`${name}\``,
  liveWhere: () => '',
};

const textStyle: Style = {
  live: (name) => `Preview ${name}`,
  text: (text) => text,
  subject: (name) => `Preview ${name}`,
  liveWhere: (host) => ` on ${host}`,
};

function previewSentence(preview: RunResult, action: PreviewAction, style: Style): string {
  const outcome = preview.previews;
  const pull = outcome?.pullRequest;
  const failure = [...preview.errors, ...hostErrors(preview)][0];
  if (!outcome || !pull) {
    return `The preview could not be ${action === 'open' ? 'opened' : 'removed'}: ${style.text(failure ?? 'no preview domain')}`;
  }
  const subject = style.subject(pull.name);
  if (action === 'close') {
    if (failure !== undefined) return `${subject} could not be removed from ${outcome.host}: ${style.text(withoutHostId(outcome.host, failure))}`;
    return outcome.removed.includes(pull.name)
      ? `${subject} was removed from ${outcome.host}.`
      : `${subject} was not on ${outcome.host}: nothing to remove.`;
  }
  if (failure !== undefined) return `${subject} could not be added to ${outcome.host}: ${style.text(withoutHostId(outcome.host, failure))}`;

  const live = style.live(pull.name);
  const where = outcome.added.includes(pull.name) ? `was added to ${outcome.host}` : `is on ${outcome.host}`;
  const certificate = preview.ssl.find((entry) => entry.name === pull.name);
  if (!certificate) return `${live} ${where}; its certificate was not checked.`;
  const expires = certificate.expires ? `, expires ${certificate.expires.slice(0, 10)}` : '';
  switch (certificate.state) {
    case 'ok':
      return `${live} is live${style.liveWhere(outcome.host)}: certificate ok${expires}.`;
    case 'skipped':
      return `${live} ${where}; its certificate is not checked: ${style.text(certificate.detail)}`;
    default:
      return `${live} ${where}, but its certificate is not valid: ${sslStateText(certificate)}: ${style.text(certificate.detail)}`;
  }
}
