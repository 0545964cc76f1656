import { escapeMarkdownText } from '../plan/markdown-escape.js';
import { sslStateText } from '../plan/ssl-state-text.js';
import type { RunResult } from '../result.js';

/**
 * The pull request's preview in its plan comment and the job summary: the URL, and whether it
 * serves a valid certificate, from the result of the preview's apply.
 */
export function previewSection(preview: RunResult): string {
  return `### Preview\n\n${previewSentence(preview)}\n`;
}

function previewSentence(preview: RunResult): string {
  const outcome = preview.previews;
  const pull = outcome?.pullRequest;
  const failure = [...preview.errors, ...preview.hosts.flatMap((host) => (host.error !== undefined ? [host.error] : []))][0];
  if (!outcome || !pull) return `The preview could not be opened: ${escapeMarkdownText(failure ?? 'no preview domain')}`;
  const name = `\`${pull.name}\``;
  if (failure !== undefined) return `The preview domain ${name} could not be added to ${outcome.host}: ${escapeMarkdownText(failure)}`;

  const url = `https://${pull.name}`;
  const link = `**[${url}](${url})**`;
  const where = outcome.added.includes(pull.name) ? `was added to ${outcome.host}` : `is on ${outcome.host}`;
  const certificate = preview.ssl.find((entry) => entry.name === pull.name);
  if (!certificate) return `${link} ${where}; its certificate was not checked.`;
  const expires = certificate.expires ? `, expires ${certificate.expires.slice(0, 10)}` : '';
  switch (certificate.state) {
    case 'ok':
      return `${link} is live: certificate ok${expires}.`;
    case 'skipped':
      return `${link} ${where}; its certificate is not checked: ${escapeMarkdownText(certificate.detail)}`;
    default:
      return `${link} ${where}, but its certificate is not valid: ${sslStateText(certificate)}: ${escapeMarkdownText(certificate.detail)}`;
  }
}
