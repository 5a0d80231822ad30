// Reads MDX pages as Docusaurus and Mintlify do (front matter split off first and read with
// js-yaml, GitHub tables on) and prints, per page, its front matter and the HTML it renders to,
// or the error, as one JSON object:
// { "<file>": { "frontMatter": {…}, "html": "…" } | { "error": "…" } }. Every page is first compiled as written,
// imports included; it is then run with the imported theme components replaced by stand-ins that
// keep what the reader sees: one labelled panel per tab, each holding its code block.
//
// usage: node render-mdx.js FILE…   (or a directory, read recursively for *.md)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compile, evaluate } from '@mdx-js/mdx';
import remarkGfm from 'remark-gfm';
import yaml from 'js-yaml';
import * as runtime from 'react/jsx-runtime';
import { Children, createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

const frontMatter = /^---\n[\s\S]*?\n---\n/;

// One tab per child, labelled with the child's `label` (Docusaurus' <TabItem>) or `title` (the
// rest of a code block's info string, which Mintlify shows as the tab of a <RequestExample>).
const tabList = (children, name) =>
  h('ul', { role: 'tablist' },
    Children.toArray(children)
      .filter((child) => child.props && child.props[name] !== undefined)
      .map((child, i) => h('li', { role: 'tab', key: i }, child.props[name])));
const components = {
  Tabs: ({ children }) => h('div', { 'data-tabs': '' }, tabList(children, 'label'), children),
  TabItem: ({ children, label, value }) =>
    h('div', { role: 'tabpanel', 'data-label': label, 'data-value': value }, children),
  RequestExample: ({ children }) =>
    h('div', { 'data-request-example': '' }, tabList(children, 'title'), children),
  ResponseExample: ({ children }) => h('div', { 'data-response-example': '' }, children),
};

// a code block's info string after the language, as the `title` of its <pre>
const rehypeCodeTitles = () => (tree) => {
  const visit = (node) => {
    if (node.tagName === 'pre') {
      const code = (node.children || []).find((child) => child.tagName === 'code');
      const meta = code && code.data && code.data.meta;
      if (meta) node.properties = { ...node.properties, title: meta };
    }
    (node.children || []).forEach(visit);
  };
  visit(tree);
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
  const text = readFileSync(file, 'utf8');
  const source = text.replace(frontMatter, '');
  try {
    const front = yaml.load(text.match(frontMatter)[0].slice(4, -4), { schema: yaml.CORE_SCHEMA });
    await compile(source, { remarkPlugins: [remarkGfm] });
    const withoutImports = source.replace(/^import .* from '@theme\/.*';\n/gm, '');
    const { default: Page } = await evaluate(withoutImports, {
      ...runtime,
      remarkPlugins: [remarkGfm],
      rehypePlugins: [rehypeCodeTitles],
    });
    results[file] = { frontMatter: front, html: renderToStaticMarkup(h(Page, { components })) };
  } catch (error) {
    results[file] = { error: String(error) };
  }
}
process.stdout.write(JSON.stringify(results));
