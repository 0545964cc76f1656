import { test } from 'node:test';
import assert from 'node:assert/strict';
import { userAgent } from '../../src/http/user-agent.js';
import { packageVersion } from '../../src/version.js';

test('the User-Agent carries the package version', () => {
  assert.equal(userAgent, `domain-sync/${packageVersion}`);
});
