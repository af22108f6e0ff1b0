//! Building the search index: one per site language, each holding the
//! documents a reader of that language can open (their language where it
//! exists, else the original), split into small `.js` files that register
//! themselves with `IGFSearch`, so that they load with `<script>` — from a
//! server or straight from disk — and only when a query needs them.
//!
//! Files under `search/<lang>/`:
//! - `index.js`: document count, the first key of every shard, the labels;
//! - `t-<n>.js`: a run of keys in sorted order: terms with their postings
//!   (document gaps and a 3-bit BM25 weight, packed in one number), and the
//!   surface forms that stand for other terms (so the browser needs no
//!   stemmer);
//! - `f.js`: each document's filter values (year, kind, type, tracks,
//!   language) as ids into a small table, for counts per filter value;
//! - `m-<n>.js`: titles, addresses and excerpts of documents, in chunks;
//! - `b-<n>.js`: for phrase queries, a Bloom filter per document of the
//!   pairs of words that follow each other in it (word positions would be
//!   five times larger).
//!
//! Every version is analysed once, whatever the number of languages whose
//! index shows it, and terms are interned, so that each language's index
//! is assembled from numbers.

use super::analyze::{Analyzer, Term};
use crate::content::{Archive, Kind, Meta, Version};
use crate::render::{OutputFile, Page, page_link};
use crate::theme::Theme;
use base64::Engine as _;
use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt::Write as _;

/// A shard is closed once it holds about this many bytes.
const SHARD_BYTES: usize = 24 * 1024;
/// Documents per metadata and pair-filter file. A document's metadata is
/// `[title, address, language, code, excerpt, kind, type, year, tracks]`.
pub const META_CHUNK: usize = 16;
/// BM25 parameters.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Field weights: a word in the title counts as five in the body.
const TITLE_WEIGHT: u32 = 5;
const TAKEAWAY_WEIGHT: u32 = 3;
const TRACK_WEIGHT: u32 = 2;
/// Positions jump between fields, so that phrases never span two.
const FIELD_GAP: u32 = 16;
/// Bloom filters: bits per word pair and hash functions (about 9% false
/// positives for one pair, 1% for a three-word phrase).
const BLOOM_BITS_PER_PAIR: usize = 5;
const BLOOM_HASHES: u32 = 3;

/// Each document's filter values, as numbers into one table per filter:
/// year, kind, type, language, and the tracks as a bit set.
#[derive(Default)]
struct Facets {
    values: [Vec<String>; 5],
    docs: String,
}

impl Facets {
    fn id(&mut self, dimension: usize, value: &str) -> u64 {
        let values = &mut self.values[dimension];
        match values.iter().position(|v| v == value) {
            Some(i) => i as u64,
            None => {
                values.push(value.to_string());
                (values.len() - 1) as u64
            }
        }
    }

    fn push(&mut self, year: u16, kind: &str, doc_type: &str, lang: &str, tracks: &[String]) {
        let numbers = [
            self.id(0, &year.to_string()),
            self.id(1, kind),
            self.id(2, doc_type),
            self.id(3, lang),
        ];
        // Browsers count exactly up to 2^53: the first 52 tracks are filterable.
        let mask = tracks
            .iter()
            .map(|t| self.id(4, t))
            .filter(|&i| i < 52)
            .fold(0u64, |m, i| m | (1 << i));
        for n in numbers.into_iter().chain([mask]) {
            push_varint64(&mut self.docs, n);
        }
    }

    fn to_json(&self) -> Value {
        let [years, kinds, types, languages, tracks] = &self.values;
        json!({"years": years, "kinds": kinds, "types": types, "languages": languages, "tracks": tracks, "docs": self.docs})
    }
}

/// One language version, analysed.
struct Analyzed<'a> {
    doc: u32,
    version: &'a Version,
    is_original: bool,
    /// (surface, term) where they differ.
    surfaces: Vec<(u32, u32)>,
    /// Weighted length, for BM25's length normalisation.
    length: u32,
    /// The word pairs of the text, as a Bloom filter, base64.
    pairs: String,
}

