import type { DesiredHost, DesiredState } from '../config/desired-state.js';
import { matchesAnyGlob } from '../config/glob.js';
import { previewPlaceholder } from '../config/read-previews.js';
import { capabilitiesOf } from '../hosts/capabilities.js';
import type { HostSnapshot } from '../hosts/provider.js';

/** `pr-{number}.preview.example.de` and 7 make `pr-7.preview.example.de`. */
export function previewDomainFor(pattern: string, pullNumber: number): string {
  if (!Number.isSafeInteger(pullNumber) || pullNumber < 1) {
    throw new RangeError(`a pull request number is a whole number from 1, not ${String(pullNumber)}`);
  }
  return pattern.replace(previewPlaceholder, String(pullNumber));
}

/**
 * The pull request a name is the preview domain of, or undefined when the pattern does not make
 * exactly this name for any number (`pr-007…` is nobody's preview: pull request 7's is `pr-7…`).
 */
export function previewNumberOf(pattern: string, name: string): number | undefined {
  const [before = '', after = ''] = pattern.split(previewPlaceholder);
  if (!name.startsWith(before) || !name.endsWith(after) || name.length <= before.length + after.length) return undefined;
  const digits = name.slice(before.length, name.length - after.length);
  if (!/^[1-9][0-9]*$/.test(digits)) return undefined;
  const pullNumber = Number(digits);
  return Number.isSafeInteger(pullNumber) ? pullNumber : undefined;
}

/**
 * Why a preview operation must leave this name alone, or undefined when it may add or remove it:
 * the host's `ignore` (global included) or the panel's own domains cover it. (No host of a valid
 * file lists a name the previews pattern makes.)
 */
export function previewTouchBlocker(host: DesiredHost, name: string): string | undefined {
  if (matchesAnyGlob(name, host.ignore)) return `${name} matches \`ignore\` for ${host.id}, so nothing touches it`;
  if (matchesAnyGlob(name, capabilitiesOf[host.provider].systemDomains)) return `${name} is one of ${host.provider}'s own domains`;
  return undefined;
}

export interface LivePreview {
  name: string;
  pullNumber: number;
}

/** The preview domains on the host now that a preview operation may touch, by pull request number. */
export function livePreviews(desired: DesiredState, host: DesiredHost, snapshot: HostSnapshot): LivePreview[] {
  const pattern = desired.previews?.domain;
  if (pattern === undefined) return [];
  const live: LivePreview[] = [];
  for (const name of new Set(snapshot.domains.map((domain) => domain.name))) {
    const pullNumber = previewNumberOf(pattern, name);
    if (pullNumber !== undefined && previewTouchBlocker(host, name) === undefined) live.push({ name, pullNumber });
  }
  return live.sort((a, b) => a.pullNumber - b.pullNumber);
}
