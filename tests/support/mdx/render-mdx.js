// Reads MDX pages as Docusaurus and Mintlify do (front matter split off first, GitHub tables on)
// and prints, per page, the HTML it renders to or the compiler's error, as one JSON object:
// { "<file>": { "html": "…" } | { "error": "…" } }. Every page is first compiled as written,
// imports included; it is then run with the imported theme components replaced by stand-ins that
// keep what the reader sees: one labelled panel per tab, each holding its code block.
//
// usage: node render-mdx.js FILE…   (or a directory, read recursively for *.md)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compile, evaluate } from '@mdx-js/mdx';
import remarkGfm from 'remark-gfm';
import * as runtime from 'react/jsx-runtime';
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

const frontMatter = /^---\n[\s\S]*?\n---\n/;

const Panel = (role) => ({ children, label, value }) =>
  h('div', { role, 'data-label': label, 'data-value': value }, children);
const components = {
  Tabs: ({ children }) => h('div', { role: 'tablist' }, children),
  TabItem: Panel('tabpanel'),
  RequestExample: ({ children }) => h('div', { 'data-request-example': '' }, children),
  ResponseExample: ({ children }) => h('div', { 'data-response-example': '' }, children),
  // Mintlify titles each code block of a group with the rest of its info string
  pre: ({ children, ...props }) => h('pre', props, children),
};

function pages(paths) {
  const files = [];
  for (const path of paths) {
    if (statSync(path).isDirectory()) {
      files.push(...pages(readdirSync(path).map((name) => join(path, name))));
    } else if (path.endsWith('.md') || path.endsWith('.mdx')) {
      files.push(path);
    }
  }
  return files;
}

const results = {};
for (const file of pages(process.argv.slice(2))) {
  const source = readFileSync(file, 'utf8').replace(frontMatter, '');
  try {
    await compile(source, { remarkPlugins: [remarkGfm] });
    const withoutImports = source.replace(/^import .* from '@theme\/.*';\n/gm, '');
    const { default: Page } = await evaluate(withoutImports, {
      ...runtime,
      remarkPlugins: [remarkGfm],
    });
    results[file] = { html: renderToStaticMarkup(h(Page, { components })) };
  } catch (error) {
    results[file] = { error: String(error) };
  }
}
process.stdout.write(JSON.stringify(results));
