// Search in a real browser, from disk: the fixture site opened from file://
// in Chromium, queried in each of the six languages.
//
//   node tests/browser/search.mjs <site-dir> [<ranking-dir>]
//
// Checks that the browser's text analysis gives what the Rust one gives
// (tests/search-vectors.json); that stemmed, unaccented, hamza-less and
// CJK-inside-a-sentence queries find their documents; the cross-language
// hit; phrases; filters and their counts; the URL kept in sync; keyboard
// navigation; highlighting; that the page does not shift as results come;
// that no request leaves the site; and, given <ranking-dir> (the archives
// of the vectors' ranking cases, built into <ranking-dir>/<n>/public), that
// each case's query gives its documents in its order. Exits 1 on any
// failure.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const site = path.resolve(process.argv[2] || '');
const rankingDir = process.argv[3] ? path.resolve(process.argv[3]) : null;
if (!fs.existsSync(path.join(site, 'index.html'))) {
  console.error(`usage: node tests/browser/search.mjs <site-dir>: ${site} is not a built site`);
  process.exit(2);
}
const vectors = JSON.parse(fs.readFileSync(new URL('../search-vectors.json', import.meta.url), 'utf8'));
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage();
const outside = [];
page.on('request', (r) => { if (!/^(file|data|about):/.test(r.url())) outside.push(r.url()); });
page.on('pageerror', (e) => failures.push(`script error: ${e.message}`));

const searchUrl = (lang, params, root = site) => pathToFileURL(path.join(root, lang, 'search', 'index.html')).href + '?' + new URLSearchParams(params);

async function search(lang, params, root = site) {
  await page.goto(searchUrl(lang, params, root));
  await page.waitForFunction(() => window.IGFSearch && window.IGFSearch.ready);
  await page.evaluate(() => window.IGFSearch.ready);
  return {
    status: (await page.textContent('#search-status')).trim(),
    hits: await page.$$eval('#search-results .hit > a', (as) => as.map((a) => ({ href: a.getAttribute('href'), lang: a.getAttribute('lang') || '', text: a.textContent }))),
  };
}

// The open page's layout shift without input so far, and in the next 300 ms.
const layoutShift = () => page.evaluate(() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  setTimeout(() => resolve(total), 300);
}));

const has = (result, fragment) => result.hits.some((h) => h.href.includes(fragment));

// 1. The shared vectors: the browser folds and splits as Rust does.
await page.goto(searchUrl('en', {}));
await page.waitForFunction(() => window.IGFSearch && window.IGFSearch.analyze);
for (const v of vectors.analysis) {
  const got = await page.evaluate((text) => window.IGFSearch.analyze(text), v.text);
  check(JSON.stringify(got) === JSON.stringify(v.surfaces), `vector ${v.lang} "${v.text}" → ${JSON.stringify(got)}`);
}

// 2. Queries in every language.
const queries = [
  ['en', 'implementing', 'en/2020/sessions/of-2/', 'a stemmed form (implemented → implementing)'],
  ['en', 'privacy frameworks', 'en/2020/sessions/ws-1/', 'two words, both required'],
  ['fr', 'cooperation', 'fr/2020/sessions/ws-1/', 'an unaccented form (coopération)'],
  ['fr', 'donnee', 'fr/2020/sessions/ws-1/', 'an unaccented singular of données'],
  ['es', 'paises', 'es/2020/sessions/ws-1/', 'an unaccented form (países)'],
  ['es', 'dato', 'es/2020/sessions/ws-1/', 'a stemmed form (datos → dato)'],
  ['ru', 'данные', 'ru/2020/sessions/ws-1/', 'a stemmed form (данных → данные)'],
  ['ru', 'сотрудничество', 'ru/2020/sessions/ws-1/', 'a stemmed form (сотрудничества)'],
  ['zh', '跨境', 'zh/2020/sessions/ws-1/', 'a Chinese word inside a sentence'],
  ['zh', '隐私保护', 'zh/2020/sessions/ws-1/', 'a longer Chinese word inside a sentence'],
  ['ar', 'امن', 'ar/2020/sessions/ws-1/', 'an Arabic form without hamza (أمن)'],
  ['ar', 'الحدود', 'ar/2020/sessions/ws-1/', 'an Arabic word'],
];
for (const [lang, q, expected, what] of queries) {
  const result = await search(lang, { q });
  check(has(result, expected), `${lang} "${q}" finds ${expected}: ${what} — got ${result.hits.map((h) => h.href).join(', ') || result.status}`);
}

