import type { ConfigIssues } from './config-issues.js';
import { describeChoices } from './closest-match.js';
import type { YamlNode, YamlScalar } from './yaml-tree.js';

/** A short description of what was found, for messages. Never use it on a credential value. */
export function describeNode(node: YamlNode): string {
  if (node.kind === 'mapping') return 'a mapping';
  if (node.kind === 'sequence') return 'a list';
  const { value } = node;
  if (value === null) return 'nothing (null)';
  if (typeof value === 'string') return `the text "${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  return `${typeof value === 'number' ? 'the number' : 'the boolean'} ${String(value)}`;
}

export function readString(node: YamlNode, path: string, issues: ConfigIssues, hint: string): string | undefined {
  if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.trim() !== '') return node.value;
  issues.add(node, path, `expected text, found ${describeNode(node)}`, hint);
  return undefined;
}

export function readChoice<Choice extends string>(
  node: YamlNode,
  path: string,
  issues: ConfigIssues,
  choices: readonly Choice[],
  explanation?: string,
): Choice | undefined {
  const explained = (hint: string) => (explanation ? `${hint}; ${explanation}` : hint);
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    const value = node.value.trim();
    const choice = choices.find((candidate) => candidate === value);
    if (choice) return choice;
    issues.add(node, path, `\`${value}\` is not a valid value`, explained(describeChoices('one of', value, choices)));
    return undefined;
  }
  issues.add(node, path, `expected one of ${choices.join(', ')}, found ${describeNode(node)}`, explained(`one of: ${choices.join(', ')}`));
  return undefined;
}

export function readBoolean(node: YamlNode, path: string, issues: ConfigIssues): boolean | undefined {
  if (node.kind === 'scalar' && typeof node.value === 'boolean') return node.value;
  issues.add(node, path, `expected true or false, found ${describeNode(node)}`, 'true or false');
  return undefined;
}

export function readWholeNumber(
  node: YamlNode,
  path: string,
  issues: ConfigIssues,
  range: { min: number; max?: number },
): number | undefined {
  const describeRange = range.max === undefined ? `a whole number ≥ ${range.min}` : `a whole number from ${range.min} to ${range.max}`;
  if (
    node.kind === 'scalar' &&
    typeof node.value === 'number' &&
    Number.isSafeInteger(node.value) &&
    node.value >= range.min &&
    (range.max === undefined || node.value <= range.max)
  ) {
    return node.value;
  }
  issues.add(node, path, `expected ${describeRange}, found ${describeNode(node)}`, describeRange);
  return undefined;
}

/** App and server ids: text or a whole number, kept as text. */
export function readIdentifier(node: YamlNode, path: string, issues: ConfigIssues): string | undefined {
  if (node.kind === 'scalar') {
    const value = identifierOf(node);
    if (value !== undefined) return value;
  }
  issues.add(node, path, `expected an id (text or a whole number), found ${describeNode(node)}`, 'the id as the panel shows it, e.g. `app: "nlcN0TwdZAyNEgdp"` or `server: 1234`');
  return undefined;
}

function identifierOf(node: YamlScalar): string | undefined {
  if (typeof node.value === 'string' && node.value.trim() !== '') return node.value.trim();
  if (typeof node.value === 'number' && /^[0-9]+$/.test(node.text)) return node.text;
  return undefined;
}

/** The items of a list. */
export function readList(
  node: YamlNode,
  path: string,
  issues: ConfigIssues,
  expected: string,
): YamlNode[] | undefined {
  if (node.kind === 'sequence') return node.items;
  issues.add(node, path, `expected a list, found ${describeNode(node)}`, expected);
  return undefined;
}
