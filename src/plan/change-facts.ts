import type { Change } from './change.js';

export type ChangeFacts = Record<string, string | boolean | { from: boolean; to: boolean }>;

/**
 * What a change does, without how the panel identifies it (ids can differ between two runs that
 * make the same change). The checksum and the JSON output both use exactly this field set.
 */
export function changeFacts(change: Change): ChangeFacts {
  switch (change.action) {
    case 'add':
    case 'remove':
      return definedOnly({ action: change.action, name: change.name, www: change.www, wildcard: change.wildcard });
    case 'update':
      return { action: change.action, name: change.name, www: { from: change.www.from, to: change.www.to } };
    case 'move':
      return definedOnly({
        action: change.action,
        name: change.name,
        from: change.from,
        to: change.to,
        www: change.www,
        sourceWww: change.sourceWww,
        wildcard: change.wildcard,
      });
  }
}

function definedOnly(fields: Record<string, string | boolean | undefined>): ChangeFacts {
  const kept: ChangeFacts = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) kept[key] = value;
  return kept;
}
