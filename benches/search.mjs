// Search budgets in a real browser, from disk: how many bytes a query loads
// and how soon its results show, on a built site.
//
//   node benches/search.mjs <site-dir> [lang] [query…]
//
// Opens <lang>/search/index.html?q=<query> from file:// in Debian's
// Chromium (playwright-core from benches/node_modules), three times per
// query from a freshly loaded page, and prints per query the bytes of the
// search index it read (`search/…`), the time to its results and its
// hits. Bytes and time are taken as the search evaluation takes them
// (search-eval/engines.mjs): the time runs from the page's
// DOMContentLoaded to the last change to the results (median of three).

import path from 'node:path';
import { createRequire } from 'node:module';
import { ours } from './search-eval/engines.mjs';

const require = createRequire(new URL('./package.json', import.meta.url));
const { chromium } = require('playwright-core');

const [siteArg, lang = 'en', ...queryArgs] = process.argv.slice(2);
if (!siteArg) {
  console.error('usage: node benches/search.mjs <site-dir> [lang] [query…]');
  process.exit(2);
}
const site = path.resolve(siteArg);
const queries = queryArgs.length ? queryArgs : ['internet', 'privacy', 'governance', 'internet governance', 'digital cooperation', 'routing protection'];
const RUNS = 3;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium' });
const engine = await ours(browser, site);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`| query | words | index KB loaded | ms to results (median of ${RUNS}) | hits |`);
console.log('|---|---:|---:|---:|---:|');
// Chromium's first page reads its own files too: a query not counted.
await engine.search(lang, queries[0], true);
for (const query of queries) {
  const runs = [];
  for (let run = 0; run < RUNS; run++) runs.push(await engine.search(lang, query, true));
  const words = query.split(/\s+/).length;
  const kb = (median(runs.map((r) => r.bytes)) / 1024).toFixed(0);
  const ms = median(runs.map((r) => r.ms)).toFixed(0);
  console.log(`| ${query} | ${words} | ${kb} | ${ms} | ${runs[0].hits.toLocaleString('en')} |`);
}
await engine.close();
await browser.close();
