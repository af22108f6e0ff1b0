// Known-item evaluation of the archive's search, beside Pagefind's.
//
//   node benches/search-eval/run.mjs [--reports N] [--per-language K] [--cold C] [--dir DIR] [--seed S]
//   node benches/search-eval/run.mjs --reports N [--dir DIR] --tables-only
//
// Generates a six-language archive of N reports (default 10,000) with
// `gen-corpus --multilingual` into DIR/n<N>/archive (kept and reused),
// builds it with igf-archive (release), indexes the same HTML with
// Pagefind (benches/node_modules), samples K reports per language
// (default 150; seeded) and for each types four queries — its exact
// title, its 2–3 rarest title words, 3 words in a row from one of its key
// takeaways, and those 3 words "quoted" — into igf-archive's search page
// (from file://) and into Pagefind's JS API (from 127.0.0.1), both in
// Debian's Chromium. Ranking: every query, asked in a page already open
// (as a reader's next query). Bytes and time: the queries of the first C
// sampled reports of each language (default 10), each from a freshly
// loaded page (as a reader's first query); their ranking must be the
// same as when asked warm, or the run says so. Prints Markdown tables (per language and overall):
// found first, found in the top 10, MRR (over the top 10), bytes of search
// files loaded and time to results, the false hits of quoted phrases, and
// the targets of issue #21. Every query's outcome goes to
// DIR/n<N>/results.json; --tables-only prints the tables again from it
// (counting false hits again, with the rule in queries.mjs).
//
// Needs: `apt-get install chromium` (or CHROMIUM=/path/to/chrome) and
// `(cd benches && npm ci)` for playwright-core and Pagefind.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { ours, pagefind } from './engines.mjs';
import { KINDS, LANGUAGES, holdsPhrase, pageOf, pageText, queriesFor, random, readItems, sample } from './queries.mjs';
import { languageTitle, table, targets } from './report.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (...a) => console.error(...a);
const die = (message) => { console.error(`search-eval: ${message}`); process.exit(2); };

function options(argv) {
  const o = { reports: 10000, perLanguage: 150, cold: 10, seed: 21, dir: path.join(os.tmpdir(), 'igf-search-eval') };
  const names = { '--reports': 'reports', '--per-language': 'perLanguage', '--cold': 'cold', '--seed': 'seed', '--dir': 'dir' };
  for (let i = 0; i < argv.length; i++) {
    const key = names[argv[i]];
    if (argv[i] === '--tables-only') { o.tablesOnly = true; continue; }
    if (argv[i] === '--help' || argv[i] === '-h') {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n\n')[0].replace(/^\/\/ ?/gm, ''));
      process.exit(0);
    }
    if (!key || i + 1 >= argv.length) die(`unknown or incomplete option ${argv[i]} (see --help)`);
    o[key] = key === 'dir' ? path.resolve(argv[++i]) : Number(argv[++i]);
    if (key !== 'dir' && !(Number.isInteger(o[key]) && o[key] > 0)) die(`${argv[i - 1]} needs a positive whole number`);
  }
  return o;
}

/// playwright-core and Pagefind from benches/node_modules, and Chromium:
/// a clear message for whichever is missing.
function tools() {
  const require = createRequire(path.join(repo, 'benches', 'package.json'));
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch {
    die('playwright-core is missing: run `(cd benches && npm ci)` first');
  }
  // Pagefind's Node API is an ES module only: imported by its path.
  const pagefindApi = path.join(repo, 'benches', 'node_modules', 'pagefind', 'lib', 'index.js');
  if (!fs.existsSync(pagefindApi)) die('pagefind is missing: run `(cd benches && npm ci)` first');
  const executable = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executable)) die(`no Chromium at ${executable}: \`apt-get install chromium\`, or set CHROMIUM`);
  return { chromium, executable, pagefindApi };
}

