//! Building the search index: one for the whole site, shared by every
//! language's search page, split into small `.js` files that register
//! themselves with `IGFSearch`, so that they load with `<script>` — from a
//! server or straight from disk — and only when a query needs them.
//!
//! Files under `search/`:
//! - `index.js`: document count, the language groups of the numbering, the
//!   first key of every shard;
//! - `l-<lang>.js`: one language's labels, and the originals its readers do
//!   not see because the document is written in their language too;
//! - `t-<n>.js`: a run of keys in sorted order: terms with their postings
//!   (document gaps and a 3-bit BM25 weight, packed in one number), and the
//!   surface forms that stand for other terms (so the browser needs no
//!   stemmer);
//! - `f.js`: each document's filter values (year, kind, type, language,
//!   tracks) as ids into a small table, for counts per filter value;
//! - `m-<n>.js`: titles, addresses and excerpts of documents, in chunks;
//! - `b-<n>.js`: for phrase queries, a Bloom filter per document of the
//!   pairs of words that follow each other in it (word positions would be
//!   five times larger).
//!
//! Every language version is one document of the index, numbered by
//! language: each language's originals, then its translations. A reader's
//! language is then one range of numbers, ranked first; translations into
//! other languages are hidden, and so are originals that the reader's
//! language has a version of. One index instead of one per language: six
//! times less to build and to host.

use crate::analysis::vocabulary::{
    Analyzed, BLOOM_HASHES, Vocabularies, pack_varint, unpack_varint,
};
use crate::content::parse::analyze_version;
use crate::content::{Archive, Kind, Version};
use crate::pages::{Emit, OutputFile, Page, page_link};
use crate::theme::Theme;
use rayon::prelude::*;
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::sync::Arc;

/// A shard is closed once it holds about this many bytes.
const SHARD_BYTES: usize = 24 * 1024;
/// Keys encoded at a time: enough to share among workers, few enough that
/// the encoded index is never held whole.
const KEY_BLOCK: usize = 16 * 1024;
/// Documents per metadata and pair-filter file. A document's metadata is
/// `[title, address, language, code, excerpt, kind, type, year, tracks]`.
pub const META_CHUNK: usize = 16;
/// BM25 parameters.
const K1: f32 = 1.2;
const B: f32 = 0.75;
const TRACK_WEIGHT: u32 = 2;
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

/// One document of the index: a language version of an archive document.
struct Entry<'a> {
    /// Index into `Archive::documents`.
    index: usize,
    version: &'a Version,
    is_original: bool,
}

/// The index, assembled from numbers.
struct Corpus<'a> {
    archive: &'a Archive,
    /// The documents of the index, in index order.
    entries: Vec<Entry<'a>>,
    /// (language, originals, translations) in index order.
    groups: Vec<(String, usize, usize)>,
    /// Weighted length of each document, for BM25.
    lengths: Vec<u32>,
    /// Each document's own text, analysed (for its filter of word pairs).
    texts: Vec<Arc<Analyzed>>,
    /// Terms and surface forms, numbered.
    strings: Vec<Arc<str>>,
    /// String ids in the order JavaScript sorts strings (UTF-16 units).
    sorted: Vec<u32>,
    /// Term id → (document gap, weighted tf) in document order, packed.
    postings: Vec<Vec<u8>>,
    /// Surface id → the terms it stands for.
    surface_terms: Vec<Vec<u32>>,
}

/// Every file of the search index, with the vocabularies that analysed the
/// versions' text as they were parsed (`Version::analysis`); versions
/// without an analysis are analysed here.
pub fn files_with(archive: &Archive, theme: &Theme, vocabularies: &Vocabularies, emit: Emit) {
    let corpus = Corpus::build(archive, vocabularies);
    corpus.shared_files(emit);
    for language in &archive.config.languages {
        emit(corpus.language_file(theme, &language.code));
    }
}

/// The order of two strings by their UTF-16 code units, as JavaScript
/// sorts them. That is UTF-8's byte order, except between U+E000–U+FFFF
/// (lead bytes 0xEE, 0xEF) and the characters past U+FFFF (lead bytes
/// 0xF0–0xF4): in UTF-16 these come first, as surrogates (0xD800–0xDFFF).
fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    match a.iter().zip(b).find(|(x, y)| x != y) {
        Some((&x, &y)) if x >= 0xEE && y >= 0xEE => {
            let past_plane = |lead: u8| lead >= 0xF0;
            past_plane(y).cmp(&past_plane(x)).then(x.cmp(&y))
        }
        Some((x, y)) => x.cmp(y),
        None => a.len().cmp(&b.len()),
    }
}

