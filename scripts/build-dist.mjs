// Bundles the compiled entry points (lib/src/*.js, from `tsc -p .`) into dist/ with ncc.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const ncc = createRequire(import.meta.url)('@vercel/ncc');

const entries = [
  { input: 'lib/src/index.js', output: 'dist/index.js', banner: '' },
  { input: 'lib/src/cli.js', output: 'dist/cli.js', banner: '#!/usr/bin/env node\n' },
];

await mkdir('dist', { recursive: true });
const expected = new Set(['index.js', 'cli.js']);
for (const name of await readdir('dist')) {
  if (!expected.has(name)) await rm(`dist/${name}`, { recursive: true, force: true });
}

for (const entry of entries) {
  const { code, assets } = await ncc(new URL(`../${entry.input}`, import.meta.url).pathname, {
    minify: true,
    quiet: true,
    sourceMap: false,
    license: '',
  });
  const extra = Object.keys(assets ?? {}).filter((name) => name !== 'package.json');
  if (extra.length > 0) throw new Error(`${entry.input}: unexpected bundle assets ${extra.join(', ')}`);
  await writeFile(entry.output, entry.banner + code.replace(/^#!.*\n/, ''), { mode: 0o755 });
  console.log(`${entry.output}: ${(Buffer.byteLength(code) / 1024).toFixed(0)} KiB`);
}
