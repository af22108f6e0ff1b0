// The two search engines under test, each driven in the same Chromium:
// igf-archive's own search page opened from file://, and Pagefind's JS
// API served over HTTP from 127.0.0.1 (it fetches its index with fetch(),
// which file:// does not allow). Each returns, for a query, the top ten
// result pages (folders relative to the site's root) and the number of
// hits. A cold search starts from a freshly loaded page, as a reader's
// first query does, and also measures the bytes of search files loaded
// and the time to results; a warm one asks the page already open (what
// it loaded stays loaded), which is much faster, for ranking only.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const TOP = 10;

/// A result's address as a folder relative to the site: `en/2020/sessions/ws-1/`.
function pageFolder(relative) {
  return decodeURIComponent(relative.replace(/^\/+/, '').replace(/[?#].*$/, '')).replace(/index\.html$/, '');
}

/// Sizes of the files a page asks for, keyed by path, collected between
/// `start()` and `stop()`. Sizes on disk are what a reader's browser reads
/// from a mirror on a USB stick, or downloads uncompressed.
function fileMeter(page, fileOf) {
  let files = null;
  page.on('request', (r) => {
    if (!files) return;
    const file = fileOf(r.url());
    if (file) files.add(file);
  });
  return {
    start() { files = new Set(); },
    stop() {
      let bytes = 0;
      for (const f of files) bytes += fs.existsSync(f) ? fs.statSync(f).size : 0;
      files = null;
      return bytes;
    },
  };
}

/// In a page of our search: notes in `window.__resultsAt` when the
/// results (`#search-results`, `#search-status`) last changed. Runs in
/// the page (observer.mjs writes it into one).
export function watchResults() {
  new MutationObserver((changes) => {
    if (changes.some((c) => {
      const el = c.target.nodeType === 1 ? c.target : c.target.parentElement;
      return el && el.closest && el.closest('#search-results, #search-status');
    })) window.__resultsAt = performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

/// In a page of Pagefind's: one query, as a reader's (`search`, then the
/// top ten's data), timed from the import of pagefind.js (loaded once a
/// page). Runs in the page (observer.mjs writes it into one).
export async function askPagefind([query, top]) {
  const started = performance.now();
  window.__pagefind ||= await import('/pagefind/pagefind.js');
  const search = await window.__pagefind.search(query);
  const data = await Promise.all(search.results.slice(0, top).map((r) => r.data()));
  return { urls: data.map((d) => d.url), hits: search.results.length, ms: performance.now() - started };
}

/// igf-archive's search page: `/<lang>/search/index.html?q=…` from disk.
/// Time: from the page's DOMContentLoaded (its HTML read and parsed from
/// disk, when search.js starts) to the last change to the results
/// (`#search-results`, `#search-status`) once `IGFSearch.ready` settles.
/// (The load event comes after the results: it waits for the index's
/// scripts too.)
export async function ours(browser, site) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(watchResults);
  const searchDir = path.join(site, 'search') + path.sep;
  const meter = fileMeter(page, (url) => {
    if (!url.startsWith('file:')) return null;
    const file = fileURLToPath(url.split('?')[0]);
    return file.startsWith(searchDir) ? file : null;
  });
  let openLang = null;
  // Runs a query in the open page as a reader does, in the search box,
  // and waits for the results: a change to them after the submit, then a
  // frame without another.
  const again = (query) => page.evaluate((q) => new Promise((resolve) => {
    const input = document.querySelector('#search-query');
    window.__resultsAt = undefined;
    input.value = q;
    input.form.requestSubmit();
    let seen;
    const settle = () => requestAnimationFrame(() => {
      if (window.__resultsAt !== undefined && window.__resultsAt === seen) resolve();
      else { seen = window.__resultsAt; settle(); }
    });
    settle();
  }), query);
  return {
    name: 'igf-archive',
    async search(lang, query, cold) {
      if (!cold && openLang === lang) {
        await again(query);
        return { ...(await read()), bytes: undefined, ms: undefined };
      }
      const url = pathToFileURL(path.join(site, lang, 'search', 'index.html')).href + '?q=' + encodeURIComponent(query);
      meter.start();
      await page.goto(url);
      await page.waitForFunction(() => window.IGFSearch && window.IGFSearch.ready);
      await page.evaluate(() => window.IGFSearch.ready);
      await page.waitForFunction(() => window.__resultsAt !== undefined);
      openLang = lang;
      const bytes = meter.stop();
      return { ...(await read()), bytes };
    },
    close: () => context.close(),
  };

  async function read() {
    const found = await page.evaluate((top) => {
      const links = [...document.querySelectorAll('#search-results a[href]')].map((a) => a.href);
      const status = document.querySelector('#search-status')?.textContent || '';
      const count = status.match(/\d[\d\s,.\u00a0\u202f]*/);
      return {
        links: [...new Set(links)].slice(0, top),
        hits: count ? Number(count[0].replace(/\D/g, '')) : links.length,
        ms: window.__resultsAt - performance.getEntriesByType('navigation')[0].domContentLoadedEventStart,
      };
    }, TOP);
    const root = pathToFileURL(site).href + '/';
    return {
      pages: found.links.filter((l) => l.startsWith(root)).map((l) => pageFolder(l.slice(root.length))),
      hits: found.hits,
      ms: found.ms,
    };
  }
}

/// A static server for Pagefind's bundle: `/pagefind/…` from its output,
/// and `/<lang>.html`, an empty page in that language, from which
/// Pagefind's JS picks the language's index (by `<html lang>`). Nothing is
/// cached, so every query loads what it needs, as a first visit does.
/// `pages` may answer other paths with HTML (observer.mjs's driver).
export function serve(bundle, pages = () => null) {
  const types = { '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.html': 'text/html; charset=utf-8' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const lang = url.pathname.match(/^\/([a-z]{2})\.html$/);
    const headers = { 'cache-control': 'no-store' };
    const page = pages(url);
    if (page !== null) {
      res.writeHead(200, { ...headers, 'content-type': types['.html'] });
      res.end(page);
      return;
    }
    if (lang) {
      res.writeHead(200, { ...headers, 'content-type': types['.html'] });
      res.end(`<!DOCTYPE html><html lang="${lang[1]}"><head><meta charset="utf-8"><title>${lang[1]}</title></head><body></body></html>`);
      return;
    }
    const file = path.join(bundle, path.normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]*pagefind[/\\]/, ''));
    if (!url.pathname.startsWith('/pagefind/') || !file.startsWith(bundle) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/// Pagefind's JS API, `pagefind.search(query)`, then `data()` of the top
/// ten. Time: from the import of pagefind.js on a freshly loaded page to
/// the ten results' data, so it includes what Pagefind loads first (its
/// WebAssembly and the language's metadata) as a first query does.
export async function pagefind(browser, bundle) {
  const server = await serve(bundle);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const context = await browser.newContext();
  const page = await context.newPage();
  const meter = fileMeter(page, (url) => {
    if (!url.startsWith(origin + '/pagefind/')) return null;
    return path.join(bundle, decodeURIComponent(new URL(url).pathname.slice('/pagefind/'.length)));
  });
  let openLang = null;
  return {
    name: 'Pagefind',
    async search(lang, query, cold) {
      if (cold || openLang !== lang) {
        await page.goto(`${origin}/${lang}.html`);
        openLang = lang;
      }
      meter.start();
      const found = await page.evaluate(askPagefind, [query, TOP]);
      const bytes = meter.stop();
      return { pages: found.urls.map(pageFolder), hits: found.hits, bytes: cold ? bytes : undefined, ms: cold ? found.ms : undefined };
    },
    async close() {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
