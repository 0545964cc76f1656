import { readFile } from 'node:fs/promises';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { checkHostnameConflicts } from './check-hostname-conflicts.js';
import { checkSameApp } from './check-same-app.js';
import { ConfigIssues } from './config-issues.js';
import { policyKeys, topLevelKeys } from './config-keys.js';
import type { DesiredHost, DesiredState } from './desired-state.js';
import { readHost, type HostReading } from './read-host.js';
import { readIgnoreList } from './read-ignore.js';
import { readAnyMapping, readMapping } from './read-mapping.js';
import { readPolicy, type PolicyOverrides } from './read-policy.js';
import { readPreviews } from './read-previews.js';
import { describeNode } from './read-scalars.js';
import { reportMisplacedSecretKeys } from './secret-keys.js';
import { parseYamlTree, type YamlNode } from './yaml-tree.js';

const fileStart = { line: 1, column: 1 };
const startHint = 'start the file with `version: 1` and a `hosts:` block';

/** Reads and validates domains.yml. Throws ConfigError with every problem found. */
export async function loadConfig(path: string): Promise<DesiredState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'it is a directory' : `the file cannot be read (${code ?? 'unknown error'})`;
    throw new ConfigError([
      { location: { file: path, ...fileStart, path: '' }, message: reason, hint: 'pass the path of domains.yml with --config (the Action input `config`)' },
    ]);
  }
  return parseConfig(text.replace(/^\uFEFF/, ''), path);
}

/** Turns the text of domains.yml (contract §2) into the desired state, or throws ConfigError. */
export function parseConfig(text: string, file: string): DesiredState {
  const issues = new ConfigIssues(file);
  const tree = parseYamlTree(text);
  for (const problem of tree.problems) issues.add(problem, problem.path, problem.message, problem.hint);
  if (!tree.root || (tree.root.kind === 'scalar' && tree.root.value === null)) {
    if (issues.count === 0) issues.add(fileStart, '', 'the file is empty', startHint);
    throw configError(issues);
  }
  reportMisplacedSecretKeys(tree.root, issues);
  const fields = readMapping(tree.root, '', issues, topLevelKeys);
  if (!fields) throw configError(issues);

  checkVersion(fields.get('version')?.value, issues);
  const defaultsNode = fields.get('defaults')?.value;
  const defaults = defaultsNode ? readDefaults(defaultsNode, issues) : { ssl: {} };
  const ignoreNode = fields.get('ignore')?.value;
  const globalIgnore = ignoreNode ? readIgnoreList(ignoreNode, 'ignore', issues) : [];

  const readings = readHosts(fields.get('hosts')?.value, { defaults, globalIgnore }, issues);
  const previewsEntry = fields.get('previews');
  const previews = previewsEntry
    ? readPreviews(previewsEntry.key, previewsEntry.value, issues, readings.map((reading) => reading.id))
    : undefined;

  checkHostnameConflicts(readings, previews, issues);
  const hosts = readings.map((reading) => reading.host).filter((host): host is DesiredHost => host !== undefined);
  checkSameApp(hosts, issues);

  if (issues.count > 0) throw configError(issues);
  return { file, hosts, ...(globalIgnore.length > 0 ? { ignore: globalIgnore } : {}), ...(previews ? { previews } : {}) };
}

function checkVersion(node: YamlNode | undefined, issues: ConfigIssues): void {
  if (!node) {
    issues.add(fileStart, 'version', 'the file has no `version`', 'add `version: 1` as the first line');
    return;
  }
  if (node.kind === 'scalar' && node.value === 1) return;
  issues.add(node, 'version', `unsupported version: found ${describeNode(node)}`, 'this release reads `version: 1`');
}

function readDefaults(node: YamlNode, issues: ConfigIssues): PolicyOverrides {
  const fields = readMapping(node, 'defaults', issues, policyKeys);
  return fields ? readPolicy(fields, 'defaults', issues) : { ssl: {} };
}

function readHosts(node: YamlNode | undefined, context: Parameters<typeof readHost>[2], issues: ConfigIssues): HostReading[] {
  const hint = 'a mapping of host ids to host blocks, e.g. `hosts: { production: { provider: serverpilot, removals: sync, domains: [example.com] } }`';
  if (!node) {
    issues.add(fileStart, 'hosts', 'the file has no `hosts`', hint);
    return [];
  }
  const entries = readAnyMapping(node, 'hosts', issues, hint);
  if (!entries) return [];
  if (entries.size === 0) {
    issues.add(node, 'hosts', 'no hosts are listed', hint);
    return [];
  }
  return [...entries.values()].map((entry) => readHost(entry.key, entry.value, context, issues));
}

function configError(issues: ConfigIssues): ConfigError {
  const byPosition = (a: ConfigIssue, b: ConfigIssue) =>
    a.location.line - b.location.line || a.location.column - b.location.column;
  return new ConfigError([...issues.list].sort(byPosition));
}
