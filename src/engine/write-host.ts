import type { Clock } from '../clock.js';
import { describeError, HostApiError } from '../errors.js';
import type { Logger } from '../log.js';
import type { HostSnapshot, PerDomainProvider, Provider, ReplaceListProvider } from '../hosts/provider.js';
import type { HostEffect } from './changes-in-round.js';
import { hasLanded } from './landed.js';
import { waitForAction } from './poll-action.js';

/** An effect whose write errored, and why. Whether it landed anyway is for a read after to say. */
export interface WriteFailure {
  effect: HostEffect;
  reason: string;
}

export interface WriteContext {
  hostId: string;
  clock: Clock;
  log: Logger;
}

/**
 * Writes one host's effects in the provider's write model, never blindly repeating a
 * non-idempotent call whose answer was lost. Returns the effects whose write errored, at most
 * once each; the caller reads the host back to learn which of them landed anyway. Throws a
 * PanelActionError when the panel saved the list but its follow-up action failed.
 */
export async function writeEffects(
  provider: Provider,
  fresh: HostSnapshot,
  effects: readonly HostEffect[],
  context: WriteContext,
): Promise<WriteFailure[]> {
  if (effects.length === 0) return [];
  return provider.capabilities.writeModel === 'replace-list'
    ? writeWholeList(provider as ReplaceListProvider, fresh, effects, context)
    : writeEachDomain(provider as PerDomainProvider, fresh, effects);
}

/** The complete list after the effects: unmanaged and untouched names stay in their place. */
export function listAfter(current: HostSnapshot, effects: readonly HostEffect[]): string[] {
  const leaving = new Set(effects.filter((e) => e.kind === 'leave').map((e) => e.name));
  const names = [...new Set(current.domains.map((d) => d.name))].filter((name) => !leaving.has(name));
  for (const effect of effects) {
    if (effect.kind === 'arrive' && !names.includes(effect.name)) names.push(effect.name);
  }
  return names;
}

async function writeWholeList(
  provider: ReplaceListProvider,
  fresh: HostSnapshot,
  effects: readonly HostEffect[],
  context: WriteContext,
): Promise<WriteFailure[]> {
  let pendingAction: string | undefined;
  try {
    pendingAction = (await provider.replaceList(listAfter(fresh, effects))).pendingAction;
  } catch (error) {
    const reason = describeError(error);
    return effects.map((effect) => ({ effect, reason }));
  }
  if (pendingAction) await waitForAction(provider, pendingAction, context);
  return [];
}

async function writeEachDomain(
  provider: PerDomainProvider,
  fresh: HostSnapshot,
  effects: readonly HostEffect[],
): Promise<WriteFailure[]> {
  const flagModel = provider.capabilities.wwwModel === 'flag';
  const failures: WriteFailure[] = [];
  let snapshot = fresh;
  for (const effect of effects) {
    if (hasLanded(effect, snapshot, flagModel)) continue;
    try {
      await writeOne(provider, snapshot, effect);
    } catch (error) {
      if (!(error instanceof HostApiError) || !answerMayBeLost(error)) {
        failures.push({ effect, reason: describeError(error) });
        continue;
      }
      snapshot = await provider.list();
      if (hasLanded(effect, snapshot, flagModel)) continue;
      try {
        await writeOne(provider, snapshot, effect);
      } catch (retryError) {
        failures.push({ effect, reason: describeError(retryError) });
      }
    }
  }
  return failures;
}

async function writeOne(provider: PerDomainProvider, snapshot: HostSnapshot, effect: HostEffect): Promise<void> {
  const domain = snapshot.domains.find((d) => d.name === effect.name);
  switch (effect.kind) {
    case 'arrive':
      await provider.addDomain({ name: effect.name, www: effect.www, wildcard: effect.wildcard });
      return;
    case 'leave':
      if (domain) await provider.removeDomain(domain);
      return;
    case 'set-www':
      if (!domain) throw new Error(`${effect.name} is no longer on the host`);
      await provider.setWww(domain, effect.www);
      return;
  }
}

function answerMayBeLost(error: HostApiError): boolean {
  return error.kind === 'outcome-unknown' || error.kind === 'server';
}
