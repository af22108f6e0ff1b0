// Search budgets in a real browser, from disk: how many bytes a query loads
// and how soon its results show, on a built site.
//
//   node benches/search.mjs <site-dir> [lang] [query…]
//
// Opens <lang>/search/index.html?q=<query> from file:// in Debian's
// Chromium (via tests/browser/node_modules/playwright-core), three times
// per query in fresh pages, and prints per query: the bytes of the search
// index it loaded (search/…), all bytes loaded, and the time from the
// page's load event to the results being drawn (median of the runs).

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL, fileURLToPath } from 'node:url';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const [siteArg, lang = 'en', ...queryArgs] = process.argv.slice(2);
const site = path.resolve(siteArg || '');
const queries = queryArgs.length ? queryArgs : ['internet', 'privacy', 'governance', 'internet governance', 'digital cooperation', 'routing protection'];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('| query | words | index KB loaded | all KB loaded | results after load (ms, median of 3) | hits |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const query of queries) {
  const times = [];
  let indexBytes = 0, allBytes = 0, hits = '';
  for (let run = 0; run < 3; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const files = new Set();
    page.on('request', (r) => { if (r.url().startsWith('file:')) files.add(fileURLToPath(r.url().split('?')[0])); });
    await page.addInitScript(() => window.addEventListener('load', () => { window.__loadedAt = performance.now(); }));
    await page.goto(pathToFileURL(path.join(site, lang, 'search', 'index.html')).href + '?q=' + encodeURIComponent(query));
    await page.waitForFunction(() => window.IGFSearch && window.IGFSearch.ready);
    const doneAt = await page.evaluate(() => window.IGFSearch.ready.then(() => performance.now()));
    const loadedAt = await page.evaluate(() => new Promise((resolve) => {
      if (window.__loadedAt !== undefined) resolve(window.__loadedAt);
      else window.addEventListener('load', () => resolve(window.__loadedAt));
    }));
    times.push(Math.max(0, doneAt - loadedAt));
    hits = (await page.textContent('#search-status')).trim();
    const sizes = [...files].map((f) => [f, fs.existsSync(f) ? fs.statSync(f).size : 0]);
    indexBytes = sizes.filter(([f]) => f.includes(`${path.sep}search${path.sep}`)).reduce((a, [, s]) => a + s, 0);
    allBytes = sizes.reduce((a, [, s]) => a + s, 0);
    await context.close();
  }
  console.log(`| ${query} | ${query.split(/\s+/).length} | ${(indexBytes / 1024).toFixed(0)} | ${(allBytes / 1024).toFixed(0)} | ${median(times).toFixed(0)} | ${hits} |`);
}
await browser.close();
