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
//! - `t-<n>.js`: a run of keys in sorted order: terms with their entries,
//!   and the surface forms that stand for other terms (so the browser
//!   needs no stemmer). A term's entry is up to three parts, apart by
//!   spaces: its postings (for each document, the gap since the previous
//!   one shifted left by four bits, plus its BM25F level, `scoring`); the
//!   documents with it in their title (gaps, each followed by the number
//!   of words of that title); its positions (`positions`): `.` and the
//!   positions, or where their blocks are; and the same for its positions
//!   in the key text alone (title, takeaways and calls to action, read
//!   first: a document's first positions), which rank documents whose
//!   key text holds the query's words together, at a fraction of the
//!   bytes of all positions;
//! - `p-<n>.js`: blocks of positions (`positions`);
//! - `f.js`: each document's filter values (year, kind, type, language,
//!   tracks) as ids into a small table, for counts per filter value;
//! - `m-<n>.js`: titles, addresses and excerpts of documents, in chunks.
//!
//! Every language version is one document of the index, numbered by
//! language: each language's originals, then its translations. A reader's
//! language is then one range of numbers, ranked first; translations into
//! other languages are hidden, and so are originals that the reader's
//! language has a version of. One index instead of one per language: six
//! times less to build and to host.

use super::encoding::{push_entry, push_varint, script, shard_file};
use super::facets::Facets;
use super::key_order::utf16_order;
use super::positions::{self, Files};
use super::results::{document_meta, labels};
use super::scoring::{LEVELS, Norms};
use crate::analysis::packing::{pack_counts, pack_varint, unpack_counts, unpack_varint};
use crate::analysis::vocabulary::{Analyzed, Merged, Vocabularies};
use crate::analysis::{FIELDS, Field};
use crate::content::parse::analyze_version;
use crate::content::{Archive, Version};
use crate::pages::{Emit, OutputFile};
use crate::theme::Theme;
use rayon::prelude::*;
use serde_json::{Value, json};
use std::sync::Arc;

/// A shard is closed once it holds about this many bytes.
const SHARD_BYTES: usize = 24 * 1024;
/// Keys encoded at a time: enough to share among workers, few enough that
/// the encoded index is never held whole.
const KEY_BLOCK: usize = 16 * 1024;
/// Documents per metadata file. A document's metadata is
/// `[title, address, language, code, excerpt, kind, type, year, tracks]`.
pub const META_CHUNK: usize = 16;

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
    /// The number of tokens in each field of each document, for BM25F.
    lengths: Vec<[u32; FIELDS]>,
    /// The number of words in each document's title.
    title_words: Vec<u32>,
    /// Terms and surface forms, numbered.
    strings: Vec<Arc<str>>,
    /// String ids in the order JavaScript sorts strings (UTF-16 units).
    sorted: Vec<u32>,
    /// Term id → its documents, counts and positions.
    postings: Vec<TermPostings>,
    /// Surface id → the terms it stands for.
    surface_terms: Vec<Vec<u32>>,
}

/// A version's text as parsed, and the titles of its tracks in its
/// language (known only from the meeting), both analysed.
type AnalyzedEntry = (Arc<Analyzed>, Analyzed);

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

