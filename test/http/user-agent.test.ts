import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { packageVersion, userAgent } from '../../src/http/user-agent.js';

test('the User-Agent carries the version in package.json', async () => {
  const packageJson = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(packageVersion, packageJson.version);
  assert.equal(userAgent, `domain-sync/${packageJson.version}`);
});
