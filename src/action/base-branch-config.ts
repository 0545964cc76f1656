import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, normalize } from 'node:path';
import type { GitHubClient } from '../github/github-client.js';
import type { PullRequestEvent } from './auto-mode.js';

export interface BaseBranchConfig {
  /** The copy the run reads. */
  path: string;
  remove(): Promise<void>;
}

/**
 * pull_request_target runs with secrets on the base branch's code, but the working tree may hold
 * anything a workflow checked out. domains.yml is therefore read from the base branch through the
 * contents API (at the commit the event names) and written to a temporary file for the run.
 */
export async function fetchBaseBranchConfig(
  client: GitHubClient,
  pull: PullRequestEvent,
  configPath: string,
  tempRoot: string = tmpdir(),
): Promise<BaseBranchConfig> {
  const path = repositoryPath(configPath);
  const text = await client.readFile(path, pull.baseSha);
  if (text === undefined) {
    throw new Error(`${path} does not exist on the base branch ${pull.baseRef} at ${pull.baseSha.slice(0, 7)}`);
  }
  const directory = await mkdtemp(join(tempRoot, 'domain-sync-base-'));
  const copy = join(directory, basename(path));
  await writeFile(copy, text);
  return { path: copy, remove: () => rm(directory, { recursive: true, force: true }) };
}

/** The `config` input as a path inside the repository. */
function repositoryPath(configPath: string): string {
  const path = normalize(configPath).replaceAll('\\', '/').replace(/^(\.\/)+/, '');
  if (isAbsolute(configPath) || path.startsWith('../') || path === '..') {
    throw new Error(`the config input ${configPath} is not a path inside the repository, so it cannot be read from the base branch`);
  }
  return path;
}
