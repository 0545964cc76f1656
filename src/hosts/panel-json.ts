import { domainToASCII } from 'node:url';

/** Reading the panels' JSON: shared by every provider. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** For messages about an unexpected body: `missing`, `null`, `an array`, `an object`, `a string`... */
export function describeJsonType(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * A name as a panel lists it, normalised like the file's names so the two compare: lower case,
 * no trailing dot, punycode; a leading `*.` stays.
 */
export function normalisePanelName(raw: string): string {
  const name = raw.trim().toLowerCase().replace(/\.$/, '');
  if (/^[\x00-\x7f]*$/.test(name)) return name;
  const wildcard = name.startsWith('*.');
  const rest = wildcard ? name.slice(2) : name;
  const ascii = domainToASCII(rest) || rest;
  return wildcard ? `*.${ascii}` : ascii;
}
