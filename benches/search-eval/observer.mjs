// What watching costs: the evaluation's fresh-page times, taken again
// with no automation client attached to the browser, as in a reader's.
//
//   node benches/search-eval/observer.mjs [--dir DIR] [--reports N] [--lang L] [--rounds R]
//
// run.mjs drives Chromium through Playwright, whose DevTools session
// watches every request; our search reads a script per file, Pagefind
// fewer and larger ones, so the watching may not cost both alike. This
// takes the fresh-page queries of language L (default en) from
// DIR/n<N>/results.json and runs each engine's in a driver page that
// opens them one after another in a frame, each a freshly loaded page:
// our search page from a copy of DIR/n<N>/site (hard links) whose page
// in L notes the time from DOMContentLoaded to the last change to the
// results; and a served page in L that imports Pagefind, searches and
// reads the top ten's data, timed as run.mjs times it. Each driver runs
// R times (default 2) in each of two Chromiums started alike: one that no
// client attaches to until the driver is done (its title says so, read
// from /json/list), and one that Playwright attaches to first, as run.mjs
// does. Prints the median, 90th percentile and share within 100 ms.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { askPagefind, serve, TOP, watchResults } from './engines.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'package.json'));
const { chromium } = require('playwright-core');
const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const work = path.join(option('dir', '/tmp/igf-search-eval'), `n${option('reports', '10000')}`);
const lang = option('lang', 'en');
const rounds = Number(option('rounds', '2'));
const executable = process.env.CHROMIUM || '/usr/bin/chromium';

const queries = JSON.parse(fs.readFileSync(path.join(work, 'results.json'), 'utf8'))
  .filter((r) => r.engine === 'igf-archive' && r.cold && r.lang === lang)
  .map((r) => r.query);

// The copy: the search page in `lang` with a probe first in its <head>.
const site = path.join(work, 'observer-site');
fs.rmSync(site, { recursive: true, force: true });
spawnSync('cp', ['-al', path.join(work, 'site'), site], { stdio: 'inherit' });
const probe = `<script>(${watchResults})();
window.addEventListener('load', () => {
  const dcl = performance.getEntriesByType('navigation')[0].domContentLoadedEventStart;
  document.documentElement.setAttribute('data-ms', String(window.__resultsAt - dcl));
});</script>`;
const page = path.join(site, lang, 'search', 'index.html');
const html = fs.readFileSync(page, 'utf8');
fs.rmSync(page);
fs.writeFileSync(page, html.replace('<head>', `<head>${probe}`));

// A driver page: opens each query in turn in a frame (`frameUrl`), and
// takes its time when `timed` says (the frame's load, or its message).
const driverPage = (frameUrl, timed) => `<!doctype html><title>running</title><pre id="out"></pre><script>
var queries = ${JSON.stringify(['warm up'].concat(queries))}, times = [], frame;
function take(ms) {
  times.push(ms);
  frame.remove();
  if (times.length === queries.length) { document.getElementById('out').textContent = JSON.stringify(times.slice(1)); document.title = 'done'; } else next();
}
window.addEventListener('message', function (event) { if (${timed === 'message'}) take(Number(event.data)); });
function next() {
  frame = document.createElement('iframe');
  frame.style.width = '1024px'; frame.style.height = '800px';
  if (${timed === 'load'}) frame.onload = function () { take(Number(frame.contentDocument.documentElement.getAttribute('data-ms'))); };
  frame.src = ${JSON.stringify(frameUrl)} + encodeURIComponent(queries[times.length]);
  document.body.appendChild(frame);
}
next();
</script>`;
fs.writeFileSync(path.join(site, 'observer.html'), driverPage(`${lang}/search/index.html?q=`, 'load'));
const oursDriver = pathToFileURL(path.join(site, 'observer.html')).href;

// Pagefind's: a page in `lang` that imports Pagefind, searches and reads
// the top ten's data, and posts its time to the driver.
const server = await serve(path.join(work, 'pagefind'), (url) => {
  if (url.pathname === '/observer.html') return driverPage('/observer-query.html?q=', 'message');
  if (url.pathname !== '/observer-query.html') return null;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${lang}</title></head><body><script type="module">
const found = await (${askPagefind})([new URLSearchParams(location.search).get('q'), ${TOP}]);
parent.postMessage(found.ms, '*');
</script></body></html>`;
});
const pagefindDriver = `http://127.0.0.1:${server.address().port}/observer.html`;

// One run of `driver` in a Chromium of its own; with `attachFirst`,
// Playwright attaches before the driver starts, else only to read its
// times once its title says it is done.
async function once(driver, attachFirst, port) {
  const profile = fs.mkdtempSync('/tmp/observer-');
  // In a process group of its own, so that its helpers end with it.
  const browser = spawn(executable, ['--headless', '--no-sandbox', '--allow-file-access-from-files', `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, attachFirst ? 'about:blank' : driver], { stdio: 'ignore', detached: true });
  const endpoint = `http://127.0.0.1:${port}`;
  const targets = async () => { try { return await (await fetch(`${endpoint}/json/list`)).json(); } catch { return []; } };
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  while (!(await targets()).length) await pause(200);
  let client = attachFirst ? await chromium.connectOverCDP(endpoint) : null;
  if (client) await client.contexts()[0].pages()[0].goto(driver);
  while (!(await targets()).some((t) => t.title === 'done')) await pause(500);
  client = client || (await chromium.connectOverCDP(endpoint));
  const tab = client.contexts()[0].pages().find((p) => p.url() === driver);
  const times = JSON.parse(await tab.evaluate(() => document.getElementById('out').textContent));
  const exited = new Promise((resolve) => browser.on('exit', resolve));
  process.kill(-browser.pid);
  await exited;
  try {
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  } catch (error) {
    // A helper still writing: the times are taken, the folder is litter.
    console.error(`observer: ${profile} left behind (${error.code})`);
  }
  return times;
}

for (const [engine, driver] of [['igf-archive', oursDriver], ['Pagefind', pagefindDriver]]) {
  const seen = { unattached: [], attached: [] };
  for (let round = 0; round < rounds; round++) {
    seen.unattached.push(...(await once(driver, false, 9340)));
    seen.attached.push(...(await once(driver, true, 9341)));
  }
  const quantile = (v, q) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(v.length * q))];
  for (const [name, times] of Object.entries(seen)) {
    const within = times.filter((t) => t <= 100).length / times.length;
    console.log(`${engine.padEnd(11)} ${lang}, ${name.padEnd(10)} ${times.length} queries: median ${quantile(times, 0.5).toFixed(0)} ms, 90th pct ${quantile(times, 0.9).toFixed(0)} ms, ${within.toFixed(2)} within 100 ms`);
  }
}
server.close();
