// Real-browser accessibility and layout checks of a built igf-archive site.
//
//   node tests/browser/a11y.mjs <site-dir>
//
// Opens one page of every page kind from file:// in Chromium (Debian's, via
// playwright-core; CHROMIUM overrides the path) and, on each:
//   - runs axe-core (WCAG 2.0/2.1 A and AA rules) at 1280 px, in light and in
//     dark mode, and at 375 px in dark mode;
//   - checks at 375 px that the page does not scroll sideways (a wide table
//     scrolls inside its own box, which is fine);
//   - fails on any request that would leave the site (anything but file:,
//     data: and about:; such requests are also cut off) and on any uncaught
//     script error;
//   - fails if a navigation page every language has is missing.
// axe's best-practice rules (landmarks, heading order…) are printed as advice
// without failing. Prints every problem and a final count; exits 1 if there
// is any, 0 if none, 2 if the check itself could not run.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const LANGUAGES = ['en', 'ar', 'zh'];
const DOCUMENT_KINDS = [
  ['session', 'sessions'],
  ['messages', 'messages'],
  ['output', 'outputs'],
];
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// axe's best-practice rules (landmarks, heading order, …) are not WCAG
// failures: they are reported as advice and do not fail the run.
const ADVICE_TAGS = ['best-practice'];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };
const CONCURRENCY = 4;

function usage(message) {
  console.error(`${message}\nusage: node tests/browser/a11y.mjs <site-dir>`);
  process.exit(2);
}

const siteArg = process.argv[2];
if (!siteArg) usage('no site folder given');
const site = path.resolve(siteArg);
if (!fs.existsSync(path.join(site, 'index.html'))) usage(`${site} has no index.html: not a built site`);

// ---------------------------------------------------------------- pages ---

const isDir = (p) => fs.existsSync(p) && fs.statSync(p).isDirectory();
const isFile = (p) => fs.existsSync(p) && fs.statSync(p).isFile();
const subdirs = (p) => (isDir(p) ? fs.readdirSync(p).filter((n) => isDir(path.join(p, n))).sort() : []);
const years = (lang) => subdirs(path.join(site, lang)).filter((n) => /^\d{4}$/.test(n));

/** The largest `<lang>/<year>/<folder>/<slug>/index.html` of a language
 *  (the richest page of its kind), else of any language. */
function documentPage(lang, folder) {
  const candidates = (l) =>
    years(l).flatMap((year) =>
      subdirs(path.join(site, l, year, folder))
        .map((slug) => `${l}/${year}/${folder}/${slug}/index.html`)
        .filter((rel) => isFile(path.join(site, rel))),
    );
  const pick = (list) =>
    list
      .map((rel) => [rel, fs.statSync(path.join(site, rel)).size])
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([rel]) => rel)[0];
  const others = subdirs(site).filter((l) => l !== lang && l !== 'static');
  return pick(candidates(lang)) ?? pick(others.flatMap(candidates));
}

/** [label, relative path] of every page to check. Every language has every
 *  navigation page, so `missing` lists those the site lacks (a failure);
 *  `absent` lists document kinds it has no page of (a note: an archive may
 *  have no outputs yet). */
