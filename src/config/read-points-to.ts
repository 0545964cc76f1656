import { isIP } from 'node:net';
import type { ConfigIssues } from './config-issues.js';
import { indexPath } from './config-path.js';
import { normaliseDomainName } from './normalise-domain.js';
import { describeNode } from './read-scalars.js';
import type { YamlNode } from './yaml-tree.js';

const pointsToHint = 'a list of IP addresses, e.g. `[203.0.113.10]`, or one host name the domains are a CNAME to';

/** `points-to`: IP addresses, or a single host name (a CNAME target). */
export function readPointsTo(node: YamlNode, path: string, issues: ConfigIssues): string[] | undefined {
  const items = node.kind === 'sequence' ? node.items.map((item, index) => ({ item, path: indexPath(path, index) })) : [{ item: node, path }];
  const targets: { value: string; kind: 'ip' | 'name'; item: YamlNode; path: string }[] = [];
  for (const { item, path: itemPath } of items) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string') {
      issues.add(item, itemPath, `expected an IP address or a host name, found ${describeNode(item)}`, pointsToHint);
      continue;
    }
    const text = item.value.trim().toLowerCase();
    if (isIP(text)) {
      targets.push({ value: text, kind: 'ip', item, path: itemPath });
      continue;
    }
    const normalised = normaliseDomainName(text);
    if ('error' in normalised || normalised.name.startsWith('*.')) {
      issues.add(item, itemPath, `\`${item.value}\` is neither an IP address nor a host name${'error' in normalised ? `: ${normalised.error}` : ''}`, pointsToHint);
      continue;
    }
    targets.push({ value: normalised.name, kind: 'name', item, path: itemPath });
  }
  const names = targets.filter((target) => target.kind === 'name');
  const misplaced = targets.length > 1 ? names : [];
  for (const target of misplaced) {
    issues.add(target.item, target.path, 'a CNAME target stands alone: it cannot be listed with other targets', pointsToHint);
  }
  if (targets.length !== items.length || misplaced.length > 0) return undefined;
  return targets.map((target) => target.value);
}
