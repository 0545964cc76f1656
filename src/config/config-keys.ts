/** The keys domains.yml accepts at each level. domains.schema.json lists the same ones. */

export const topLevelKeys = ['version', 'defaults', 'ignore', 'hosts', 'previews'] as const;

/** Keys allowed under `defaults`; each may be overridden per host. */
export const policyKeys = ['removals', 'www', 'max-removals', 'max-removal-percent', 'ssl'] as const;

export const sslKeys = ['wait', 'timeout', 'min-days'] as const;

export const hostOwnKeys = ['provider', 'app', 'server', 'api_url', 'points-to', 'credentials', 'domains', 'ignore'] as const;

export const hostKeys = [...hostOwnKeys, ...policyKeys] as const;

export const domainKeys = ['name', 'www', 'ssl', 'probe'] as const;

export const previewsKeys = ['host', 'domain'] as const;

export const removalChoices = ['sync', 'keep'] as const;

export const wwwChoices = ['always', 'never', 'main-only'] as const;
