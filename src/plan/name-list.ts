/** `a, b, c, d, e and 3 more`: the first few names for a message. */
export function listNames(names: readonly string[], shown = 5): string {
  const listed = names.slice(0, shown).join(', ');
  const rest = names.length - shown;
  return rest > 0 ? `${listed} and ${rest} more` : listed;
}