impl<'a> Corpus<'a> {
    fn build(archive: &'a Archive, vocabularies: &Vocabularies) -> Self {
        let (entries, groups) = numbering(archive);
        let analyzed = analyze_entries(archive, vocabularies, &entries);
        let merged = vocabularies.merge();
        let postings = postings(&analyzed, &merged);
        let lengths = analyzed.iter().map(|(t, _)| t.lengths).collect();
        let title_words = analyzed.iter().map(|(t, _)| t.title_words).collect();
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
            title_words,
            strings,
            sorted,
            postings,
            surface_terms,
        }
    }

    /// The files every language shares: the term shards and positions,
    /// the documents' metadata, the facets, and `index.js`.
    fn shared_files(&self, emit: Emit) {
        let shards = self.term_shards(&Norms::new(&self.lengths), emit);
        self.document_files(emit);
        emit(script("f.js", "facets", None, &self.facets().to_json()));
        let manifest = json!({
            "n": self.entries.len(),
            "groups": self.groups,
            "chunk": META_CHUNK,
            "shards": shards,
            "levels": LEVELS,
        });
        emit(script("index.js", "index", None, &manifest));
    }

    /// The `t-<n>.js` and `p-<n>.js` files: keys in sorted order, encoded
    /// a block at a time in parallel, cut into shards and written as they
    /// fill. Returns each shard's first key.
    fn term_shards(&self, norms: &Norms, emit: Emit) -> Vec<&str> {
        let mut firsts: Vec<&str> = Vec::new();
        let mut surface_part = String::new();
        let mut term_part = String::new();
        let mut position_files = Files::default();
        for block in self.sorted.chunks(KEY_BLOCK) {
            let keys: Vec<EncodedKey> = block
                .par_iter()
                .filter_map(|&key| self.encode_key(key, norms))
                .collect();
            for key in keys {
                let key_text = &*self.strings[key.key as usize];
                let full = surface_part.len() + term_part.len() > SHARD_BYTES;
                if firsts.is_empty() || (full && !stays_with_its_terms(&key, key_text, &firsts)) {
                    if !firsts.is_empty() {
                        emit(shard_file(firsts.len() - 1, &surface_part, &term_part));
                    }
                    firsts.push(key_text);
                    surface_part.clear();
                    term_part.clear();
                }
                if !key.terms.is_empty() {
                    push_entry(&mut surface_part, key_text, &key.terms);
                }
                if !key.postings.is_empty() {
                    let mut entry = key.postings;
                    let positions = key.positions.map(|p| position_files.add(p));
                    if !key.titles.is_empty() || positions.is_some() {
                        entry.push(' ');
                        entry.push_str(&key.titles);
                    }
                    if let Some(positions) = positions {
                        entry.push(' ');
                        entry.push_str(&positions);
                    }
                    if let Some(key_positions) = key.key_positions {
                        entry.push(' ');
                        entry.push_str(&position_files.add(key_positions));
                    }
                    push_entry(&mut term_part, key_text, &entry);
                }
            }
            position_files.write(false, emit);
        }
        if !firsts.is_empty() {
            emit(shard_file(firsts.len() - 1, &surface_part, &term_part));
        }
        position_files.write(true, emit);
        firsts
    }

    /// The `m-<n>.js` files: the documents' metadata, `META_CHUNK`
    /// documents a file.
    fn document_files(&self, emit: Emit) {
        self.entries
            .par_chunks(META_CHUNK)
            .enumerate()
            .for_each(|(n, entries)| {
                let meta: Vec<Value> = entries
                    .iter()
                    .map(|e| document_meta(self.archive, e.index, e.version))
                    .collect();
                emit(script(&format!("m-{n}.js"), "meta", Some(n), &json!(meta)));
            });
    }

    /// Every document's filter values, in index order.
    fn facets(&self) -> Facets {
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
        facets
    }

    /// One key's entry and the terms it stands for as a surface form,
    /// encoded; `None` when it has neither.
    fn encode_key(&self, key: u32, norms: &Norms) -> Option<EncodedKey> {
        let term = &self.postings[key as usize];
        let mut postings = String::new();
        let mut titles = String::new();
        let (mut at, mut doc, mut title_doc) = (0, 0, 0);
        while at < term.postings.len() {
            let gap = unpack_varint(&term.postings, &mut at);
            let (counts, _) = unpack_counts(&term.postings, &mut at);
            doc += gap;
            push_varint(&mut postings, gap << 4 | norms.level(doc as usize, counts));
            if counts[Field::Title as usize] > 0 {
                push_varint(&mut titles, doc - title_doc);
                push_varint(&mut titles, self.title_words[doc as usize]);
                title_doc = doc;
            }
        }
        let positions =
            (term.positioned && !postings.is_empty()).then(|| positions::encode(&term.positions));
        let key_positions = (positions.is_some() && term.in_key_text)
            .then(|| positions::encode(&term.key_positions));
        // Sorted by text: numbers depend on which worker met a word first.
        let mut terms: Vec<&str> = self.surface_terms[key as usize]
            .iter()
            .map(|t| &*self.strings[*t as usize])
            .collect();
        terms.sort_unstable();
        let terms = terms.join(" ");
        (!postings.is_empty() || !terms.is_empty()).then_some(EncodedKey {
            key,
            postings,
            titles,
            positions,
            key_positions,
            terms,
        })
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

/// Each entry's text and tracks, analysed (the text usually was already,
/// as it was parsed).
fn analyze_entries(
    archive: &Archive,
    vocabularies: &Vocabularies,
    entries: &[Entry],
) -> Vec<AnalyzedEntry> {
    entries
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
            let tracks = vocabularies.analyze(&version.lang, &[(Field::Body, &tracks)]);
            (text, tracks)
        })
        .collect()
}

