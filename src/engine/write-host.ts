import type { Clock } from '../clock.js';
import { describeError, HostApiError } from '../errors.js';
import type { HostSnapshot, PerDomainProvider, Provider, ReplaceListProvider } from '../hosts/provider.js';
import type { HostEffect } from './changes-in-round.js';
import { describeEffect, hasLanded, notLanded } from './landed.js';
import { waitForAction } from './poll-action.js';

/**
 * Writes one host's effects in the provider's write model, reconciling lost answers by a
 * fresh read (never a blind repeat of a non-idempotent call). Returns the failures, one line
 * each; an empty list means every effect landed.
 */
export async function writeEffects(
  provider: Provider,
  fresh: HostSnapshot,
  effects: readonly HostEffect[],
  clock: Clock,
): Promise<string[]> {
  if (effects.length === 0) return [];
  return provider.capabilities.writeModel === 'replace-list'
    ? writeWholeList(provider as ReplaceListProvider, fresh, effects, clock)
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
  clock: Clock,
): Promise<string[]> {
  try {
    const receipt = await provider.replaceList(listAfter(fresh, effects));
    if (receipt.pendingAction) await waitForAction(provider, receipt.pendingAction, clock);
    return [];
  } catch (error) {
    if (!(error instanceof HostApiError) || !answerMayBeLost(error)) return [describeError(error)];
    const after = await provider.list();
    const missing = notLanded(effects, after, false);
    return missing.length === 0 ? [] : [`${describeError(error)} (a fresh read shows it did not land)`];
  }
}

async function writeEachDomain(
  provider: PerDomainProvider,
  fresh: HostSnapshot,
  effects: readonly HostEffect[],
): Promise<string[]> {
  const flagModel = provider.capabilities.wwwModel === 'flag';
  const failures: string[] = [];
  let snapshot = fresh;
  for (const effect of effects) {
    if (hasLanded(effect, snapshot, flagModel)) continue;
    try {
      await writeOne(provider, snapshot, effect);
    } catch (error) {
      if (!(error instanceof HostApiError) || !answerMayBeLost(error)) {
        failures.push(`${describeEffect(effect)}: ${describeError(error)}`);
        continue;
      }
      snapshot = await provider.list();
      if (hasLanded(effect, snapshot, flagModel)) continue;
      try {
        await writeOne(provider, snapshot, effect);
      } catch (retryError) {
        failures.push(`${describeEffect(effect)}: ${describeError(retryError)}`);
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