function choosePages() {
  const pages = [];
  const missing = [];
  const absent = [];
  const add = (label, rel) => {
    if (rel && isFile(path.join(site, rel))) pages.push([label, rel]);
    else missing.push(label);
  };
  add('language chooser', 'index.html');
  // A server shows 404.html in place of any missing page, at any depth:
  // it is checked so (notFoundServer below), never from disk.
  if (isFile(path.join(site, '404.html'))) pages.push(['not found, served at depth', NOT_FOUND]);
  else missing.push('not found');
  for (const lang of LANGUAGES) {
    if (!isDir(path.join(site, lang))) {
      missing.push(`${lang}: every page (no ${lang}/ folder)`);
      continue;
    }
    add(`${lang} home`, `${lang}/index.html`);
    add(`${lang} search`, `${lang}/search/index.html`);
    // The search page with results, filters and highlights drawn by script.
    if (isFile(path.join(site, `${lang}/search/index.html`))) {
      pages.push([`${lang} search results`, `${lang}/search/index.html?q=${lang === 'zh' ? '数据' : lang === 'ar' ? 'البيانات' : 'data'}`]);
    }
    add(`${lang} tracks`, `${lang}/tracks/index.html`);
    // Any other page the theme grows at the top of a language (say, data
    // downloads) is checked too.
    for (const name of subdirs(path.join(site, lang))) {
      const rel = `${lang}/${name}/index.html`;
      if (!/^\d{4}$/.test(name) && !['search', 'tracks'].includes(name) && isFile(path.join(site, rel))) {
        pages.push([`${lang} ${name}`, rel]);
      }
    }
    const track = subdirs(path.join(site, lang, 'tracks'))[0];
    add(`${lang} track across years`, track && `${lang}/tracks/${track}/index.html`);
    // The latest year with sessions, else the latest year.
    const ys = years(lang);
    const year =
      [...ys].reverse().find((y) => subdirs(path.join(site, lang, y, 'sessions')).length > 0) ?? ys.at(-1);
    add(`${lang} year`, year && `${lang}/${year}/index.html`);
    for (const list of ['sessions', 'messages', 'outputs', 'takeaways', 'figures']) {
      add(`${lang} year ${list}`, year && `${lang}/${year}/${list}/index.html`);
    }
    const yearTrack = year && subdirs(path.join(site, lang, year, 'tracks'))[0];
    add(`${lang} year track`, yearTrack && `${lang}/${year}/tracks/${yearTrack}/index.html`);
    for (const [kind, folder] of DOCUMENT_KINDS) {
      const rel = documentPage(lang, folder);
      if (rel) pages.push([`${lang} ${kind} page`, rel]);
      else absent.push(`${lang} ${kind} page`);
    }
  }
  return { pages, missing, absent };
}

// --------------------------------------------------------------- checks ---

// The not-found page as a web server shows it: the site served under the
// path of its base_url (read from 404.html's stylesheet link), and 404.html
// with status 404 for a missing page three folders deep.
const NOT_FOUND = 'served:404';
let servedOrigin = '';
let notFoundUrl = '';

async function notFoundServer() {
  const page = fs.readFileSync(path.join(site, '404.html'), 'utf8');
  const base = (page.match(/<link rel="stylesheet" href="([^"]*)static\/style\.css">/) || [])[1] || '/';
  const server = http.createServer((req, res) => {
    const wanted = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = wanted.startsWith(base) ? path.join(site, wanted.slice(base.length)) : '';
    const inside = file.startsWith(site + path.sep) && isFile(file);
    const types = { '.css': 'text/css', '.ico': 'image/x-icon', '.js': 'text/javascript' };
    res.writeHead(inside ? 200 : 404, {
      'content-type': (inside && types[path.extname(file)]) || 'text/html; charset=utf-8',
    });
    res.end(fs.readFileSync(inside ? file : path.join(site, '404.html')));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  servedOrigin = `http://127.0.0.1:${server.address().port}`;
  notFoundUrl = `${servedOrigin}${base}no/such/page/`;
  return server;
}

const isLocal = (url) => /^(file|data|about):/i.test(url) || (servedOrigin !== '' && url.startsWith(`${servedOrigin}/`));

/** Elements sticking out sideways at the current width, outside any box that
 *  scrolls or clips on its own (runs in the page). */
function sidewaysCulprits() {
  const width = window.innerWidth;
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
    }
    return false;
  };
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    if (el.classList.length) s += `.${[...el.classList].join('.')}`;
    return s;
  };
  const trail = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) parts.unshift(name(e));
    return parts.slice(-4).join(' > ');
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right <= width + 0.5 && r.left >= -0.5) continue;
    if (clipped(el)) continue;
    // Keep the innermost offenders: skip an element whose child also sticks out.
    const child = [...el.children].some((c) => {
      const cr = c.getBoundingClientRect();
      return cr.width > 0 && (cr.right > width + 0.5 || cr.left < -0.5);
    });
    if (!child) out.push(`${trail(el)} (${Math.round(r.left)}…${Math.round(r.right)} px)`);
    if (out.length >= 5) break;
  }
  return out;
}