/// One term's documents, packed: for each, the gap since the previous
/// one and its counts (`pack_counts`); and for each, if the term has
/// positions, their count and gaps, in all of the document and in its
/// key text alone (title, takeaways and calls to action).
#[derive(Clone, Default)]
struct TermPostings {
    postings: Vec<u8>,
    positions: Vec<u8>,
    key_positions: Vec<u8>,
    /// Whether any document has the term in its key text.
    in_key_text: bool,
    /// False for a CJK bigram: phrases are matched by characters.
    positioned: bool,
}

/// Whether a key that only stands for other terms (a word's surface
/// form, "community" for "communiti") belongs in the shard being filled
/// even though it is full: every term it stands for is in it. A reader's
/// word then costs one shard, not two. A stem sorts just before its
/// longer forms, and a common word's long postings are what fills a
/// shard, so without this its forms would often open the next one.
fn stays_with_its_terms(key: &EncodedKey, key_text: &str, firsts: &[&str]) -> bool {
    let Some(first) = firsts.last() else {
        return false;
    };
    key.postings.is_empty()
        && !key.terms.is_empty()
        && key
            .terms
            .split(' ')
            .all(|term| *first <= term && term < key_text)
}

/// One key of the index, encoded: its entry in three parts, and the terms
/// it stands for as a surface form.
struct EncodedKey {
    key: u32,
    postings: String,
    titles: String,
    positions: Option<positions::Encoded>,
    key_positions: Option<positions::Encoded>,
    terms: String,
}

/// Each term's documents, by the merged vocabulary's term ids. The
/// titles of a document's tracks count as its body, but have no
/// positions: they are not part of its text.
fn postings(analyzed: &[AnalyzedEntry], merged: &Merged) -> Vec<TermPostings> {
    let mut postings: Vec<TermPostings> = vec![TermPostings::default(); merged.strings.len()];
    let mut last_doc: Vec<u32> = vec![0; merged.strings.len()];
    // A version's terms are at most once in its text's analysis and
    // once in its tracks' (a few words): a term in both is one posting.
    let mut track_terms: Vec<(u32, u32, bool)> = Vec::new();
    for (n, (text, tracks)) in analyzed.iter().enumerate() {
        let n = n as u32;
        let mut post = |term: u32, counts: [u32; FIELDS], positioned: bool, at: &[u8]| {
            let list = &mut postings[term as usize];
            pack_varint(&mut list.postings, n - last_doc[term as usize]);
            pack_counts(&mut list.postings, counts, false);
            list.positioned = positioned;
            if positioned {
                let words = at.iter().filter(|&&byte| byte < 0x80).count();
                pack_varint(&mut list.positions, words as u32);
                list.positions.extend_from_slice(at);
                // The key text is read first: its positions lead the list.
                let key = counts[Field::Title as usize] + counts[Field::Highlights as usize];
                let key = key.min(words as u32);
                pack_varint(&mut list.key_positions, key);
                list.key_positions
                    .extend_from_slice(&at[..varints_end(at, key as usize)]);
                list.in_key_text |= key > 0;
            }
            last_doc[term as usize] = n;
        };
        let global = &merged.global[tracks.worker];
        track_terms.clear();
        track_terms.extend(tracks.terms().map(|t| {
            let body = t.counts[Field::Body as usize];
            (global[t.term as usize], body, t.positioned)
        }));
        let global = &merged.global[text.worker];
        for t in text.terms() {
            let term = global[t.term as usize];
            let mut counts = t.counts;
            if let Some(at) = track_terms.iter().position(|&(k, _, _)| k == term) {
                counts[Field::Body as usize] += track_terms.swap_remove(at).1;
            }
            post(term, counts, t.positioned, t.packed_positions());
        }
        for &(term, body, positioned) in &track_terms {
            post(term, [0, 0, body], positioned, &[]);
        }
    }
    // Lists grow by doubling: a third of their room would lie unused.
    for list in &mut postings {
        list.postings.shrink_to_fit();
        list.positions.shrink_to_fit();
        list.key_positions.shrink_to_fit();
    }
    postings
}

