import type { AddChange, MoveChange, RemoveChange } from './change.js';

/** What a move does on one of its hosts: an addition where it arrives, a removal where it leaves. */
export function moveHalfOn(move: MoveChange, hostId: string): AddChange | RemoveChange {
  if (move.to === hostId) {
    return { action: 'add', name: move.name, ...(move.www !== undefined ? { www: move.www } : {}), wildcard: move.wildcard };
  }
  const removal: RemoveChange = { action: 'remove', name: move.name, wildcard: move.wildcard };
  if (move.sourceWww !== undefined) removal.www = move.sourceWww;
  if (move.id !== undefined) removal.id = move.id;
  if (move.system !== undefined) removal.system = move.system;
  return removal;
}