/// What every language's index is assembled from.
struct Corpus<'a> {
    archive: &'a Archive,
    /// Index order → archive index: newest meeting first.
    order: Vec<usize>,
    /// Every version, in document order.
    versions: Vec<Analyzed<'a>>,
    /// Interned terms and surface forms.
    strings: Vec<String>,
    /// String ids in the order JavaScript sorts strings (UTF-16 units).
    sorted: Vec<u32>,
    /// Term id → (version, weighted tf), versions in document order.
    postings: Vec<Vec<(u32, u32)>>,
}

pub fn files(archive: &Archive, theme: &Theme) -> Vec<OutputFile> {
    let corpus = Corpus::build(archive);
    archive
        .config
        .languages
        .par_iter()
        .flat_map_iter(|language| corpus.language_files(theme, &language.code))
        .collect()
}

/// Text of one version, analysed into terms with positions.
struct Raw {
    terms: Vec<Term>,
    weights: Vec<u32>,
}

impl<'a> Corpus<'a> {
    fn build(archive: &'a Archive) -> Self {
        let mut order: Vec<usize> = (0..archive.documents.len()).collect();
        order.sort_by_key(|&i| {
            let d = &archive.documents[i];
            (std::cmp::Reverse(d.year), d.kind, d.slug.as_str())
        });
        let versions: Vec<(u32, &Version, bool)> = order
            .iter()
            .enumerate()
            .flat_map(|(doc, &i)| {
                archive.documents[i]
                    .versions
                    .iter()
                    .enumerate()
                    .map(move |(n, v)| (doc as u32, v, n == 0))
            })
            .collect();
        let raw: Vec<(Raw, String)> = versions
            .par_iter()
            // One analyser per language and worker, so that each remembers
            // the words it has seen across documents.
            .map_init(
                HashMap::<&str, Analyzer>::new,
                |analyzers, &(doc, version, _)| {
                    let analyzer = analyzers
                        .entry(version.lang.as_str())
                        .or_insert_with(|| Analyzer::new(&version.lang));
                    let raw = analyze(archive, order[doc as usize], version, analyzer);
                    let pairs = pair_filter(&raw.terms);
                    (raw, pairs)
                },
            )
            .collect();

        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut strings: Vec<String> = Vec::new();
        fn intern<'t>(
            text: &'t str,
            ids: &mut HashMap<&'t str, u32>,
            strings: &mut Vec<String>,
        ) -> u32 {
            *ids.entry(text).or_insert_with(|| {
                strings.push(text.to_string());
                (strings.len() - 1) as u32
            })
        }
        let mut analyzed = Vec::with_capacity(versions.len());
        let mut postings: Vec<Vec<(u32, u32)>> = Vec::new();
        for (n, ((doc, version, is_original), (raw, pairs))) in
            versions.iter().zip(&raw).enumerate()
        {
            let mut terms: HashMap<u32, u32> = HashMap::new();
            let mut surfaces: Vec<(u32, u32)> = Vec::new();
            let mut length = 0;
            for (term, weight) in raw.terms.iter().zip(&raw.weights) {
                let id = intern(&term.term, &mut ids, &mut strings);
                *terms.entry(id).or_insert(0) += weight;
                length += weight;
                if term.surface != term.term {
                    surfaces.push((intern(&term.surface, &mut ids, &mut strings), id));
                }
            }
            surfaces.sort_unstable();
            surfaces.dedup();
            let mut terms: Vec<(u32, u32)> = terms.into_iter().collect();
            terms.sort_unstable();
            if postings.len() < strings.len() {
                postings.resize_with(strings.len(), Vec::new);
            }
            for &(term, tf) in &terms {
                postings[term as usize].push((n as u32, tf));
            }
            analyzed.push(Analyzed {
                doc: *doc,
                version,
                is_original: *is_original,
                surfaces,
                length: length.max(1),
                pairs: pairs.clone(),
            });
        }
        postings.resize_with(strings.len(), Vec::new);
        let mut sorted: Vec<u32> = (0..strings.len() as u32).collect();
        sorted.par_sort_by(|&a, &b| {
            strings[a as usize]
                .encode_utf16()
                .cmp(strings[b as usize].encode_utf16())
        });
        Corpus {
            archive,
            order,
            versions: analyzed,
            strings,
            sorted,
            postings,
        }
    }

    /// Which versions a reader of `lang` sees: theirs, else the original.
    fn visible(&self, lang: &str) -> Vec<bool> {
        let has_lang: Vec<bool> = self
            .order
            .iter()
            .map(|&i| self.archive.documents[i].version(lang).is_some())
            .collect();
        self.versions
            .iter()
            .map(|v| v.version.lang == lang || (v.is_original && !has_lang[v.doc as usize]))
            .collect()
    }

    fn language_files(&self, theme: &Theme, lang: &str) -> Vec<OutputFile> {
        let visible = self.visible(lang);
        // Documents in the reader's language get the first numbers, so that
        // the browser ranks them first knowing only how many there are.
        let is_own = |a: &Analyzed| a.version.lang == lang;
        let order: Vec<usize> = (0..self.versions.len())
            .filter(|&v| visible[v] && is_own(&self.versions[v]))
            .chain((0..self.versions.len()).filter(|&v| visible[v] && !is_own(&self.versions[v])))
            .collect();
        let shown: Vec<&Analyzed> = order.iter().map(|&v| &self.versions[v]).collect();
        let own = shown.iter().filter(|a| is_own(a)).count();
        let mut ids: Vec<Option<u32>> = vec![None; self.versions.len()];
        for (id, &version) in order.iter().enumerate() {
            ids[version] = Some(id as u32);
        }
        let average =
            shown.iter().map(|a| a.length as f32).sum::<f32>() / shown.len().max(1) as f32;
        let norms: Vec<f32> = self
            .versions
            .iter()
            .map(|a| K1 * (1.0 - B + B * a.length as f32 / average.max(1.0)))
            .collect();

        // Surface forms of this language's documents, by surface.
        let mut surfaces: Vec<(u32, u32)> = shown
            .iter()
            .flat_map(|a| a.surfaces.iter().copied())
            .collect();
        surfaces.par_sort_unstable();
        surfaces.dedup();
        let mut surface_terms: HashMap<u32, Vec<u32>> = HashMap::new();
        for (surface, term) in surfaces {
            surface_terms.entry(surface).or_default().push(term);
        }

        // Each key's entry, in sorted order, then cut into shards.
        let entries: Vec<(u32, String, String)> = self
            .sorted
            .par_iter()
            .filter_map(|&key| {
                let postings =
                    encode_postings(&self.postings[key as usize], &ids, own as u32, &norms);
                let terms = surface_terms.get(&key).map(|terms| {
                    terms
                        .iter()
                        .map(|t| self.strings[*t as usize].as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                });
                (!postings.is_empty() || terms.is_some())
                    .then(|| (key, postings, terms.unwrap_or_default()))
            })
            .collect();
        let mut files = Vec::new();
        let mut firsts: Vec<&str> = Vec::new();
        let mut surface_part = String::new();
        let mut term_part = String::new();
        for (key, postings, terms) in &entries {
            let key_text = &self.strings[*key as usize];
            if firsts.is_empty() || surface_part.len() + term_part.len() > SHARD_BYTES {
                if !firsts.is_empty() {
                    files.push(shard_file(
                        lang,
                        firsts.len() - 1,
                        &surface_part,
                        &term_part,
                    ));
                }
                firsts.push(key_text);
                surface_part.clear();
                term_part.clear();
            }
            if !terms.is_empty() {
                push_entry(&mut surface_part, key_text, terms);
            }
            if !postings.is_empty() {
                push_entry(&mut term_part, key_text, postings);
            }
        }
        if !firsts.is_empty() {
            files.push(shard_file(
                lang,
                firsts.len() - 1,
                &surface_part,
                &term_part,
            ));
        }

        let mut facets = Facets::default();
        let mut meta = Vec::with_capacity(shown.len());
        let mut pairs = Vec::with_capacity(shown.len());
        for analyzed in &shown {
            let index = self.order[analyzed.doc as usize];
            let document = &self.archive.documents[index];
            let version = analyzed.version;
            facets.push(
                document.year,
                document.kind.name(),
                version.meta.doc_type().unwrap_or(""),
                &version.lang,
                version.meta.tracks(),
            );
            meta.push(document_meta(self.archive, index, version));
            pairs.push(analyzed.pairs.as_str());
        }
        for (n, chunk) in meta.chunks(META_CHUNK).enumerate() {
            files.push(script(
                lang,
                &format!("m-{n}.js"),
                "meta",
                &json!(n),
                &json!(chunk),
            ));
        }
        for (n, chunk) in pairs.chunks(META_CHUNK).enumerate() {
            files.push(script(
                lang,
                &format!("b-{n}.js"),
                "pairs",
                &json!(n),
                &json!(chunk),
            ));
        }
        files.push(script(
            lang,
            "f.js",
            "facets",
            &Value::Null,
            &facets.to_json(),
        ));
        let manifest = json!({
            "n": shown.len(),
            "own": own,
            "chunk": META_CHUNK,
            "shards": firsts,
            "bloom": {"hashes": BLOOM_HASHES},
            "labels": labels(self.archive, theme, lang),
        });
        files.push(script(lang, "index.js", "index", &Value::Null, &manifest));
        files
    }
}

