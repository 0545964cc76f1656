import type { ProviderName } from '../config/desired-state.js';
import type { GuardRefusal } from '../errors.js';

/**
 * The closed set of changes. Names are hostnames as the provider models them: in the `flag`
 * www model, `www` says whether the `www.` companion comes along (counts as a second hostname).
 */
export type Change = AddChange | RemoveChange | UpdateChange | MoveChange;

export interface AddChange {
  action: 'add';
  name: string;
  /** flag model: add with the `www` flag set. */
  www?: boolean;
  wildcard: boolean;
}

export interface RemoveChange {
  action: 'remove';
  name: string;
  /** flag model: the removed domain had its `www` flag set. */
  www?: boolean;
  wildcard: boolean;
  /** The panel's id, where removal needs it. */
  id?: string;
  /** The panel owns this domain (e.g. `primary`): the guards refuse its removal. */
  system?: string;
}

/** flag model only: the domain's `www` flag changes; `redirection` and `type` stay as they are. */
export interface UpdateChange {
  action: 'update';
  name: string;
  www: { from: boolean; to: boolean };
  id?: string;
}

/**
 * A name that leaves host `from` for host `to`. It appears in both hosts' change lists: the
 * source removes it (first), the destination adds it once the source has.
 */
export interface MoveChange {
  action: 'move';
  name: string;
  from: string;
  to: string;
  /** flag model on the destination: add with the `www` flag set. */
  www?: boolean;
  /** flag model on the source: the removed domain has its `www` flag set, so `www.<name>` leaves too. */
  sourceWww?: boolean;
  wildcard: boolean;
  /** The panel's id on the source host, where removal needs it. */
  id?: string;
  /** The source panel owns this domain (e.g. `primary`): the guards refuse the move. */
  system?: string;
}

export type ChangeAction = Change['action'];

export interface HostPlan {
  host: string;
  provider: ProviderName;
  /** In the order they will be applied. */
  changes: Change[];
  /** Hostnames the host manages now (the percentage guard's base). */
  managedCount: number;
  /** Domains the app will hold after the plan, unmanaged included (the hard cap's base). */
  resultingCount: number;
  /** Names present on the host that the file does not manage (ignore, previews, system). */
  unmanaged: string[];
  /** Things the user should know, e.g. the gap a move causes. */
  warnings: string[];
  /**
   * Moves left out of `changes`: names moving in from a host outside `--hosts` (until that host
   * releases them), and names moving out to a host whose read failed (until it can be read).
   */
  heldBack?: MoveChange[];
  /** Over the changes only; stable across runs for the same changes. */
  checksum: string;
}

export interface Plan {
  hosts: HostPlan[];
  /** Over every host's checksum. */
  checksum: string;
  /** Guard refusals found; empty when the plan is safe (or forced). */
  refusals: GuardRefusal[];
}
