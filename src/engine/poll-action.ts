import type { Clock } from '../clock.js';
import type { ReplaceListProvider } from '../hosts/provider.js';

export interface ActionPolling {
  firstDelayMs: number;
  maxDelayMs: number;
  maxPolls: number;
}

export const defaultActionPolling: ActionPolling = { firstDelayMs: 1000, maxDelayMs: 15_000, maxPolls: 20 };

/**
 * Waits for a panel action (ServerPilot's `actionid`) to finish, with backoff and a bound.
 * Throws when the action failed or is still open after the last poll.
 */
export async function waitForAction(
  provider: ReplaceListProvider,
  actionId: string,
  clock: Clock,
  polling: ActionPolling = defaultActionPolling,
): Promise<void> {
  let delay = polling.firstDelayMs;
  for (let poll = 1; poll <= polling.maxPolls; poll++) {
    const status = await provider.actionStatus(actionId);
    if (status === 'success') return;
    if (status === 'error') throw new Error(`the panel reported action ${actionId} as failed`);
    if (poll === polling.maxPolls) break;
    await clock.sleep(delay);
    delay = Math.min(delay * 2, polling.maxDelayMs);
  }
  throw new Error(`action ${actionId} was still open after ${polling.maxPolls} polls`);
}