fn analyze(archive: &Archive, index: usize, version: &Version, analyzer: &Analyzer) -> Raw {
    let document = &archive.documents[index];
    let mut raw = Raw {
        terms: Vec::new(),
        weights: Vec::new(),
    };
    let mut position = 0;
    let mut field = |weight: u32, text: &str| {
        let before = raw.terms.len();
        position = analyzer.terms(text, position, &mut raw.terms) + FIELD_GAP;
        raw.weights
            .resize(raw.weights.len() + raw.terms.len() - before, weight);
    };
    let title = match &version.meta {
        Meta::Session(s) => format!("{} {}", s.code, s.title),
        other => other.title().to_string(),
    };
    field(TITLE_WEIGHT, &title);
    let mut highlights = version.meta.key_takeaways().join(" ");
    if let Meta::Session(s) = &version.meta {
        highlights.push(' ');
        highlights.push_str(&s.calls_to_action.join(" "));
    }
    field(TAKEAWAY_WEIGHT, &highlights);
    let default = &archive.config.default_language;
    let tracks: Vec<&str> = version
        .meta
        .tracks()
        .iter()
        .filter_map(|t| {
            archive
                .meeting(document.year)?
                .tracks
                .get(t)
                .map(|t| t.title.get(&version.lang, default))
        })
        .collect();
    field(TRACK_WEIGHT, &tracks.join(" "));
    field(1, &version.body.text);
    raw
}