function run(what, command, args, opts = {}) {
  log(`search-eval: ${what}`);
  const started = process.hrtime.bigint();
  const r = spawnSync(command, args, { stdio: ['ignore', 2, 'inherit'], ...opts }); // stdout is for the tables
  if (r.status !== 0) die(`${what} failed: ${command} ${args.join(' ')}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const o = options(process.argv.slice(2));
if (o.tablesOnly) {
  const work = path.join(o.dir, `n${o.reports}`);
  const file = path.join(work, 'results.json');
  if (!fs.existsSync(file)) die(`no ${file}: run without --tables-only first`);
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  const texts = new Map();
  for (const r of results.filter((x) => x.kind === 'phrase')) {
    r.falseHits = r.pages.filter((p) => {
      if (!texts.has(p)) texts.set(p, pageText(fs.readFileSync(path.join(work, 'site', p, 'index.html'), 'utf8')));
      return !holdsPhrase(texts.get(p), r.phrase, r.lang);
    }).length;
  }
  printTables(results, `from ${file}`);
  process.exit(0);
}
const { chromium, executable, pagefindApi } = tools();
const work = path.join(o.dir, `n${o.reports}`);
const archive = path.join(work, 'archive');
const site = path.join(work, 'site');
const bundle = path.join(work, 'pagefind');
fs.mkdirSync(work, { recursive: true });

run('cargo build --release (igf-archive, gen-corpus)', 'cargo', ['build', '--release', '--quiet', '--bin', 'igf-archive', '--example', 'gen-corpus'], { cwd: repo });
const bin = (name) => path.join(repo, 'target', 'release', name);
if (!fs.existsSync(path.join(archive, 'known-items.jsonl'))) {
  fs.rmSync(archive, { recursive: true, force: true });
  run(`generating ${o.reports} reports`, bin('examples/gen-corpus'), [archive, String(o.reports), '--multilingual']);
}
// Always rebuilt: the point is to measure the search this checkout builds.
fs.rmSync(site, { recursive: true, force: true });
const buildSeconds = run('igf-archive build', bin('igf-archive'), ['build', '--root', archive, '--output', site]);

// Pagefind over the same pages igf-archive's search holds (reports,
// translations, Messages, outputs), each page's <main> without its
// navigation or its "cited by" list, in the language of its <html lang>.
// The build is reproducible, so an index of the same pages (the same
// SHA256SUMS) is kept and reused: Pagefind takes minutes at 10,000 reports.
const siteSums = createHash('sha256').update(fs.readFileSync(path.join(site, 'SHA256SUMS'))).digest('hex');
const stamp = path.join(bundle, 'igf-site.sha256');
const pagefindStarted = Date.now();
const reused = fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === siteSums;
if (reused) {
  log('search-eval: Pagefind: the same pages as last time, its index reused');
} else {
  fs.rmSync(bundle, { recursive: true, force: true });
  log('search-eval: Pagefind indexing the same pages');
  const pf = await import(pathToFileURL(pagefindApi).href);
  const { index, errors } = await pf.createIndex({ rootSelector: 'main', excludeSelectors: ['nav', '.cited-by'] });
  if (!index) die(`Pagefind: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: site, glob: '{en,fr,es,ru,zh,ar}/[0-9][0-9][0-9][0-9]/{sessions,messages,outputs}/*/index.html' });
  if (added.errors.length) die(`Pagefind: ${added.errors.join('; ')}`);
  const written = await index.writeFiles({ outputPath: bundle });
  if (written.errors.length) die(`Pagefind: ${written.errors.join('; ')}`);
  log(`search-eval: Pagefind indexed ${added.page_count} pages`);
  await pf.close();
  fs.writeFileSync(stamp, siteSums);
}
const pagefindSeconds = (Date.now() - pagefindStarted) / 1000;

// The sample and its queries.
const items = readItems(path.join(archive, 'known-items.jsonl'));
const rand = random(o.seed);
const cases = [];
for (const lang of LANGUAGES) {
  for (const [n, item] of sample(items[lang], o.perLanguage, rand).entries()) {
    const target = pageOf(item);
    if (!fs.existsSync(path.join(site, target, 'index.html'))) die(`no page ${target} for ${item.lang} ${item.slug} in ${site}`);
    const q = queriesFor(item, rand);
    for (const kind of KINDS) if (q[kind.id]) cases.push({ lang, target, cold: n < o.cold, kind: kind.id, query: q[kind.id], phrase: q.phraseWords, words: kind.id === 'rare' ? q.rare.split(' ').length : undefined });
  }
}

