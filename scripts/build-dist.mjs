// Bundles the compiled entry points (lib/src/*.js, from `tsc -p .`) into dist/ with ncc.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const ncc = createRequire(import.meta.url)('@vercel/ncc');

const entries = [
  { input: 'lib/src/index.js', output: 'index.js', banner: '' },
  { input: 'lib/src/cli.js', output: 'cli.js', banner: '#!/usr/bin/env node\n' },
];

const files = new Map();
for (const entry of entries) {
  const { code, assets } = await ncc(new URL(`../${entry.input}`, import.meta.url).pathname, {
    minify: true,
    quiet: true,
    sourceMap: false,
    license: '',
  });
  // Lazily loaded chunks (node-fetch's multipart parser) sit beside the entry. ncc names them
  // `<id>.index.js` for every entry, so each entry's chunks get the entry's own suffix.
  const suffix = entry.output.replace(/\.js$/, '');
  const chunks = Object.keys(assets ?? {}).filter((name) => name !== 'package.json');
  let bundled = code.replace(/^#!.*\n/, '');
  if (chunks.length > 0) {
    const loader = '""+t+".index.js"';
    if (!bundled.includes(loader)) throw new Error(`${entry.input}: cannot find ncc's chunk loader to rename chunks`);
    bundled = bundled.replace(loader, `""+t+".${suffix}.js"`);
  }
  files.set(entry.output, entry.banner + bundled);
  for (const name of chunks) files.set(name.replace(/\.index\.js$/, `.${suffix}.js`), String(assets[name].source));
}

await mkdir('dist', { recursive: true });
for (const name of await readdir('dist')) {
  if (!files.has(name)) await rm(`dist/${name}`, { recursive: true, force: true });
}
for (const [name, text] of files) {
  await writeFile(`dist/${name}`, text, { mode: name === 'cli.js' ? 0o755 : 0o644 });
  console.log(`dist/${name}: ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`);
}
