import type { ConfigIssues } from './config-issues.js';
import { indexPath } from './config-path.js';
import { normaliseDomainGlob } from './normalise-glob.js';
import { describeNode, readList } from './read-scalars.js';
import type { YamlNode } from './yaml-tree.js';

const globHint = 'a domain glob: `*` matches one label, `**` any number of labels, e.g. `"*.serverpilot.io"`';

/** An `ignore:` list (global or per host), each glob normalised. */
export function readIgnoreList(node: YamlNode, path: string, issues: ConfigIssues): string[] {
  const items = readList(node, path, issues, `a list of globs: ${globHint}`) ?? [];
  const globs: string[] = [];
  items.forEach((item, index) => {
    const itemPath = indexPath(path, index);
    if (item.kind !== 'scalar' || typeof item.value !== 'string') {
      issues.add(item, itemPath, `expected a glob, found ${describeNode(item)}`, globHint);
      return;
    }
    const normalised = normaliseDomainGlob(item.value);
    if ('error' in normalised) issues.add(item, itemPath, normalised.error, globHint);
    else globs.push(normalised.glob);
  });
  return globs;
}