// Whether a result page holds a phrase, reading each page once.
const texts = new Map();
const textOf = (folder) => {
  if (!texts.has(folder)) {
    const file = path.join(site, folder, 'index.html');
    texts.set(folder, fs.existsSync(file) ? pageText(fs.readFileSync(file, 'utf8')) : '');
  }
  return texts.get(folder);
};

const browser = await chromium.launch({
  executablePath: executable,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const results = [];
const started = Date.now();
const loadBefore = os.loadavg()[0];
const differences = [];
for (const engine of [await ours(browser, site), await pagefind(browser, bundle)]) {
  const engineStarted = Date.now();
  log(`search-eval: ${cases.length} queries through ${engine.name}, then ${cases.filter((c) => c.cold).length} again from a fresh page`);
  for (const [i, c] of cases.entries()) {
    const r = await engine.search(c.lang, c.query, false);
    const rank = r.pages.indexOf(c.target) + 1;
    const falseHits = c.kind === 'phrase' ? r.pages.filter((p) => !holdsPhrase(textOf(p), c.phrase, c.lang)).length : undefined;
    results.push({ engine: engine.name, ...c, rank, falseHits, pages: r.pages, hits: r.hits });
    if ((i + 1) % 250 === 0) log(`  ${i + 1}/${cases.length}`);
  }
  const warmSeconds = (Date.now() - engineStarted) / 1000;
  for (const r of results.filter((x) => x.engine === engine.name && x.cold)) {
    const fresh = await engine.search(r.lang, r.query, true);
    Object.assign(r, { bytes: fresh.bytes, ms: fresh.ms });
    if (fresh.pages.join() !== r.pages.join()) differences.push(`${engine.name} ${r.lang} ${r.query}`);
  }
  await engine.close();
  log(`search-eval: ${engine.name}: ${warmSeconds.toFixed(0)} s in an open page, ${((Date.now() - engineStarted) / 1000 - warmSeconds).toFixed(0)} s from fresh pages`);
}
const loadAfter = os.loadavg()[0];
if (differences.length) log(`search-eval: ${differences.length} queries ranked differently from a fresh page than in an open one:\n  ${differences.slice(0, 10).join('\n  ')}`);
await browser.close();
fs.writeFileSync(path.join(work, 'results.json'), JSON.stringify(results, null, 1));

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).stdout.trim();
const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src', 'themes'], { cwd: repo, encoding: 'utf8' }).stdout.trim() ? ' (with uncommitted changes to src/ or themes/)' : '';
const perLanguage = LANGUAGES.map((l) => cases.filter((c) => c.lang === l && c.kind === 'title').length);
printTables(results, `igf-archive ${commit}${dirty}. Reports sampled per language (${LANGUAGES.join(', ')}): ${perLanguage.join(', ')} (seed ${o.seed}). igf-archive build ${buildSeconds.toFixed(1)} s; Pagefind index ${reused ? 'reused' : `${pagefindSeconds.toFixed(1)} s`}; ${results.length} queries in ${((Date.now() - started) / 1000).toFixed(0)} s, ${results.filter((r) => r.cold).length} of them also from a fresh page (bytes and time); load average ${loadBefore.toFixed(1)} before the queries, ${loadAfter.toFixed(1)} after, on ${os.cpus().length} cores. Ranked differently from a fresh page than in an open one: ${['igf-archive', 'Pagefind'].map((e) => `${e} ${differences.filter((d) => d.startsWith(e + ' ')).length}`).join(', ')}.`);

function printTables(results, about) {
  const engines = ['igf-archive', 'Pagefind'];
  console.log(`## Search evaluation: ${o.reports.toLocaleString('en')} reports\n`);
  console.log(`${about}\n`);
  console.log(table('All languages', results, engines) + '\n');
  console.log(targets(results) + '\n');
  for (const lang of LANGUAGES) {
    const mine = results.filter((r) => r.lang === lang);
    if (mine.length) console.log(table(languageTitle(lang), mine, engines) + '\n');
  }
}