/// FNV-1a over UTF-16 code units, as `search.js` computes it.
fn fnv(text: &str, seed: u32, mut hash: u32) -> u32 {
    hash ^= seed;
    for unit in text.encode_utf16() {
        hash ^= u32::from(unit);
        hash = hash.wrapping_mul(16_777_619);
    }
    hash
}

/// The two hashes of a word pair (double hashing).
fn pair_hashes(first: &str, second: &str) -> (u32, u32) {
    let h1 = fnv(second, 0, fnv(first, 0, 2_166_136_261) ^ 1);
    let h2 = fnv(
        second,
        0x9e37_79b9,
        fnv(first, 0x9e37_79b9, 2_166_136_261) ^ 1,
    ) | 1;
    (h1, h2)
}

fn bits_of(h1: u32, h2: u32, bits: u32) -> impl Iterator<Item = u32> {
    (0..BLOOM_HASHES).map(move |i| h1.wrapping_add(i.wrapping_mul(h2)) % bits)
}

/// The bit positions a word pair sets in a filter of `bits` bits.
pub fn pair_bits(first: &str, second: &str, bits: u32) -> impl Iterator<Item = u32> {
    let (h1, h2) = pair_hashes(first, second);
    bits_of(h1, h2, bits)
}

/// A Bloom filter of the pairs of (non-CJK) words at consecutive positions.
fn pair_filter(terms: &[Term]) -> String {
    let words: Vec<&Term> = terms
        .iter()
        .filter(|t| !t.term.chars().next().is_some_and(crate::markdown::is_cjk))
        .collect();
    // Each pair as its two hashes, so that repeats are found by comparing
    // numbers, not strings.
    let mut pairs: Vec<(u32, u32)> = words
        .windows(2)
        .filter(|w| w[1].position == w[0].position + 1)
        .map(|w| pair_hashes(&w[0].term, &w[1].term))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let bytes = (pairs.len() * BLOOM_BITS_PER_PAIR).div_ceil(8).max(8);
    let mut filter = vec![0u8; bytes];
    let bits = (bytes * 8) as u32;
    for (h1, h2) in pairs {
        for bit in bits_of(h1, h2, bits) {
            filter[(bit / 8) as usize] |= 1 << (bit % 8);
        }
    }
    base64::engine::general_purpose::STANDARD.encode(filter)
}

