/**
 * Domain globs: `*` matches exactly one label, `**` any number of labels (one or more).
 * Matching is on normalised names, case-insensitive.
 */
export function domainGlobToRegExp(glob: string): RegExp {
  const labels = glob.trim().toLowerCase().replace(/\.$/, '').split('.');
  const parts = labels.map((label) => {
    if (label === '**') return '(?:[^.]+\\.)*[^.]+';
    if (label === '*') return '[^.]+';
    return label
      .split('*')
      .map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^.]*');
  });
  return new RegExp(`^${parts.join('\\.')}$`);
}

export function matchesAnyGlob(name: string, globs: readonly string[]): boolean {
  return globs.some((glob) => domainGlobToRegExp(glob).test(name));
}