impl<'a> Corpus<'a> {
    fn build(archive: &'a Archive, vocabularies: &Vocabularies) -> Self {
        let (entries, groups) = numbering(archive);
        // The text as parsed, and the titles of the tracks in the
        // version's language (known only from the meeting).
        let analyzed: Vec<(Arc<Analyzed>, Analyzed)> = entries
            .par_iter()
            .map(|entry| {
                let version = entry.version;
                let text = version.analysis.clone().unwrap_or_else(|| {
                    Arc::new(analyze_version(
                        vocabularies,
                        &version.lang,
                        &version.meta,
                        &version.body.text,
                    ))
                });
                let tracks = track_titles(archive, entry.index, version);
                let tracks = vocabularies.analyze(&version.lang, &[(TRACK_WEIGHT, &tracks)]);
                (text, tracks)
            })
            .collect();
        let merged = vocabularies.merge();
        // Each term's documents, packed: gaps and frequencies.
        let mut postings: Vec<Vec<u8>> = vec![Vec::new(); merged.strings.len()];
        let mut last_doc: Vec<u32> = vec![0; merged.strings.len()];
        // A version's terms are at most once in its text's analysis and
        // once in its tracks' (a few words): a term in both is one posting,
        // its frequencies summed.
        let mut track_terms: Vec<(u32, u32)> = Vec::new();
        for (n, (text, tracks)) in analyzed.iter().enumerate() {
            let n = n as u32;
            let mut post = |term: u32, tf: u32| {
                let term = term as usize;
                pack_varint(&mut postings[term], n - last_doc[term]);
                pack_varint(&mut postings[term], tf);
                last_doc[term] = n;
            };
            let global = &merged.global[tracks.worker];
            track_terms.clear();
            track_terms.extend(tracks.terms().map(|(t, tf)| (global[t as usize], tf)));
            let global = &merged.global[text.worker];
            for (term, tf) in text.terms() {
                let term = global[term as usize];
                let in_tracks = track_terms.iter().position(|&(t, _)| t == term);
                let track_tf = in_tracks.map_or(0, |at| track_terms.swap_remove(at).1);
                post(term, tf + track_tf);
            }
            for &(term, tf) in &track_terms {
                post(term, tf);
            }
        }
        let lengths: Vec<u32> = analyzed.iter().map(|(t, k)| t.length + k.length).collect();
        let texts: Vec<Arc<Analyzed>> = analyzed.into_iter().map(|(t, _)| t).collect();
        let mut surface_terms: Vec<Vec<u32>> = vec![Vec::new(); merged.strings.len()];
        for &(surface, term) in &merged.surfaces {
            surface_terms[surface as usize].push(term);
        }
        let strings = merged.strings;
        let mut sorted: Vec<u32> = (0..strings.len() as u32).collect();
        sorted.par_sort_by(|&a, &b| utf16_order(&strings[a as usize], &strings[b as usize]));
        Corpus {
            archive,
            entries,
            groups,
            lengths,
            texts,
            strings,
            sorted,
            postings,
            surface_terms,
        }
    }

