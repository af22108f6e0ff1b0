// Sums up per-query results into the Markdown tables run.mjs prints.

import { KINDS, LANGUAGES } from './queries.mjs';

/// The targets (#21), per kind of query; `null` where it sets none.
export const TARGETS = {
  title: { first: 0.95 },
  rare: { first: 0.85, top: 0.95, kb2: 250 },
  takeaway: { top: 0.6 },
  phrase: { first: 0.85, falseHits: 0, kb: 600 },
  ms: 100,
};

const share = (xs) => (xs.length ? xs.filter(Boolean).length / xs.length : NaN);
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const quantile = (xs, q) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const f2 = (x) => (Number.isNaN(x) ? '–' : x.toFixed(2));
const kb = (x) => (Number.isNaN(x) ? '–' : (x / 1024).toFixed(0));
const ms = (x) => (Number.isNaN(x) ? '–' : x.toFixed(0));

/// One engine's figures over a set of query results.
export function summarise(results) {
  const ranks = results.map((r) => r.rank);
  // Bytes and time: only the queries asked from a freshly loaded page.
  const cold = results.filter((r) => r.bytes !== undefined);
  const bytes = cold.map((r) => r.bytes);
  const times = cold.map((r) => r.ms);
  return {
    n: results.length,
    cold: cold.length,
    first: share(ranks.map((k) => k === 1)),
    top: share(ranks.map((k) => k > 0)),
    mrr: mean(ranks.map((k) => (k > 0 ? 1 / k : 0))),
    kb50: quantile(bytes, 0.5),
    kb90: quantile(bytes, 0.9),
    kbMax: bytes.length ? Math.max(...bytes) : NaN,
    ms50: quantile(times, 0.5),
    ms90: quantile(times, 0.9),
    within: share(times.map((t) => t <= TARGETS.ms)),
    falseHits: results.reduce((a, r) => a + (r.falseHits || 0), 0),
    falseQueries: results.filter((r) => r.falseHits > 0).length,
    shown: results.reduce((a, r) => a + r.pages.length, 0),
    hits50: quantile(results.map((r) => r.hits), 0.5),
  };
}

function targetText(kind) {
  const t = TARGETS[kind];
  const parts = [];
  if (t.first !== undefined) parts.push(`first ≥ ${t.first}`);
  if (t.top !== undefined) parts.push(`top 10 ≥ ${t.top}`);
  if (t.falseHits !== undefined) parts.push('no false hit');
  return parts.join(', ') || '–';
}

/// A table for one language (or all), the two engines side by side.
export function table(title, results, engines) {
  const lines = [`### ${title}`, ''];
  lines.push('| query | n | igf-archive: first / top 10 / MRR | Pagefind: first / top 10 / MRR | target | search KB loaded, median (90th pct): igf-archive · Pagefind | ms to results, median (90th pct): igf-archive · Pagefind |');
  lines.push('|---|---:|---|---|---|---|---|');
  for (const kind of KINDS) {
    const s = engines.map((e) => summarise(results.filter((r) => r.engine === e && r.kind === kind.id)));
    if (!s[0] || !s[0].n) continue;
    const cell = (x) => (x && x.n ? `${f2(x.first)} / ${f2(x.top)} / ${f2(x.mrr)}` : '–');
    const bytes = s.map((x) => (x && x.n ? `${kb(x.kb50)} (${kb(x.kb90)})` : '–')).join(' · ');
    const times = s.map((x) => (x && x.n ? `${ms(x.ms50)} (${ms(x.ms90)})` : '–')).join(' · ');
    lines.push(`| ${kind.label} | ${s[0].n} | ${cell(s[0])} | ${cell(s[1])} | ${targetText(kind.id)} | ${bytes} | ${times} |`);
  }
  const phrase = engines.map((e) => summarise(results.filter((r) => r.engine === e && r.kind === 'phrase')));
  if (phrase[0].n) {
    const cell = (x) => (x && x.n ? `${x.falseHits} of ${x.shown} shown, in ${x.falseQueries} queries; median hits ${x.hits50}` : '–');
    lines.push('', `Quoted phrases, results in the top 10 without the phrase on their page: igf-archive ${cell(phrase[0])}; Pagefind ${cell(phrase[1])} (target: none).`);
  }
  return lines.join('\n');
}

const bytesText = (s) => `median ${kb(s.kb50)} KB, 90th pct ${kb(s.kb90)} KB, max ${kb(s.kbMax)} KB`;

/// The targets beside igf-archive's figures over all languages.
export function targets(results) {
  const of = (kind, filter = () => true) => summarise(results.filter((r) => r.engine === 'igf-archive' && r.kind === kind && filter(r)));
  const title = of('title');
  const rare = of('rare');
  const rare2 = of('rare', (r) => r.words === 2);
  const take = of('takeaway');
  const phrase = of('phrase');
  const all = summarise(results.filter((r) => r.engine === 'igf-archive'));
  const row = (what, measured, ok) => `| ${what} | ${measured} | ${ok ? 'yes' : '**no**'} |`;
  return [
    '### Targets (igf-archive, all languages)',
    '',
    '| target | measured | met |',
    '|---|---|---|',
    row('exact title found first ≥ 0.95', f2(title.first), title.first >= 0.95),
    row('rarest title words found first ≥ 0.85', f2(rare.first), rare.first >= 0.85),
    row('rarest title words in the top 10 ≥ 0.95', f2(rare.top), rare.top >= 0.95),
    row('takeaway words in the top 10 ≥ 0.6', f2(take.top), take.top >= 0.6),
    row('quoted phrase: no result without the phrase', `${phrase.falseHits} in ${phrase.falseQueries} of ${phrase.n} queries`, phrase.falseHits === 0),
    row('quoted phrase: target first ≥ 0.85', f2(phrase.first), phrase.first >= 0.85),
    row('two words ≤ 250 KB (the two rarest title words)', bytesText(rare2), rare2.kbMax <= 250 * 1024),
    row('a phrase ≤ 600 KB', bytesText(phrase), phrase.kbMax <= 600 * 1024),
    row('results within 100 ms of the page\'s load (from its DOMContentLoaded)', `${f2(all.within)} of queries; median ${ms(all.ms50)} ms, 90th pct ${ms(all.ms90)} ms`, all.within === 1),
  ].join('\n');
}

export const languageTitle = (lang) => ({ en: 'English', fr: 'French', es: 'Spanish', ru: 'Russian', zh: 'Chinese', ar: 'Arabic' })[lang] || lang;
export { LANGUAGES };
