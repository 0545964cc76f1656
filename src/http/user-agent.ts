import { packageVersion } from '../version.js';

export const userAgent = `domain-sync/${packageVersion}`;
