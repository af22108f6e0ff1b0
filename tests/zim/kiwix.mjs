// The ZIM file as Kiwix serves it: Chromium crawls every page kiwix-serve
// serves from the file and runs the archive's own search in it.
//
//   node tests/zim/kiwix.mjs BOOK_URL QUERIES.json
//
// BOOK_URL is the book's root on kiwix-serve (http://127.0.0.1:PORT/book/);
// QUERIES.json is [[lang, query, expected path fragment], ...]. Fails on any
// request that fails or answers 400 or more, on a request to another host,
// on a script error, and on a search that does not list its document.
// Needs playwright-core from tests/browser (npm ci there).

import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const [book, queriesPath] = process.argv.slice(2);
if (!book || !queriesPath) {
  console.error('usage: node tests/zim/kiwix.mjs BOOK_URL QUERIES.json');
  process.exit(2);
}
const queries = JSON.parse(fs.readFileSync(queriesPath, 'utf8'));
const origin = new URL(book).origin;
const failures = [];
const fail = (what) => { failures.push(what); console.log(`FAIL ${what}`); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage();
let current = '';
page.on('request', (r) => {
  if (!/^(data|about|blob):/.test(r.url()) && new URL(r.url()).origin !== origin) fail(`${current} requests ${r.url()}, outside kiwix-serve`);
});
page.on('requestfailed', (r) => fail(`${current}: ${r.url()} failed (${r.failure()?.errorText})`));
page.on('response', (r) => { if (r.status() >= 400) fail(`${current}: ${r.url()} answered ${r.status()}`); });
page.on('pageerror', (e) => fail(`${current}: script error: ${e.message}`));

// Every page of the book, from the main page, following links; files that
// are not pages (feeds, data) are fetched once each.
const inBook = (url) => url.startsWith(book);
const seen = new Set();
const queue = [book];
const others = new Set();
let pages = 0;
while (queue.length) {
  const url = queue.shift();
  current = url;
  const response = await page.goto(url);
  if (!response) continue;
  const type = response.headers()['content-type'] || '';
  if (!type.startsWith('text/html')) continue;
  pages += 1;
  const links = await page.$$eval('a[href], link[href]', (as) => as.map((a) => a.href));
  for (const link of links) {
    const target = link.split('#')[0];
    if (!inBook(target) || seen.has(target)) continue;
    seen.add(target);
    if (/\.html(\?|$)|\/$/.test(new URL(target).pathname)) queue.push(target);
    else others.add(target);
  }
}
for (const url of others) {
  current = url;
  const response = await page.request.get(url);
  if (response.status() >= 400) fail(`${url} answered ${response.status()}`);
}
console.log(`crawled ${pages} pages and ${others.size} other files`);

// The archive's own search, inside the book.
for (const [lang, q, expected] of queries) {
  const url = `${book}${lang}/search/index.html?${new URLSearchParams({ q })}`;
  current = url;
  await page.goto(url);
  await page.waitForFunction(() => window.IGFSearch && window.IGFSearch.ready);
  await page.evaluate(() => window.IGFSearch.ready);
  const hits = await page.$$eval('#search-results .hit > a', (as) => as.map((a) => a.href));
  const hit = hits.find((h) => h.includes(expected));
  if (!hit) { fail(`${lang} "${q}" does not find ${expected}: ${hits.join(', ') || 'no hits'}`); continue; }
  const response = await page.goto(hit);
  if (!response || response.status() !== 200) fail(`${lang} "${q}": its hit ${hit} does not open`);
  else console.log(`ok   ${lang} "${q}" finds and opens ${hit}`);
}

await browser.close();
console.log(`${failures.length} failure(s)`);
process.exit(failures.length ? 1 : 0);
