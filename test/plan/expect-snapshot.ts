import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Compares against test/plan/snapshots/<name> in the source tree (tests run from lib/).
 * UPDATE_SNAPSHOTS=1 writes the file instead.
 */
export function expectSnapshot(name: string, actual: string): void {
  const path = fileURLToPath(new URL(`../../../test/plan/snapshots/${name}`, import.meta.url));
  if (process.env['UPDATE_SNAPSHOTS'] === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.ok(existsSync(path), `snapshot ${name} is missing: run the test once with UPDATE_SNAPSHOTS=1`);
  assert.equal(actual, readFileSync(path, 'utf8'), `output differs from snapshot ${name}`);
}
