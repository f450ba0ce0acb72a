#!/usr/bin/env node
// Writes dist/extension-readme.md, the readme `npm run package` puts in the .vsix (the Extensions
// view's page), from EXTENSION.md with each local picture inlined as a data: URI. VS Code shows that
// page in a webview whose policy loads images from https: and data: only, so a relative path (and
// vsce's rewrite of it to the repository's URL) shows a broken image offline; inlined, it renders
// from the .vsix alone. EXTENSION.md itself keeps plain relative paths, readable and previewable.
//
//   node scripts/extension-readme.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SOURCE = join(ROOT, 'EXTENSION.md');
export const TARGET = join(ROOT, 'dist', 'extension-readme.md');
const TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

/** The page's Markdown with every relative image as a data: URI (a missing or unknown file throws). */
export function inlineImages(markdown, base = ROOT) {
  return markdown.replace(/!\[([^\]]*)\]\(((?![a-z][a-z0-9+.-]*:)[^)\s]+)\)/gi, (_, alt, file) => {
    const type = TYPES[extname(file).toLowerCase()];
    if (!type) throw new Error(`EXTENSION.md: ${file} is not a PNG, JPEG or GIF`);
    return `![${alt}](data:${type};base64,${readFileSync(join(base, file)).toString('base64')})`;
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const page = inlineImages(readFileSync(SOURCE, 'utf8'));
  mkdirSync(dirname(TARGET), { recursive: true });
  writeFileSync(TARGET, page);
  console.log(`extension-readme: ${TARGET} (${(page.length / 1024).toFixed(0)} KiB)`);
}