/// The postings of one term for one language, in that language's document
/// numbers: for each document, the gap since the previous one shifted left
/// by three bits, plus a BM25 weight from 0 to 7. The reader's language's
/// documents (numbers below `own`) come first, each group in the order of
/// `list`, so no sorting is needed.
fn encode_postings(list: &[(u32, u32)], ids: &[Option<u32>], own: u32, norms: &[f32]) -> String {
    let mut out = String::new();
    let mut previous: Option<u32> = None;
    for own_first in [true, false] {
        for &(version, tf) in list {
            let Some(doc) = ids[version as usize] else {
                continue;
            };
            if (doc < own) != own_first {
                continue;
            }
            let tf = tf as f32;
            let saturation = tf / (tf + norms[version as usize]);
            let weight = (saturation * 8.0).floor().clamp(0.0, 7.0) as u32;
            let gap = previous.map_or(doc, |p| doc - p);
            push_varint(&mut out, (gap << 3) | weight);
            previous = Some(doc);
        }
    }
    out
}

fn push_entry(out: &mut String, key: &str, value: &str) {
    if !out.is_empty() {
        out.push(',');
    }
    push_json_string(out, key);
    out.push(':');
    push_json_string(out, value);
}

fn push_json_string(out: &mut String, text: &str) {
    if text
        .chars()
        .any(|c| c == '"' || c == '\\' || c < ' ' || c == '\u{2028}' || c == '\u{2029}')
    {
        out.push_str(&serde_json::to_string(text).unwrap_or_default());
    } else {
        out.push('"');
        out.push_str(text);
        out.push('"');
    }
}

fn shard_file(lang: &str, n: usize, surfaces: &str, terms: &str) -> OutputFile {
    let mut body = String::with_capacity(surfaces.len() + terms.len() + 64);
    let _ = writeln!(
        body,
        "IGFSearch.shard({},{n},{{\"s\":{{{surfaces}}},\"t\":{{{terms}}}}});",
        json!(lang)
    );
    OutputFile {
        path: format!("search/{lang}/t-{n}.js"),
        bytes: body.into_bytes(),
    }
}

fn script(lang: &str, name: &str, kind: &str, id: &Value, data: &Value) -> OutputFile {
    let lang_json = json!(lang);
    let body = if id.is_null() {
        format!("IGFSearch.{kind}({lang_json},{data});\n")
    } else {
        format!("IGFSearch.{kind}({lang_json},{id},{data});\n")
    };
    OutputFile {
        path: format!("search/{lang}/{name}"),
        bytes: body.into_bytes(),
    }
}

