// Known-item queries from a generated archive's known-items.jsonl
// (examples/gen-corpus.rs --multilingual): which reports to look for, and
// what a reader who remembers one would type.

import fs from 'node:fs';
import { createRequire } from 'node:module';

const snowball = createRequire(import.meta.url)('snowball-stemmers');

export const LANGUAGES = ['en', 'fr', 'es', 'ru', 'zh', 'ar'];

/// The four kinds of query, in the order the tables show them.
export const KINDS = [
  { id: 'title', label: 'exact title' },
  { id: 'rare', label: '2–3 rarest title words' },
  { id: 'takeaway', label: '3 takeaway words' },
  { id: 'phrase', label: 'the 3 words "quoted"' },
];

/// mulberry32: a small seeded generator, the same on every machine.
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const below = (rand, n) => Math.floor(rand() * n);

/// Every report and translation of the archive, by language.
export function readItems(file) {
  const byLang = Object.fromEntries(LANGUAGES.map((l) => [l, []]));
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const item = JSON.parse(line);
    (byLang[item.lang] ||= []).push(item);
  }
  return byLang;
}

/// `count` items of a language, drawn without replacement.
export function sample(items, count, rand) {
  const order = items.slice();
  for (let i = order.length - 1; i > 0; i--) {
    const j = below(rand, i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, Math.min(count, order.length));
}

/// The page of an item, relative to the site's root, as a folder.
export const pageOf = (item) => `${item.lang}/${item.year}/sessions/${item.slug}/`;

/// The four queries for one item. Chinese is written without spaces, so a
/// title or a phrase stays one run of characters; separate keywords are
/// typed with spaces between them in every language.
export function queriesFor(item, rand) {
  const joiner = item.lang === 'zh' ? '' : ' ';
  const queries = { title: item.title };

  // The rarest title words (fewest reports of the language hold them),
  // two for a title of up to five distinct words and three for a longer
  // one, in the order of the title.
  const words = [];
  item.title_words.forEach((w, i) => {
    const lower = w.toLowerCase();
    if (!words.some((x) => x.lower === lower)) words.push({ word: w, lower, i, df: item.title_word_documents[i] });
  });
  const count = words.length <= 5 ? 2 : 3;
  const rarest = words.slice().sort((a, b) => a.df - b.df || a.i - b.i).slice(0, count).sort((a, b) => a.i - b.i);
  queries.rare = rarest.map((w) => w.word).join(' ');

  // Three words in a row from one takeaway, with no comma or full stop
  // between them; both the loose and the quoted query use them.
  const windows = [];
  item.takeaways.forEach((t) => {
    for (let i = 0; i + 3 <= t.length; i++) {
      const run = t.slice(i, i + 3);
      if (run.every((w) => w !== ',' && w !== '.')) windows.push(run);
    }
  });
  if (windows.length) {
    const run = windows[below(rand, windows.length)];
    queries.takeaway = run.join(' ');
    queries.phrase = `"${run.join(joiner)}"`;
    queries.phraseWords = run;
  }
  return queries;
}

// ---------------------------------------------------------------------------
// Does a page hold a phrase? For counting false hits of quoted queries.

const ARABIC = [[/[أإآٱ]/g, 'ا'], [/ة/g, 'ه'], [/ى/g, 'ي'], [/[\u064B-\u065F\u0640]/g, '']];

/// Lower case, no accents, Arabic alef and hamza forms made one and the
/// article ال taken off long words: forgiving of what either engine folds.
export function fold(text) {
  let t = text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
  for (const [from, to] of ARABIC) t = t.replace(from, to);
  return t;
}

const tokens = (text) => fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean).map((w) => (/^ال/.test(w) && w.length > 4 ? w.slice(2) : w));

/// The words of `text` as the index may match them: each folded, and its
/// Snowball stems (of the word as written and as folded, folded; the
/// algorithms rust-stemmers runs), where the language has a stemmer.
const STEMMERS = { en: 'english', fr: 'french', es: 'spanish', ru: 'russian', ar: 'arabic' };
const stemmers = {};
function stemmedWords(text, lang) {
  const name = STEMMERS[lang];
  const stemmer = name && (stemmers[lang] ||= snowball.newStemmer(name));
  return text.toLowerCase().normalize('NFC').split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean).map((raw) => {
    const [word] = tokens(raw);
    return { word, stems: stemmer ? [fold(stemmer.stem(raw)), fold(stemmer.stem(fold(raw)))] : [] };
  }).filter((w) => w.word);
}

/// The same word, or two forms the stemmer makes one (governance and
/// governments, было and были): the index matches them as one.
const sameStemmed = (a, b) => sameWord(a.word, b.word) || a.stems.some((s) => b.stems.includes(s));

/// Two words are the same word if equal, if one is the other and one
/// more letter (ce, ces), or if both are long and differ only in their
/// last three letters at most (an inflection, roughly): so a hit counts
/// as false only when no form of the phrase is on the page.
function sameWord(a, b) {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length === short.length + 1 && long.startsWith(short)) return true;
  const shorter = short.length;
  if (shorter < 4) return false;
  let common = 0;
  while (common < shorter && a[common] === b[common]) common++;
  return common >= Math.max(4, Math.max(a.length, b.length) - 3);
}

/// The visible text of a built page's `<main>`.
export function pageText(html) {
  const main = html.match(/<main[\s\S]*<\/main>/)?.[0] ?? html;
  return main
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');
}

/// Chinese, Japanese and Korean characters: the index takes each as a
/// word (search-engine.js's CJK).
const CJK = '\\u3040-\\u30FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uAC00-\\uD7AF\\uF900-\\uFAFF';
const CJK_WORDS = new RegExp(`[${CJK}]|[[\\p{L}\\p{N}]--[${CJK}]]+`, 'gv');

/// Whether `text` holds the words of `phrase` in a row, whatever stands
/// between them (spaces, punctuation, the edge of a table cell), as the
/// index counts words: in every language the same rule. For Chinese each
/// character is a word, and must be the very one typed: "是威胁在" is in
/// "是威胁，在", as "results the" is in "results. The", but not in
/// "是威胁的在".
export function holdsPhrase(text, phrase, lang) {
  if (lang === 'zh') {
    const words = fold(text).match(CJK_WORDS) || [];
    const wanted = fold(phrase.join(' ')).match(CJK_WORDS) || [];
    outer: for (let i = 0; i + wanted.length <= words.length; i++) {
      for (let j = 0; j < wanted.length; j++) if (words[i + j] !== wanted[j]) continue outer;
      return true;
    }
    return false;
  }
  const words = stemmedWords(text, lang);
  const wanted = phrase.flatMap((w) => stemmedWords(w, lang));
  outer: for (let i = 0; i + wanted.length <= words.length; i++) {
    for (let j = 0; j < wanted.length; j++) if (!sameStemmed(words[i + j], wanted[j])) continue outer;
    return true;
  }
  return false;
}
