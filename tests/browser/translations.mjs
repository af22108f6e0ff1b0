// What readers and coordinators see of translations, in a real browser:
//
//   node tests/browser/translations.mjs <site-dir>
//
// Built from tests/fixtures/translations. Opens from file:// in Chromium
// (Debian's, via playwright-core; CHROMIUM overrides the path):
//   - the Arabic page of an outdated translation: the notice is shown, right
//     to left, in Arabic, names what changed, and its link opens the
//     original's page (in English);
//   - its "Cite this" links download the Arabic reference as BibTeX and
//     CSL-JSON, saved under the reference's key, title intact;
//   - the French page of a current translation: no notice;
//   - the Arabic session list and Arabic search results: the outdated mark
//     is shown, on that translation only;
//   - the Arabic and English status pages: the counts of the fixture;
// and runs axe-core (WCAG 2.1 A/AA) on each, in light and dark mode.
// Prints every problem; exits 1 if there is any, 2 if it could not run.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const site = path.resolve(process.argv[2] || '');
if (!fs.existsSync(path.join(site, 'index.html'))) {
  console.error(`usage: node tests/browser/translations.mjs <site-dir> (${site} is no built site)`);
  process.exit(2);
}
const url = (rel) => pathToFileURL(path.join(site, rel)).href;
const problems = [];
const expect = (ok, where, what) => {
  if (!ok) problems.push(`${where}: ${what}`);
};

async function axe(page, where) {
  await page.addScriptTag({ content: AXE_SOURCE });
  for (const mode of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: mode });
    const { violations } = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      WCAG_TAGS,
    );
    for (const v of violations) {
      for (const node of v.nodes) problems.push(`${where} [${mode}] ${v.id}: ${v.help} at ${node.target.join(', ')}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

let browser;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
} catch (err) {
  console.error(`could not start Chromium: ${String(err.message || err).split('\n')[0]}`);
  process.exit(2);
}
try {
  const page = await browser.newPage();
  await page.route((u) => !/^(file|data|about):/i.test(u.href), (route) => route.abort('blockedbyclient'));

  let where = 'ar/2020/sessions/ws-1';
  await page.goto(url(`${where}/index.html`));
  const notice = page.locator('.outdated-notice');
  expect((await notice.count()) === 1, where, 'no notice on an outdated translation');
  if ((await notice.count()) === 1) {
    expect(await notice.isVisible(), where, 'the notice is hidden');
    const direction = await notice.evaluate((el) => getComputedStyle(el).direction);
    expect(direction === 'rtl', where, `the notice runs ${direction}, not right to left`);
    const text = await notice.innerText();
    expect(text.includes('قد لا تكون هذه الترجمة محدَّثة'), where, `the notice is not in Arabic: ${text}`);
    expect(text.includes('الاستنتاجات الرئيسية'), where, `the notice does not name the changed part: ${text}`);
    const box = await notice.boundingBox();
    const main = await page.locator('main').boundingBox();
    expect(box && main && box.x + box.width <= main.x + main.width + 1, where, 'the notice sticks out of the page');
  }
  await axe(page, where);
  const title = await page.locator('.citation cite').innerText();
  for (const [name, ext] of [['BibTeX', 'bib'], ['CSL-JSON', 'json']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.cite-files a', { hasText: name }).click()]);
    const saved = download.suggestedFilename();
    const text = fs.readFileSync(await download.path(), 'utf8');
    expect(saved === `igf2020-ws-1-ar.${ext}`, where, `${name} is saved as ${saved}`);
    expect(text.includes(title.trim()), where, `the ${name} download lacks the title ${title}: ${text}`);
  }
  if ((await notice.count()) === 1) {
    await notice.locator('a').click();
    await page.waitForLoadState('load');
    const lang = await page.evaluate(() => document.documentElement.lang);
    expect(page.url().endsWith('/en/2020/sessions/ws-1/index.html') && lang === 'en', where, `the notice's link led to ${page.url()} (${lang})`);
  }

  where = 'fr/2020/sessions/ws-1';
  await page.goto(url(`${where}/index.html`));
  expect((await page.locator('.outdated-notice').count()) === 0, where, 'a notice on a current translation');

  where = 'ar/2020/sessions';
  await page.goto(url(`${where}/index.html`));
  const badge = page.locator('.outdated-badge');
  expect((await badge.count()) === 1 && (await badge.first().isVisible()), where, 'the list does not mark the outdated translation');
  await axe(page, where);

  where = 'ar/search';
  await page.goto(`${url(`${where}/index.html`)}?q=${encodeURIComponent('الإنترنت')}`);
  await page.waitForFunction(() => window.IGFSearch && window.IGFSearch.ready);
  await page.evaluate(() => window.IGFSearch.ready);
  const hits = page.locator('.search-hits .hit');
  const marked = page.locator('.search-hits .hit:has(.outdated-badge) a');
  const markedLinks = await marked.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect((await hits.count()) > 1, where, `${await hits.count()} hits for الإنترنت, expected more than the outdated one`);
  expect(markedLinks.length === 1 && markedLinks[0].endsWith('2020/sessions/ws-1/index.html'), where, `outdated marks on ${markedLinks}`);
  await axe(page, where);

  for (const [lang, counts] of [['ar', ['1', '1', '0', '1']], ['en', null]]) {
    where = `${lang}/data/translations`;
    await page.goto(url(`${where}/index.html`));
    const rows = await page.locator('table.translation-status tbody tr').count();
    expect(rows === 5, where, `${rows} languages in the table, not 5`);
    if (counts) {
      const cells = await page.locator('table.translation-status tbody tr:has(a[lang="ar"]) td').allInnerTexts();
      expect(JSON.stringify(cells) === JSON.stringify(counts), where, `Arabic counts ${cells}, not ${counts}`);
      const dir = await page.evaluate(() => document.documentElement.dir);
      expect(dir === 'rtl', where, 'the Arabic status page is not right to left');
    }
    await axe(page, where);
  }
} finally {
  await browser.close();
}
for (const p of problems) console.log(p);
console.log(`${problems.length} problem(s) with translation notices and status pages of ${site}.`);
process.exit(problems.length ? 1 : 0);
