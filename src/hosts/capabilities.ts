import type { ProviderName } from '../config/desired-state.js';
import type { Capabilities } from './provider.js';

/**
 * What each panel can do, as data. The planner, the guards and config validation read this;
 * the providers declare the same object. `systemDomains` are guesses about each panel.
 */
export const capabilitiesOf: Record<ProviderName, Capabilities> = {
  serverpilot: {
    wwwModel: 'separate',
    wildcards: false,
    maxDomains: 300,
    writeModel: 'replace-list',
    systemDomains: ['**.serverpilot.io'],
    certificates: 'request',
  },
  runcloud: {
    wwwModel: 'flag',
    wildcards: false,
    writeModel: 'per-domain',
    systemDomains: ['**.runcloud.link'],
    certificates: 'request',
  },
  closte: {
    wwwModel: 'separate',
    wildcards: true,
    writeModel: 'per-domain',
    systemDomains: ['**.closte.com'],
    certificates: 'automatic',
  },
};
