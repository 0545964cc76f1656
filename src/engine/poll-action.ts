import type { Clock } from '../clock.js';
import { formatDuration } from '../config/durations.js';
import type { ReplaceListProvider } from '../hosts/provider.js';
import type { Logger } from '../log.js';

/** The panel saved the change but its follow-up action failed or never finished. */
export class PanelActionError extends Error {
  override readonly name = 'PanelActionError';
}

export interface ActionPolling {
  firstDelayMs: number;
  maxDelayMs: number;
  maxPolls: number;
}

export const defaultActionPolling: ActionPolling = { firstDelayMs: 1000, maxDelayMs: 15_000, maxPolls: 20 };

/**
 * Waits for a panel action (ServerPilot's `actionid`) to finish, with backoff and a bound, saying
 * so in the log while it waits. Throws a PanelActionError when the action failed or is still open
 * after the last poll.
 */
export async function waitForAction(
  provider: ReplaceListProvider,
  actionId: string,
  { clock, log, hostId }: { clock: Clock; log: Logger; hostId: string },
  polling: ActionPolling = defaultActionPolling,
): Promise<void> {
  const start = clock.now();
  let delay = polling.firstDelayMs;
  for (let poll = 1; poll <= polling.maxPolls; poll++) {
    const status = await provider.actionStatus(actionId);
    if (status === 'success') return;
    if (status === 'error') throw new PanelActionError(`the panel saved the domains, but reported its action ${actionId} as failed`);
    if (poll === polling.maxPolls) break;
    const soFar = poll === 1 ? '' : ` (${formatDuration(clock.now() - start)} so far)`;
    log.info(`${hostId}: waiting for the panel's action ${actionId} to finish${soFar}.`);
    await clock.sleep(delay);
    delay = Math.min(delay * 2, polling.maxDelayMs);
  }
  throw new PanelActionError(`the panel saved the domains, but its action ${actionId} was still open after ${polling.maxPolls} polls`);
}
