import type { ConfigIssues } from './config-issues.js';
import { domainKeys, wwwChoices } from './config-keys.js';
import { indexPath, keyPath } from './config-path.js';
import { capabilitiesOf } from '../hosts/capabilities.js';
import { providerNames, type DesiredDomain, type ProviderName, type WwwPolicy } from './desired-state.js';
import { isWildcardName, normaliseDomainName, wildcardCovers } from './normalise-domain.js';
import { readMapping } from './read-mapping.js';
import { describeNode, readBoolean, readChoice, readList, readString } from './read-scalars.js';
import { wantsWwwCompanion } from './www.js';
import type { YamlNode } from './yaml-tree.js';

const domainHint = 'a host name like `example.com`, or `{name: shop.example.com, www: never}`';

export interface DomainListContext {
  /** Undefined when the host's provider is itself invalid: provider checks are skipped. */
  provider?: ProviderName;
  www: WwwPolicy;
}

/** A host's `domains:` list: strings or `{name, www?, ssl?, probe?}`, each normalised. */
export function readDomains(node: YamlNode, path: string, issues: ConfigIssues, context: DomainListContext): DesiredDomain[] {
  const items = readList(node, path, issues, `a list of domains: ${domainHint}`) ?? [];
  const domains: DesiredDomain[] = [];
  items.forEach((item, index) => {
    const domain = readDomain(item, indexPath(path, index), issues, context);
    if (domain) domains.push(domain);
  });
  return domains;
}

function readDomain(item: YamlNode, path: string, issues: ConfigIssues, context: DomainListContext): DesiredDomain | undefined {
  if (item.kind === 'scalar') {
    if (typeof item.value !== 'string') {
      issues.add(item, path, `expected a domain name, found ${describeNode(item)}`, domainHint);
      return undefined;
    }
    const name = readName(item, item.value, path, issues, context);
    if (name === undefined) return undefined;
    return { name, www: wantsWwwCompanion(name, context.www), wildcard: isWildcardName(name), ssl: true, source: issues.locate(item, path) };
  }
  const fields = readMapping(item, path, issues, domainKeys);
  if (!fields) return undefined;
  const nameNode = fields.get('name')?.value;
  if (!nameNode) {
    issues.add(item, path, 'this domain has no `name`', domainHint);
    return undefined;
  }
  const namePath = keyPath(path, 'name');
  const raw = readString(nameNode, namePath, issues, domainHint);
  const name = raw === undefined ? undefined : readName(nameNode, raw, namePath, issues, context);

  const wwwNode = fields.get('www')?.value;
  const www = wwwNode ? readChoice(wwwNode, keyPath(path, 'www'), issues, wwwChoices) : undefined;
  const sslNode = fields.get('ssl')?.value;
  const ssl = sslNode ? readBoolean(sslNode, keyPath(path, 'ssl'), issues) : undefined;
  const probeNode = fields.get('probe')?.value;
  const probe = probeNode && name !== undefined ? readProbe(probeNode, keyPath(path, 'probe'), issues, name) : undefined;
  if (name === undefined) return undefined;

  const domain: DesiredDomain = {
    name,
    www: wantsWwwCompanion(name, www ?? context.www),
    wildcard: isWildcardName(name),
    ssl: ssl ?? true,
    source: issues.locate(item, path),
  };
  if (probe !== undefined) domain.probe = probe;
  return domain;
}

function readName(node: YamlNode, raw: string, path: string, issues: ConfigIssues, context: DomainListContext): string | undefined {
  const normalised = normaliseDomainName(raw);
  if ('error' in normalised) {
    issues.add(node, path, `\`${raw.trim()}\` is not a valid domain name: ${normalised.error}`, domainHint);
    return undefined;
  }
  const { name } = normalised;
  if (isWildcardName(name) && context.provider && !capabilitiesOf[context.provider].wildcards) {
    const able = providerNames.filter((provider) => capabilitiesOf[provider].wildcards);
    issues.add(
      node,
      path,
      `${context.provider} does not support wildcard domains`,
      `list each name on its own, or put the wildcard on a host whose provider supports them (${able.join(', ')})`,
    );
    return undefined;
  }
  return name;
}

function readProbe(node: YamlNode, path: string, issues: ConfigIssues, wildcard: string): string | undefined {
  if (!isWildcardName(wildcard)) {
    issues.add(node, path, '`probe` is only for wildcard names', 'remove `probe`: a plain name is probed as itself');
    return undefined;
  }
  const example = `demo.${wildcard.slice(2)}`;
  const raw = readString(node, path, issues, `a name the wildcard covers, e.g. \`${example}\``);
  if (raw === undefined) return undefined;
  const normalised = normaliseDomainName(raw);
  if ('error' in normalised) {
    issues.add(node, path, `\`${raw.trim()}\` is not a valid domain name: ${normalised.error}`, `a name the wildcard covers, e.g. \`${example}\``);
    return undefined;
  }
  if (!wildcardCovers(wildcard, normalised.name)) {
    issues.add(node, path, `\`${normalised.name}\` is not covered by \`${wildcard}\``, `a name with exactly one label in place of \`*\`, e.g. \`${example}\``);
    return undefined;
  }
  return normalised.name;
}
