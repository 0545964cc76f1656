import { readFileSync } from 'node:fs';
import type { PullRequestEvent, WorkflowEvent } from './auto-mode.js';

/** The event that started the workflow, from the runner's environment and event payload file. */
export function readWorkflowEvent(env: Record<string, string | undefined>): WorkflowEvent {
  const event: WorkflowEvent = { name: env['GITHUB_EVENT_NAME'] ?? '' };
  const ref = env['GITHUB_REF'];
  if (ref) event.ref = ref;
  const sha = env['GITHUB_SHA'];
  if (sha) event.sha = sha;
  const repository = env['GITHUB_REPOSITORY'];
  if (repository) event.repository = repository;
  const payload = readPayload(env['GITHUB_EVENT_PATH']);
  const defaultBranch = payload?.repository?.default_branch;
  if (typeof defaultBranch === 'string') event.defaultBranch = defaultBranch;
  const pullRequest = readPullRequest(payload?.pull_request);
  const action = text(payload?.action);
  if (pullRequest) event.pullRequest = action ? { ...pullRequest, action } : pullRequest;
  return event;
}

interface Payload {
  action?: unknown;
  repository?: { default_branch?: unknown };
  pull_request?: unknown;
}

interface PullRequestPayload {
  number?: unknown;
  base?: { ref?: unknown; sha?: unknown; repo?: { full_name?: unknown } | null };
  head?: { sha?: unknown; repo?: { full_name?: unknown } | null };
}

function readPayload(path: string | undefined): Payload | undefined {
  if (!path) return undefined;
  try {
    const payload: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof payload === 'object' && payload !== null ? (payload as Payload) : undefined;
  } catch {
    return undefined;
  }
}

function readPullRequest(value: unknown): PullRequestEvent | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const pull = value as PullRequestPayload;
  if (typeof pull.number !== 'number' || typeof pull.base?.sha !== 'string') return undefined;
  const baseRepository = text(pull.base.repo?.full_name);
  const headRepository = text(pull.head?.repo?.full_name);
  return {
    number: pull.number,
    baseRef: text(pull.base.ref) ?? '',
    baseSha: pull.base.sha,
    headSha: text(pull.head?.sha),
    headRepository,
    baseRepository,
    fromFork: baseRepository !== undefined && headRepository?.toLowerCase() !== baseRepository.toLowerCase(),
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
