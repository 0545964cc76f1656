import { domainToASCII } from 'node:url';

const globLabel = /^(?:\*\*|[a-z0-9*-]+)$/;

/**
 * Normalises an ignore glob like a domain name (lower case, no trailing dot, IDN labels as
 * punycode), keeping `*` (one label, or part of one) and `**` (any number of labels).
 */
export function normaliseDomainGlob(raw: string): { glob: string } | { error: string } {
  let glob = raw.trim().toLowerCase();
  if (glob.endsWith('.')) glob = glob.slice(0, -1);
  if (glob === '') return { error: 'the glob is empty' };
  const labels: string[] = [];
  for (const label of glob.split('.')) {
    if (label === '') return { error: 'the glob has an empty label (two dots in a row, or a leading dot)' };
    const ascii = label.includes('*') ? label : domainToASCII(label);
    if (!globLabel.test(ascii) || (ascii.includes('**') && ascii !== '**')) {
      return { error: `the label \`${label}\` is not valid in a glob: use letters, digits, hyphens, \`*\` (one label) or \`**\` (any number of labels)` };
    }
    labels.push(ascii);
  }
  return { glob: labels.join('.') };
}
