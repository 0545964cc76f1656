import type { Clock } from './clock.js';
import type { ProviderName } from './config/desired-state.js';
import type { Logger } from './log.js';
import type { ConnectToRule, ResolveRule } from './ssl/ssl-result.js';

export type Mode = 'validate' | 'plan' | 'apply' | 'check' | 'import' | 'doctor';
export const modes: readonly Mode[] = ['validate', 'plan', 'apply', 'check', 'import', 'doctor'];

/** Everything a run needs. The CLI and the Action each build one; `run(settings)` does the rest. */
export interface Settings {
  mode: Mode;
  /** Path to domains.yml. */
  configPath: string;
  /** Host ids or globs to act on; empty means every host. */
  hosts: string[];
  /** Lift the removal guards (never a provider's hard limit). */
  force: boolean;
  ssl: {
    /** Overrides the file's `ssl.wait` when set (`--no-ssl-wait` sets false). */
    wait?: boolean;
    /** Overrides the file's `ssl.timeout` when set. */
    timeoutMs?: number;
    /** First poll interval; polls back off from it. */
    intervalMs: number;
    /** check mode: probe every managed domain's certificate too. */
    check: boolean;
    resolve: ResolveRule[];
    connectTo: ConnectToRule[];
  };
  /** apply refuses a plan whose checksum differs. */
  expectChecksum?: string;
  /** import: describe a host that no file lists yet. */
  importTarget?: { provider: ProviderName; app: string; server?: string; apiUrl?: string };
  /** Where credentials are read from. */
  env: Record<string, string | undefined>;
  clock: Clock;
  log: Logger;
  /** Called with every secret read, so the Action can mask it. */
  onSecret?: (secret: string) => void;
}
