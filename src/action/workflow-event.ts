import { readFileSync } from 'node:fs';
import type { WorkflowEvent } from './auto-mode.js';

/** The event that started the workflow, from the runner's environment and event payload file. */
export function readWorkflowEvent(env: Record<string, string | undefined>): WorkflowEvent {
  const event: WorkflowEvent = { name: env['GITHUB_EVENT_NAME'] ?? '' };
  const ref = env['GITHUB_REF'];
  if (ref) event.ref = ref;
  const defaultBranch = readDefaultBranch(env['GITHUB_EVENT_PATH']);
  if (defaultBranch) event.defaultBranch = defaultBranch;
  return event;
}

function readDefaultBranch(payloadPath: string | undefined): string | undefined {
  if (!payloadPath) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(payloadPath, 'utf8'));
  } catch {
    return undefined;
  }
  const repository = (payload as { repository?: { default_branch?: unknown } } | null)?.repository;
  return typeof repository?.default_branch === 'string' ? repository.default_branch : undefined;
}
