/** Paths inside the document as issues show them: `hosts.eu.domains[1]`. */
export function keyPath(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}
