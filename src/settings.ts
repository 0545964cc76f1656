import type { Clock } from './clock.js';
import type { ProviderName } from './config/desired-state.js';
import type { Logger } from './log.js';
import type { DnsResolver } from './ssl/dns-precheck.js';
import type { Probe } from './ssl/probe.js';
import type { ConnectToRule, ResolveRule } from './ssl/ssl-result.js';

export type Mode = 'validate' | 'plan' | 'apply' | 'check' | 'import' | 'doctor';
export const modes: readonly Mode[] = ['validate', 'plan', 'apply', 'check', 'import', 'doctor'];

/** A reviewed plan's checksums (the Action's `expect-checksum: from-pr`). */
export interface ReviewedChecksums {
  /** Over every host of the reviewed plan. */
  plan: string;
  /** Host id → checksum over that host's reviewed changes; a host missing here had none reviewed. */
  hosts: Record<string, string>;
  /** Where the plan was reviewed, for messages, e.g. `pull request #12`. */
  source: string;
}

/** Everything a run needs. The CLI and the Action each build one; `run(settings)` does the rest. */
export interface Settings {
  mode: Mode;
  /** Path to domains.yml. */
  configPath: string;
  /** Host ids or globs to act on; empty means every host. */
  hosts: string[];
  /** How messages name `hosts`: `--hosts` when unset (the CLI's flag). */
  hostsFilterName?: string;
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
    /** The TLS probe (default: a real handshake trusting the system CAs); tests pass one trusting a test CA. */
    probe?: Probe;
    /** The DNS pre-check's resolver (default: node:dns); tests pass one that answers from a table. */
    dns?: DnsResolver;
  };
  /** apply refuses a plan whose checksum differs. */
  expectChecksum?: string;
  /**
   * apply refuses when a host's changes differ from the reviewed ones, naming the hosts. A host
   * with nothing left to do passes (a re-run after the changes landed writes nothing).
   */
  expectChecksums?: ReviewedChecksums;
  /** import: describe a host that no file lists yet; an id left out is read from the environment, as for a file's host without it (Closte has no app id). */
  importTarget?: { provider: ProviderName; app?: string; server?: string; apiUrl?: string };
  /**
   * plan / apply: add (`open`) or remove (`close`) this pull request's preview domain on the
   * `previews` host, and touch nothing else; `open` then waits for its certificate like any apply.
   * plan shows what it would do. Other modes ignore it.
   */
  preview?: { number: number; action: 'open' | 'close' };
  /**
   * check / apply: first remove the preview domains of pull requests not in `openPulls` (the
   * caller asks GitHub which are open). plan shows what it would remove. Other modes ignore it.
   */
  reapPreviews?: { openPulls: number[] };
  /** Where credentials are read from. */
  env: Record<string, string | undefined>;
  clock: Clock;
  log: Logger;
  /** Called with every secret read, so the Action can mask it. */
  onSecret?: (secret: string) => void;
}