    fn shared_files(&self, emit: Emit) {
        let average =
            self.lengths.iter().map(|&l| l as f32).sum::<f32>() / self.lengths.len().max(1) as f32;
        let norms: Vec<f32> = self
            .lengths
            .iter()
            .map(|&l| K1 * (1.0 - B + B * l as f32 / average.max(1.0)))
            .collect();

        // Keys in sorted order, encoded a block at a time in parallel, cut
        // into shards and written as they fill.
        let mut firsts: Vec<&str> = Vec::new();
        let mut surface_part = String::new();
        let mut term_part = String::new();
        for block in self.sorted.chunks(KEY_BLOCK) {
            let keys: Vec<(u32, String, String)> = block
                .par_iter()
                .filter_map(|&key| self.encode_key(key, &norms))
                .collect();
            for (key, postings, terms) in &keys {
                let key_text = &*self.strings[*key as usize];
                if firsts.is_empty() || surface_part.len() + term_part.len() > SHARD_BYTES {
                    if !firsts.is_empty() {
                        emit(shard_file(firsts.len() - 1, &surface_part, &term_part));
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
        }
        if !firsts.is_empty() {
            emit(shard_file(firsts.len() - 1, &surface_part, &term_part));
        }

        self.entries
            .par_chunks(META_CHUNK)
            .zip(self.texts.par_chunks(META_CHUNK))
            .enumerate()
            .for_each(|(n, (entries, texts))| {
                let meta: Vec<Value> = entries
                    .iter()
                    .map(|e| document_meta(self.archive, e.index, e.version))
                    .collect();
                emit(script(&format!("m-{n}.js"), "meta", Some(n), &json!(meta)));
                let pairs: Vec<&str> = texts.iter().map(|t| t.pairs.as_str()).collect();
                emit(script(
                    &format!("b-{n}.js"),
                    "pairs",
                    Some(n),
                    &json!(pairs),
                ));
            });
        let mut facets = Facets::default();
        for entry in &self.entries {
            let document = &self.archive.documents[entry.index];
            let version = entry.version;
            facets.push(
                document.year,
                document.kind.name(),
                version.meta.doc_type().unwrap_or(""),
                &version.lang,
                version.meta.tracks(),
            );
        }
        emit(script("f.js", "facets", None, &facets.to_json()));
        let manifest = json!({
            "n": self.entries.len(),
            "groups": self.groups,
            "chunk": META_CHUNK,
            "shards": firsts,
            "bloom": {"hashes": BLOOM_HASHES},
        });
        emit(script("index.js", "index", None, &manifest));
    }

    /// One key's postings and the terms it stands for as a surface form,
    /// encoded; `None` when it has neither.
    fn encode_key(&self, key: u32, norms: &[f32]) -> Option<(u32, String, String)> {
        let postings = encode_postings(&self.postings[key as usize], norms);
        // Sorted by text: numbers depend on which worker met a word first.
        let mut terms: Vec<&str> = self.surface_terms[key as usize]
            .iter()
            .map(|t| &*self.strings[*t as usize])
            .collect();
        terms.sort_unstable();
        let terms = terms.join(" ");
        (!postings.is_empty() || !terms.is_empty()).then_some((key, postings, terms))
    }

    /// What a reader of `lang` needs besides the shared files: labels in
    /// their language, and the originals they see in their own language
    /// instead (as gaps between their numbers).
    fn language_file(&self, theme: &Theme, lang: &str) -> OutputFile {
        let mut hidden = String::new();
        let mut previous = 0;
        for (n, entry) in self.entries.iter().enumerate() {
            let document = &self.archive.documents[entry.index];
            if entry.is_original && entry.version.lang != lang && document.version(lang).is_some() {
                push_varint(&mut hidden, n as u32 - previous);
                previous = n as u32;
            }
        }
        let mut data = labels(self.archive, theme, lang);
        data["hidden"] = json!(hidden);
        OutputFile {
            path: format!("search/l-{lang}.js"),
            bytes: format!("IGFSearch.labels({},{data});\n", json!(lang)).into_bytes(),
        }
    }
}

/// The documents of the index in order, and the language groups: each
/// language's originals, then its translations, newest meeting first. Site
/// languages come in `site.yaml`'s order.
fn numbering(archive: &Archive) -> (Vec<Entry<'_>>, Vec<(String, usize, usize)>) {
    let mut order: Vec<usize> = (0..archive.documents.len()).collect();
    order.sort_by_key(|&i| {
        let d = &archive.documents[i];
        (std::cmp::Reverse(d.year), d.kind, d.slug.as_str())
    });
    let mut languages: Vec<&str> = archive
        .config
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    let mut entries = Vec::new();
    for &index in &order {
        for (n, version) in archive.documents[index].versions.iter().enumerate() {
            if !languages.contains(&version.lang.as_str()) {
                languages.push(&version.lang);
            }
            entries.push(Entry {
                index,
                version,
                is_original: n == 0,
            });
        }
    }
    let group = |e: &Entry| languages.iter().position(|l| *l == e.version.lang);
    // Stable: within a group, the meeting order above is kept.
    entries.sort_by_key(|e| (group(e), !e.is_original));
    let groups = languages
        .iter()
        .map(|lang| {
            let of = |original: bool| {
                entries
                    .iter()
                    .filter(|e| e.version.lang == *lang && e.is_original == original)
                    .count()
            };
            (lang.to_string(), of(true), of(false))
        })
        .collect();
    (entries, groups)
}

/// The titles of a version's tracks in its language, as its meeting names
/// them.
fn track_titles(archive: &Archive, index: usize, version: &Version) -> String {
    let year = archive.documents[index].year;
    let default = &archive.config.default_language;
    let titles: Vec<&str> = version
        .meta
        .tracks()
        .iter()
        .filter_map(|t| {
            archive
                .meeting(year)?
                .tracks
                .get(t)
                .map(|t| t.title.get(&version.lang, default))
        })
        .collect();
    titles.join(" ")
}

/// The postings of one term: for each document, the gap since the
/// previous one shifted left by three bits, plus a BM25 weight from 0 to 7.
fn encode_postings(list: &[u8], norms: &[f32]) -> String {
    let mut out = String::new();
    let mut at = 0;
    let mut doc = 0;
    while at < list.len() {
        let gap = unpack_varint(list, &mut at);
        let tf = unpack_varint(list, &mut at) as f32;
        doc += gap;
        let saturation = tf / (tf + norms[doc as usize]);
        let weight = (saturation * 8.0).floor().clamp(0.0, 7.0) as u32;
        push_varint(&mut out, (gap << 3) | weight);
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

fn shard_file(n: usize, surfaces: &str, terms: &str) -> OutputFile {
    let mut body = String::with_capacity(surfaces.len() + terms.len() + 64);
    let _ = writeln!(
        body,
        "IGFSearch.shard({n},{{\"s\":{{{surfaces}}},\"t\":{{{terms}}}}});"
    );
    OutputFile {
        path: format!("search/t-{n}.js"),
        bytes: body.into_bytes(),
    }
}

fn script(name: &str, kind: &str, id: Option<usize>, data: &Value) -> OutputFile {
    let body = match id {
        Some(id) => format!("IGFSearch.{kind}({id},{data});\n"),
        None => format!("IGFSearch.{kind}({data});\n"),
    };
    OutputFile {
        path: format!("search/{name}"),
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
        None => crate::text::excerpt(&version.body.text, 220),
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
    let types: serde_json::Map<String, Value> = crate::content::SessionType::NAMES
        .iter()
        .map(|t| (t.to_string(), json!(theme.nested(lang, "session_types", t))))
        .chain(crate::content::OutputType::NAMES.iter().map(|t| {
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

    /// The browser finds a key's shard by comparing strings as JavaScript
    /// does; the keys must be sorted the same way, or searches miss.
    #[test]
    fn keys_sort_as_javascript_compares_them() {
        let keys = [
            "",
            "a",
            "ab",
            "b",
            "é",
            "données",
            "donnees",
            "数据",
            "数",
            "\u{E000}",
            "\u{FFFD}",
            "\u{10000}",
            "\u{1F600}x",
            "\u{1F600}",
            "a\u{10000}",
            "a\u{FFFF}",
            "امن",
        ];
        for a in keys {
            for b in keys {
                let javascript = a.encode_utf16().cmp(b.encode_utf16());
                assert_eq!(utf16_order(a, b), javascript, "{a:?} against {b:?}");
            }
        }
        // Where UTF-8's byte order and UTF-16's disagree.
        assert!(utf16_order("\u{10000}", "\u{E000}").is_lt());
        // Every pair of two-character keys from the encodings' edges.
        let edges = [
            '\u{7F}',
            '\u{80}',
            '\u{7FF}',
            '\u{800}',
            '\u{D7FF}',
            '\u{E000}',
            '\u{EFFF}',
            '\u{F000}',
            '\u{FFFF}',
            '\u{10000}',
            '\u{FFFFF}',
            '\u{10FFFF}',
        ];
        let keys: Vec<String> = edges
            .iter()
            .flat_map(|&a| edges.iter().map(move |&b| format!("{a}{b}")))
            .collect();
        for a in &keys {
            for b in &keys {
                let javascript = a.encode_utf16().cmp(b.encode_utf16());
                assert_eq!(utf16_order(a, b), javascript, "{a:?} against {b:?}");
            }
        }
    }
}
