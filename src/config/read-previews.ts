import type { ConfigIssues } from './config-issues.js';
import { describeChoices } from './closest-match.js';
import { previewsKeys } from './config-keys.js';
import { keyPath } from './config-path.js';
import type { PreviewSettings } from './desired-state.js';
import { normaliseDomainName } from './normalise-domain.js';
import { readMapping } from './read-mapping.js';
import { readString } from './read-scalars.js';
import type { YamlNode, YamlScalar } from './yaml-tree.js';

export const previewPlaceholder = '{number}';
const domainHint = 'a name containing `{number}` once, e.g. `pr-{number}.preview.example.com`';

/** `previews: {host, domain}`: one domain per open pull request, on a host the file lists. */
export function readPreviews(
  key: YamlScalar,
  node: YamlNode,
  issues: ConfigIssues,
  hostIds: readonly string[],
): PreviewSettings | undefined {
  const path = 'previews';
  const fields = readMapping(node, path, issues, previewsKeys);
  if (!fields) return undefined;
  const hostNode = fields.get('host')?.value;
  const domainNode = fields.get('domain')?.value;
  if (!hostNode) issues.add(key, keyPath(path, 'host'), 'previews has no `host`', `one of the hosts: ${hostIds.join(', ')}`);
  if (!domainNode) issues.add(key, keyPath(path, 'domain'), 'previews has no `domain`', domainHint);

  const host = hostNode ? readPreviewHost(hostNode, keyPath(path, 'host'), issues, hostIds) : undefined;
  const domain = domainNode ? readPreviewDomain(domainNode, keyPath(path, 'domain'), issues) : undefined;
  if (host === undefined || domain === undefined) return undefined;
  return { host, domain, source: issues.locate(key, path) };
}

function readPreviewHost(node: YamlNode, path: string, issues: ConfigIssues, hostIds: readonly string[]): string | undefined {
  const host = readString(node, path, issues, `one of the hosts: ${hostIds.join(', ')}`);
  if (host === undefined || hostIds.includes(host)) return host;
  issues.add(node, path, `there is no host \`${host}\``, describeChoices('one of the hosts', host, hostIds));
  return undefined;
}

function readPreviewDomain(node: YamlNode, path: string, issues: ConfigIssues): string | undefined {
  const raw = readString(node, path, issues, domainHint);
  if (raw === undefined) return undefined;
  const pattern = raw.trim().toLowerCase();
  const occurrences = pattern.split(previewPlaceholder).length - 1;
  if (occurrences !== 1) {
    issues.add(node, path, `the domain must contain \`{number}\` exactly once, found it ${occurrences} times`, domainHint);
    return undefined;
  }
  const labels = pattern.replace(/\.$/, '').split('.');
  const placeholderIndex = labels.findIndex((label) => label.includes(previewPlaceholder));
  const placeholderLabel = labels[placeholderIndex] ?? '';
  if (!/^[a-z0-9-]*$/.test(placeholderLabel.replace(previewPlaceholder, '1'))) {
    issues.add(node, path, 'the label holding `{number}` may only have letters, digits and hyphens', domainHint);
    return undefined;
  }
  const example = normaliseDomainName(pattern.replace(previewPlaceholder, '1'));
  if ('error' in example || example.name.startsWith('*.')) {
    const reason = 'error' in example ? example.error : 'a previews domain cannot be a wildcard';
    issues.add(node, path, `with a number in place of \`{number}\` it is not a valid domain name: ${reason}`, domainHint);
    return undefined;
  }
  const normalisedLabels = example.name.split('.');
  normalisedLabels[placeholderIndex] = placeholderLabel;
  return normalisedLabels.join('.');
}

/** Whether a normalised name is one of the preview domains the pattern produces. */
export function matchesPreviewPattern(name: string, pattern: string): boolean {
  const [before = '', after = ''] = pattern.split(previewPlaceholder);
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(before)}[0-9]+${escape(after)}$`).test(name);
}