async function checkPage(page, label, rel) {
  const problems = [];
  const requests = [];
  const errors = [];
  const onRequest = (req) => requests.push(req.url());
  const onError = (err) => errors.push(String(err.message || err).split('\n')[0]);
  page.on('request', onRequest);
  page.on('pageerror', onError);
  const where = `${rel} (${label})`;
  try {
    const [file, query] = rel.split('?');
    const url =
      rel === NOT_FOUND ? notFoundUrl : pathToFileURL(path.join(site, file)).href + (query ? `?${query}` : '');
    await page.setViewportSize(DESKTOP);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(url, { waitUntil: 'load' });
    if (query) {
      await page.waitForFunction(() => window.IGFSearch && window.IGFSearch.ready);
      await page.evaluate(() => window.IGFSearch.ready);
    }
    await page.addScriptTag({ content: AXE_SOURCE });

    // Light and dark at the desktop width, then dark on a phone, where
    // the layout (and so what axe sees: charts, tables, menus) changes.
    for (const [mode, viewport] of [['light', DESKTOP], ['dark', DESKTOP], ['dark', PHONE]]) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: mode });
      const { violations } = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        [...WCAG_TAGS, ...ADVICE_TAGS],
      );
      for (const v of violations) {
        const advisory = !v.tags.some((tag) => WCAG_TAGS.includes(tag));
        for (const node of v.nodes) {
          problems.push({
            advisory,
            where,
            mode: viewport === PHONE ? `${mode} ${PHONE.width}px` : mode,
            rule: v.id,
            impact: node.impact || v.impact || 'unknown',
            target: node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(', '),
            summary: `${v.help}. ${(node.failureSummary || '').replace(/\s*\n\s*/g, ' ')}`.trim(),
          });
        }
      }
    }

    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(PHONE);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    if (scrollWidth > innerWidth) {
      const culprits = await page.evaluate(sidewaysCulprits);
      problems.push({
        where,
        mode: `${PHONE.width}px`,
        rule: 'sideways-scroll',
        impact: 'serious',
        target: culprits.join('; ') || '(none found)',
        summary: `the page is ${scrollWidth} px wide in a ${innerWidth} px window and scrolls sideways`,
      });
    }
  } catch (err) {
    problems.push({ where, mode: '-', rule: 'page-failed', impact: 'critical', target: '-', summary: String(err.message || err).split('\n')[0] });
  } finally {
    page.off('request', onRequest);
    page.off('pageerror', onError);
  }
  for (const url of new Set(requests.filter((u) => !isLocal(u)))) {
    problems.push({ where, mode: '-', rule: 'external-request', impact: 'critical', target: url, summary: 'a request left the site' });
  }
  for (const message of errors) {
    problems.push({ where, mode: '-', rule: 'script-error', impact: 'serious', target: '-', summary: message });
  }
  return problems;
}

// ----------------------------------------------------------------- main ---

const { pages, missing, absent } = choosePages();
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
let browser;
try {
  browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
} catch (err) {
  console.error(`could not start Chromium at ${executablePath}: ${String(err.message || err).split('\n')[0]}`);
  process.exit(2);
}

const results = new Array(pages.length);
const server = pages.some(([, rel]) => rel === NOT_FOUND) ? await notFoundServer() : null;
try {
  const context = await browser.newContext({ viewport: DESKTOP, reducedMotion: 'reduce' });
  // Nothing may leave the site: such requests are recorded (above) and cut off.
  await context.route((url) => !isLocal(url.href), (route) => route.abort('blockedbyclient'));
  let next = 0;
  const worker = async () => {
    const page = await context.newPage();
    while (next < pages.length) {
      const i = next++;
      results[i] = await checkPage(page, ...pages[i]);
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, pages.length) }, worker));
} finally {
  await browser.close();
  server?.close();
}

console.log(`Checked ${pages.length} pages of ${site} (axe-core WCAG 2.1 AA in light and dark mode at ${DESKTOP.width} px and in dark mode at ${PHONE.width} px, sideways scrolling at ${PHONE.width} px, requests leaving the site).`);
for (const label of absent) console.log(`note: the site has no ${label} to check`);
const found = results.flat();
const advice = found.filter((p) => p.advisory);
const problems = found.filter((p) => !p.advisory);
const failedPages = new Set(problems.map((p) => p.where)).size;
for (const label of missing) {
  problems.push({ where: label, mode: '-', rule: 'missing-page', impact: 'serious', target: '-', summary: 'the site has no such page' });
}
const print = (p, tag) => console.log(`\n${tag}${p.where} [${p.mode}] ${p.rule} (${p.impact})\n  at: ${p.target}\n  ${p.summary}`);
for (const p of advice) print(p, 'advice (best practice, not failing): ');
for (const p of problems) print(p, '');
console.log(
  `\n${problems.length} violation(s) on ${failedPages} of ${pages.length} page(s)` +
    (missing.length ? `, ${missing.length} page kind(s) missing` : '') +
    `; ${advice.length} best-practice advice(s).`,
);
process.exit(problems.length > 0 ? 1 : 0);
