// The year's compilation (key takeaways and IGF Messages) printed to PDF in
// headless Chromium, in English and Arabic:
//
//   node tests/browser/print.mjs <site-dir> [<pdf-dir>]
//
// Checks, for every year, that in print the site's
// navigation chrome is hidden, the cover names the meeting and its theme,
// each track starts a page (so the PDF has at least cover + contents + one
// page a track), and each compiled session and takeaway shows its code. With <pdf-dir>
// the PDFs are kept there to look at. Exits 1 on a problem, 2 if the check
// could not run.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const [siteArg, keep] = process.argv.slice(2);
if (!siteArg) {
  console.error('usage: node tests/browser/print.mjs <site-dir> [<pdf-dir>]');
  process.exit(2);
}
const site = path.resolve(siteArg);
const CHROME = ['.site-header', '.site-footer', '.breadcrumb', '.search-box', '.skip-link'];

const years = (lang) => fs.readdirSync(path.join(site, lang)).filter((n) => /^\d{4}$/.test(n)).sort();

const problems = [];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  await page.route((url) => !/^(file|data|about):/i.test(url.href), (route) => route.abort('blockedbyclient'));
  for (const [lang, year] of ['en', 'ar'].flatMap((l) => years(l).map((y) => [l, y]))) {
    const rel = `${lang}/${year}/takeaways/index.html`;
    await page.goto(pathToFileURL(path.join(site, rel)).href);
    await page.emulateMedia({ media: 'print' });
    const seen = await page.evaluate((chrome) => {
      const shown = (el) => el && getComputedStyle(el).display !== 'none';
      const text = (sel) => (document.querySelector(sel)?.textContent || '').trim();
      const tracks = [...document.querySelectorAll('.track-takeaways')];
      return {
        chrome: chrome.filter((sel) => [...document.querySelectorAll(sel)].some(shown)),
        meeting: text('.compilation-cover .cover-meeting'),
        theme: text('.compilation-cover .cover-theme'),
        coverBreaks: getComputedStyle(document.querySelector('.compilation-cover')).breakAfter,
        tracks: tracks.length,
        unbroken: tracks.filter((t) => getComputedStyle(t).breakBefore !== 'page').map((t) => t.id || t.getAttribute('aria-labelledby')),
        sessions: document.querySelectorAll('.track-takeaways .item').length,
        codes: document.querySelectorAll('.track-takeaways .item .item-title .code').length,
        takeaways: document.querySelectorAll('.track-takeaways ol.takeaways > li').length,
        sourced: [...document.querySelectorAll('.track-takeaways ol.takeaways > li')].filter((li) => {
          const source = li.querySelector('.source');
          return source && getComputedStyle(source).display !== 'none' && source.textContent.trim();
        }).length,
      };
    }, CHROME);
    const pdf = await page.pdf({ format: 'A4' });
    if (keep) fs.writeFileSync(path.join(keep, `takeaways-${year}-${lang}.pdf`), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
    const fail = (what) => problems.push(`${rel}: ${what}`);
    if (seen.chrome.length) fail(`navigation chrome prints: ${seen.chrome.join(', ')}`);
    if (!seen.meeting || !seen.theme) fail('the cover lacks the meeting or its theme');
    if (seen.coverBreaks !== 'page') fail('the cover does not end its page');
    if (seen.unbroken.length) fail(`tracks that do not start a page: ${seen.unbroken.join(', ')}`);
    if (seen.codes !== seen.sessions) fail(`${seen.sessions - seen.codes} of ${seen.sessions} sessions print without their code`);
    if (seen.sourced !== seen.takeaways) fail(`${seen.takeaways - seen.sourced} of ${seen.takeaways} takeaways print without their session's code`);
    if (pages < seen.tracks + 2) fail(`${pages} PDF pages for a cover, the contents and ${seen.tracks} tracks`);
    console.log(`${rel}: ${pages} pages, ${seen.tracks} tracks, ${seen.sessions} sessions, ${seen.takeaways} takeaways`);
  }
} finally {
  await browser.close();
}
for (const p of problems) console.log(p);
console.log(`${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