// 3. Across languages: a French reader finds the English-only report,
// marked as English, after the French results.
{
  const result = await search('fr', { q: 'cybersecurity' });
  const hit = result.hits.find((h) => h.href.includes('en/2020/sessions/of-2/'));
  check(Boolean(hit) && hit.lang === 'en', `fr "cybersecurity" finds the English-only OF #2, marked lang=en: ${JSON.stringify(result.hits)}`);
  const french = await search('fr', { q: 'données' });
  check(french.hits.length > 0 && french.hits[0].lang === '', `fr "données": the French document comes first: ${JSON.stringify(french.hits)}`);
}

// 4. Phrases need their words in order.
{
  const inOrder = await search('en', { q: '"data protection"' });
  check(has(inOrder, 'en/2020/sessions/ws-1/'), `"data protection" finds WS #1`);
  const reversed = await search('en', { q: '"protection data"' });
  check(!has(reversed, 'en/2020/sessions/ws-1/'), `"protection data" does not: ${JSON.stringify(reversed.hits)}`);

  // A phrase too costly to check in every document is checked in the
  // order the documents rank, until enough have it: forced here.
  const lazy = await page.evaluate(async () => {
    const S = window.IGFSearch;
    const index = new S.Index(document.getElementById('search-app').getAttribute('data-root'), 'en');
    await index.open();
    const docs = (r) => r.hits.map((h) => h.doc);
    const full = await S.search(index, '"data protection"');
    const limit = S.PHRASE_FILES;
    S.PHRASE_FILES = -1;
    const first = await S.search(index, '"data protection"', 1);
    const all = await S.search(index, '"data protection"', 100);
    const reversed = await S.search(index, '"protection data"', 100);
    S.PHRASE_FILES = limit;
    return { full: docs(full), fullPartial: Boolean(full.partial), first: docs(first), all: docs(all), allPartial: all.partial, reversed: docs(reversed) };
  });
  check(lazy.full.length >= 1 && !lazy.fullPartial, `"data protection" checked in every document: ${JSON.stringify(lazy)}`);
  check(JSON.stringify(lazy.all) === JSON.stringify(lazy.full) && lazy.allPartial === false, `checked in rank order, the same hits in the same order: ${JSON.stringify(lazy)}`);
  check(lazy.first.length >= 1 && lazy.first.every((d, i) => d === lazy.full[i]), `asked for one, the first hits: ${JSON.stringify(lazy)}`);
  check(!lazy.reversed.some((d) => lazy.full.includes(d)), `checked in rank order, "protection data" finds none of them: ${JSON.stringify(lazy)}`);

  // With no files to spare for checking text, a phrase that stands in a
  // key takeaway is still found: the ranking read the key text already.
  const keyOnly = await page.evaluate(async () => {
    const S = window.IGFSearch;
    const index = new S.Index(document.getElementById('search-app').getAttribute('data-root'), 'en');
    await index.open();
    const limits = [S.PHRASE_FILES, S.PAGE_FILES];
    S.PHRASE_FILES = -1;
    S.PAGE_FILES = -1;
    const found = await S.search(index, '"data protection"');
    const reversed = await S.search(index, '"protection data"');
    [S.PHRASE_FILES, S.PAGE_FILES] = limits;
    const url = (r) => Promise.all(r.hits.map((h) => index.meta(h.doc).then((m) => m[1])));
    return { found: await url(found), partial: Boolean(found.partial), reversed: await url(reversed) };
  });
  check(keyOnly.found.some((u) => u.includes('2020/sessions/ws-1/')) && keyOnly.partial, `"data protection" from WS #1's key takeaway, with "at least": ${JSON.stringify(keyOnly)}`);
  check(!keyOnly.reversed.some((u) => u.includes('2020/sessions/ws-1/')), `"protection data" is not WS #1's takeaway: ${JSON.stringify(keyOnly)}`);
}