/// 64 characters that need no escaping in a JavaScript string.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// `push_varint` for numbers up to 2^53.
fn push_varint64(out: &mut String, mut value: u64) {
    loop {
        let low = (value & 31) as usize;
        value >>= 5;
        if value == 0 {
            out.push(DIGITS[low] as char);
            return;
        }
        out.push(DIGITS[low + 32] as char);
    }
}

/// A number as base-32 digits, least significant first; a digit of 32 or
/// more says another follows.
pub fn push_varint(out: &mut String, value: u32) {
    push_varint64(out, u64::from(value));
}

fn document_meta(archive: &Archive, index: usize, version: &Version) -> Value {
    let document = &archive.documents[index];
    let excerpt = match version.meta.key_takeaways().first() {
        Some(takeaway) => takeaway.clone(),
        None => crate::feeds::excerpt(&version.body.text, 220),
    };
    let code = version.meta.session().map_or("", |s| s.code.as_str());
    json!([
        version.meta.title(),
        page_link(
            archive,
            &Page::Document {
                lang: &version.lang,
                index
            }
        ),
        version.lang,
        code,
        excerpt,
        document.kind.name(),
        version.meta.doc_type().unwrap_or(""),
        document.year,
        version.meta.tracks()
    ])
}

fn labels(archive: &Archive, theme: &Theme, lang: &str) -> Value {
    let default = &archive.config.default_language;
    let mut tracks = serde_json::Map::new();
    for id in archive.track_ids() {
        if let Some(track) = archive.latest_track(id) {
            tracks.insert(id.to_string(), json!(track.title.get(lang, default)));
        }
    }
    let types: serde_json::Map<String, Value> = crate::content::SESSION_TYPES
        .iter()
        .map(|t| (t.to_string(), json!(theme.nested(lang, "session_types", t))))
        .chain(crate::content::OUTPUT_TYPES.iter().map(|t| {
            (
                format!("output:{t}"),
                json!(theme.nested(lang, "output_types", t)),
            )
        }))
        .collect();
    let kinds: serde_json::Map<String, Value> = Kind::ALL
        .iter()
        .map(|k| {
            (
                k.name().to_string(),
                json!(theme.nested(lang, "kinds", k.name())),
            )
        })
        .collect();
    let languages: serde_json::Map<String, Value> = archive
        .config
        .languages
        .iter()
        .map(|l| (l.code.clone(), json!(l.name)))
        .collect();
    json!({
        "years": archive.meetings.iter().rev().map(|m| m.year).collect::<Vec<_>>(),
        "tracks": tracks,
        "types": types,
        "kinds": kinds,
        "languages": languages,
        "strings": {
            "count": theme.text(lang, "search_result_count", &[]),
            "none": theme.text(lang, "search_no_results", &[]),
            "only_in": theme.text(lang, "only_in", &[]),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_short_and_safe_in_strings() {
        let mut out = String::new();
        for n in [0, 31, 32, 1023, 1024] {
            push_varint(&mut out, n);
        }
        assert_eq!(out, "0VW1_VWW1");
    }

    #[test]
    fn pair_filters_hold_the_pairs_they_were_given() {
        let mut terms = Vec::new();
        Analyzer::new("en").terms("data protection needs trust", 0, &mut terms);
        let filter = base64::engine::general_purpose::STANDARD
            .decode(pair_filter(&terms))
            .unwrap();
        let bits = (filter.len() * 8) as u32;
        let has = |a: &str, b: &str| {
            pair_bits(a, b, bits).all(|bit| filter[(bit / 8) as usize] & (1 << (bit % 8)) != 0)
        };
        assert!(has("data", "protect") && has("protect", "need") && has("need", "trust"));
        assert!(!has("protect", "data"), "order matters");
    }
}
