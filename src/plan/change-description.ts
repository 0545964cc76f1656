import type { Change, ChangeAction } from './change.js';

export interface ChangeDescription {
  /** `+`, `~`, `-`, `→` (moves away), `←` (moves here). */
  symbol: string;
  action: ChangeAction;
  name: string;
  /** Words after the name, empty when there is nothing to add. */
  detail: string;
}

/** How one change on one host reads in the text and markdown renderers. */
export function describeChange(change: Change, hostId: string): ChangeDescription {
  const companion = `with www.${change.name}`;
  switch (change.action) {
    case 'add':
      return { symbol: '+', action: 'add', name: change.name, detail: change.www ? companion : '' };
    case 'update':
      return {
        symbol: '~',
        action: 'update',
        name: change.name,
        detail: `www: ${onOff(change.www.from)} → ${onOff(change.www.to)}`,
      };
    case 'remove':
      return { symbol: '-', action: 'remove', name: change.name, detail: change.www ? companion : '' };
    case 'move': {
      const leaving = change.from === hostId;
      const withCompanion = leaving ? change.sourceWww : change.www;
      const where = leaving ? `moves to ${change.to}` : `moves from ${change.from}`;
      return {
        symbol: leaving ? '→' : '←',
        action: 'move',
        name: change.name,
        detail: withCompanion ? `${companion}, ${where}` : where,
      };
    }
  }
}

function onOff(flag: boolean): string {
  return flag ? 'on' : 'off';
}