// 5. Filters, with counts per value, and the URL kept in sync.
{
  const all = await search('en', { q: 'data' });
  const outputs = await search('en', { q: 'data', kind: 'output' });
  check(all.hits.length > outputs.hits.length && outputs.hits.length >= 1 && outputs.hits.every((h) => h.href.includes('/outputs/')), `kind=output keeps only outputs: ${JSON.stringify(outputs.hits)}`);
  const options = await page.$$eval('#filter-kind option', (os) => os.map((o) => o.textContent));
  check(options.some((o) => /\(1\)$/.test(o)), `kind options show counts: ${options.join(' | ')}`);
  const none = await search('en', { q: 'data', year: '2021' });
  check(none.hits.length === 0, `year=2021 has no data documents`);
  const workshops = await search('en', { q: 'data', type: 'workshop', track: 'data' });
  check(workshops.hits.length >= 1 && workshops.hits.every((h) => h.href.includes('/sessions/')), `type=workshop&track=data: ${JSON.stringify(workshops.hits)}`);

  await search('en', {});
  await page.fill('#search-query', 'cybersecurity');
  await page.waitForFunction(() => window.location.search.includes('q=cybersecurity'));
  await page.waitForFunction(() => document.querySelectorAll('#search-results .hit').length > 0);
  check(page.url().includes('q=cybersecurity') && page.url().includes('kind=') === false, `typing keeps the URL in sync: ${page.url()}`);
  const live = await page.getAttribute('#search-status', 'aria-live');
  check(live === 'polite', 'the count is announced in a live region');
  await page.focus('#search-query');
  await page.keyboard.press('ArrowDown');
  const focused = await page.evaluate(() => document.activeElement.closest('.hit') !== null);
  check(focused, 'ArrowDown moves from the box to the first hit');
}

// 6. Right to left in Arabic.
{
  await search('ar', { q: 'البيانات' });
  const dir = await page.evaluate(() => getComputedStyle(document.querySelector('#search-results')).direction);
  check(dir === 'rtl', `Arabic results are laid out right to left (${dir})`);
}

// 7. Highlighting: touching marks are one (no gap inside a Chinese word).
{
  await search('zh', { q: '数据流动' });
  const marks = await page.$$eval('#search-results .hit > a mark', (ms) => ms.map((m) => m.textContent));
  const html = await page.innerHTML('#search-results');
  check(marks.includes('数据流动') && !html.includes('</mark><mark>'), `zh "数据流动" is marked as one word: ${JSON.stringify(marks)}`);
}

// 8. Results take the room kept for them: nothing moves as they arrive.
{
  await search('en', { q: 'data' });
  const shift = await layoutShift();
  check(shift < 0.01, `no layout shift as the results appear (cumulative ${shift.toFixed(3)})`);
}

// 8b. On a phone the filters start folded and the first hit is in view,
// without a shift; a filter in the address keeps them open; and wide,
// they are open.
{
  const filtersOpen = () => page.evaluate(() => document.getElementById('search-filters')?.open ?? null);
  await page.setViewportSize({ width: 375, height: 667 });
  await search('ar', { q: 'البيانات' });
  const firstHit = await page.$eval('#search-results .hit > a', (a) => a.getBoundingClientRect().bottom);
  const shift = await layoutShift();
  check(!(await filtersOpen()) && firstHit <= 667 && shift < 0.01, `at 375 px the filters are folded and the first hit is in view (its bottom at ${firstHit.toFixed(0)} px, shift ${shift.toFixed(3)})`);
  await search('ar', { q: 'البيانات', year: '2020' });
  check(await filtersOpen(), 'at 375 px a filter in the address keeps the filters open');
  await page.click('#search-filters-label');
  check(!(await filtersOpen()), 'their summary folds them');
  await page.setViewportSize({ width: 1280, height: 720 });
  await search('ar', { q: 'البيانات' });
  check(await filtersOpen(), 'at 1280 px the filters are open');
}

// 9. The ranking cases of the vectors, each its own small archive.
if (rankingDir) {
  for (const [n, c] of vectors.ranking.entries()) {
    const root = path.join(rankingDir, String(n), 'public');
    const result = await search(c.lang, { q: c.query }, root);
    const slugs = result.hits.map((h) => h.href.replace(/\/index\.html$|\/$/, '').split('/').pop());
    check(JSON.stringify(slugs) === JSON.stringify(c.order), `${c.case}: ${c.lang} ${c.query} → ${JSON.stringify(slugs)}, want ${JSON.stringify(c.order)}`);
    if (c.marked) {
      const marks = await page.$$eval('#search-results .hit > a mark', (ms) => ms.map((m) => m.textContent));
      check(marks.includes(c.marked), `${c.case}: the title marks ${c.marked}: ${JSON.stringify(marks)}`);
    }
  }
}

check(outside.length === 0, `no request left the site ${outside.join(', ')}`);
await browser.close();
console.log(`${failures.length} failure(s)`);
process.exit(failures.length ? 1 : 0);
