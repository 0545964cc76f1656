/**
 * A `--hosts` value (or the Action's `hosts` input): host ids or globs separated by commas,
 * spaces or new lines. Returns the error text for a malformed entry.
 */
export function parseHostFilter(text: string): { hosts: string[] } | { error: string } {
  const hosts = text
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const bad = hosts.find((entry) => !/^[a-z0-9*-]+$/.test(entry));
  if (bad !== undefined) {
    return { error: `"${bad}" is not a host id or glob (lower-case letters, digits, "-" and "*")` };
  }
  return { hosts };
}
