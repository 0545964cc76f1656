/** Kept equal to package.json's version; test/http/user-agent.test.ts checks it. */
export const packageVersion = '0.1.0';

export const userAgent = `domain-sync/${packageVersion}`;
