import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';

const maxNameLength = 253;
const maxLabelLength = 63;
const ldhLabel = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const wildcardPrefix = '*.';

/**
 * The one spelling every domain name is compared in: trimmed, lower case, no trailing dot,
 * IDN as punycode (UTS-46 non-transitional, as WHATWG URL hosts), every label LDH and 1..63
 * characters, at most 253 in all. A leading `*.` label marks a wildcard; `*` appears nowhere else.
 */
export function normaliseDomainName(raw: string): { name: string } | { error: string } {
  let name = raw.trim().toLowerCase();
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name === '') return { error: 'the name is empty' };
  const wildcard = name.startsWith(wildcardPrefix);
  const base = wildcard ? name.slice(wildcardPrefix.length) : name;
  if (base.includes('*')) {
    return { error: '`*` is only allowed as the whole first label of a wildcard, e.g. `*.example.com`' };
  }
  if (/\s/.test(base)) return { error: 'a domain name cannot contain spaces' };
  if (base.split('.').some((label) => label === '')) return { error: 'the name has an empty label (two dots in a row, or a leading dot)' };
  if (isIP(base) || isIP(base.replace(/^\[(.*)\]$/, '$1'))) return { error: 'an IP address is not a domain name' };
  const ascii = domainToASCII(base);
  if (ascii === '') return { error: 'the name is not a valid international domain name' };
  if (isIP(ascii)) return { error: 'an IP address is not a domain name' };
  const labels = ascii.split('.');
  if (labels.length < 2) return { error: 'a domain name needs at least two labels, e.g. `example.com`' };
  for (const label of labels) {
    const problem = labelProblem(label);
    if (problem) return { error: problem };
  }
  if (/^[0-9]+$/.test(labels.at(-1) ?? '')) return { error: 'the last label cannot be all digits' };
  const full = wildcard ? wildcardPrefix + ascii : ascii;
  if (full.length > maxNameLength) {
    return { error: `the name is ${full.length} characters long; at most ${maxNameLength} are allowed` };
  }
  return { name: full };
}

function labelProblem(label: string): string | undefined {
  if (label.length > maxLabelLength) {
    return `the label \`${label.slice(0, 20)}...\` is ${label.length} characters long; at most ${maxLabelLength} are allowed`;
  }
  if (ldhLabel.test(label)) return undefined;
  if (label.startsWith('-') || label.endsWith('-')) return `the label \`${label}\` starts or ends with a hyphen`;
  return `the label \`${label}\` has characters other than letters, digits and hyphens`;
}

export function isWildcardName(name: string): boolean {
  return name.startsWith(wildcardPrefix);
}

/** Whether a normalised wildcard `*.x` covers a normalised name: exactly one label in place of `*`. */
export function wildcardCovers(wildcard: string, name: string): boolean {
  if (!isWildcardName(wildcard) || isWildcardName(name)) return false;
  const base = wildcard.slice(wildcardPrefix.length);
  const dot = name.indexOf('.');
  return dot > 0 && name.slice(dot + 1) === base;
}