/// Where the first `count` varints of `packed` end.
fn varints_end(packed: &[u8], count: usize) -> usize {
    if count == 0 {
        return 0;
    }
    packed
        .iter()
        .enumerate()
        .filter(|&(_, &byte)| byte < 0x80)
        .nth(count - 1)
        .map_or(packed.len(), |(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each document's count and positions, as a term's list packs them.
    fn unpack_lists(packed: &[u8]) -> Vec<Vec<u32>> {
        let mut lists = Vec::new();
        let mut at = 0;
        while at < packed.len() {
            let count = unpack_varint(packed, &mut at);
            let mut position = 0;
            let list = (0..count)
                .map(|_| {
                    position += unpack_varint(packed, &mut at);
                    position
                })
                .collect();
            lists.push(list);
        }
        lists
    }

    #[test]
    fn a_full_shard_keeps_the_forms_of_its_last_terms() {
        let form = |terms: &str, postings: &str| EncodedKey {
            key: 0,
            postings: postings.into(),
            titles: String::new(),
            positions: None,
            key_positions: None,
            terms: terms.into(),
        };
        // (stands for, postings, key, stays): the shard began at "comibu".
        let cases = [
            ("communiti", "", "community", true),
            ("compani", "", "community", false),
            ("communiti", "1", "community", false),
            ("comedi", "", "comedy", false),
        ];
        for (terms, postings, key, stays) in cases {
            let found = stays_with_its_terms(&form(terms, postings), key, &["comibu"]);
            assert_eq!(found, stays, "{key} standing for {terms}");
        }
    }

    #[test]
    fn key_positions_are_those_of_the_title_takeaways_and_calls() {
        let vocabularies = Vocabularies::default();
        let documents = [
            vec![
                (Field::Title, "Open data"),
                (Field::Highlights, "Data rules"),
                (Field::Body, "data and more data"),
            ],
            vec![(Field::Title, "Trade"), (Field::Body, "data")],
        ];
        let analyzed: Vec<AnalyzedEntry> = documents
            .iter()
            .map(|fields| {
                let text = Arc::new(vocabularies.analyze("en", fields));
                (text, vocabularies.analyze("en", &[]))
            })
            .collect();
        let merged = vocabularies.merge();
        let postings = postings(&analyzed, &merged);
        let term = merged.strings.iter().position(|t| &**t == "data").unwrap();
        let data = &postings[term];
        // Fields stand 16 positions apart: the body starts at 2 + 16 + 2 + 16.
        assert_eq!(
            unpack_lists(&data.positions),
            [vec![1, 18, 36, 39], vec![17]]
        );
        assert_eq!(unpack_lists(&data.key_positions), [vec![1, 18], vec![]]);
        assert!(data.in_key_text);
        let term = merged.strings.iter().position(|t| &**t == "more").unwrap();
        assert!(
            !postings[term].in_key_text,
            "a body word has no key positions"
        );
    }
}
