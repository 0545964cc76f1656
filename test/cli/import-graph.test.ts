import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const compiledSrc = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const importPattern = /(?:^|[;\s])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[;\s])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every package the module graph from `entry` reaches, following relative imports. */
async function packagesReachedFrom(entry: string): Promise<Set<string>> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = await readFile(file, 'utf8');
    for (const match of source.matchAll(importPattern)) {
      const specifier = match[1] ?? match[2] ?? match[3]!;
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  }
  return packages;
}

describe('start-up cost', () => {
  test('the CLI never loads the GitHub toolkit', async () => {
    const packages = await packagesReachedFrom(resolve(compiledSrc, 'cli.js'));
    const toolkit = [...packages].filter((name) => name.startsWith('@actions/'));
    assert.deepEqual(toolkit, []);
  });

  test('the check can fail: the Action entry does reach @actions/core', async () => {
    const packages = await packagesReachedFrom(resolve(compiledSrc, 'index.js'));
    assert.ok(packages.has('@actions/core'));
  });

  const dist = resolve(compiledSrc, '../../dist');
  const toolkitMarkers = ['GITHUB_STEP_SUMMARY', 'ghadelimiter_', 'add-mask'];
  test('the built bundles: the Action carries @actions/core, the CLI none of it', { skip: !existsSync(resolve(dist, 'cli.js')) }, async () => {
    const action = await readFile(resolve(dist, 'index.js'), 'utf8');
    const cli = await readFile(resolve(dist, 'cli.js'), 'utf8');
    for (const marker of toolkitMarkers) {
      assert.ok(action.includes(marker), `dist/index.js contains ${marker}`);
      assert.equal(cli.includes(marker), false, `dist/cli.js contains ${marker}`);
    }
  });
});
