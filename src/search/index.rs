//! Building the search index: one per site language, each holding the
//! documents a reader of that language can open (their language where it
//! exists, else the original), split into small `.js` files that register
//! themselves with `IGFSearch`, so that they load with `<script>` — from a
//! server or straight from disk — and only when a query needs them.
//!
//! Files under `search/<lang>/`:
//! - `index.js`: document count, the shard prefixes, the filter labels;
//! - `t-<n>.js`: terms of one key prefix with their postings (document
//!   gaps and quantised BM25 weights) and the surface forms that map to
//!   other terms (so the browser needs no stemmer);
//! - `p-<n>.js`: the same terms' word positions, for phrase queries only;
//! - `f.js`: each document's filter values (year, kind, type, tracks,
//!   language) as ids into a small table, for counts per filter value;
//! - `m-<n>.js`: titles, addresses and excerpts of documents, in chunks.

use super::analyze::{Analyzer, Term};
use crate::content::{Archive, Kind, Meta, Version};
use crate::render::{OutputFile, Page, page_link};
use crate::theme::Theme;
use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A shard is split by a longer key prefix once it grows past this.
const SHARD_BYTES: usize = 24 * 1024;
/// Documents per metadata file.
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

/// One language version, analysed once and shared by every index that
/// shows it.
struct Analyzed {
    /// term → (weighted term frequency, positions), sorted by term.
    terms: Vec<(String, u32, Vec<u32>)>,
    /// (surface, term) pairs where they differ.
    surfaces: Vec<(String, String)>,
    /// Weighted length, for BM25's length normalisation.
    length: u32,
}

pub fn files(archive: &Archive, theme: &Theme) -> Vec<OutputFile> {
    let versions: Vec<(usize, &Version)> = archive
        .documents
        .iter()
        .enumerate()
        .flat_map(|(i, d)| d.versions.iter().map(move |v| (i, v)))
        .collect();
    let analyzed: HashMap<(usize, &str), Analyzed> = versions
        .par_iter()
        .map(|&(i, v)| ((i, v.lang.as_str()), analyze_version(archive, i, v)))
        .collect();
    archive
        .config
        .languages
        .par_iter()
        .flat_map_iter(|language| {
            LanguageIndex::build(archive, theme, &language.code, &analyzed).into_files()
        })
        .collect()
}

fn analyze_version(archive: &Archive, index: usize, version: &Version) -> Analyzed {
    let analyzer = Analyzer::new(&version.lang);
    let document = &archive.documents[index];
    let mut fields: Vec<(u32, Vec<Term>)> = Vec::new();
    let mut position = 0;
    let mut field = |weight: u32, text: &str, position: &mut u32| {
        let mut terms = Vec::new();
        *position = analyzer.terms(text, *position, &mut terms) + FIELD_GAP;
        fields.push((weight, terms));
    };
    let title = match &version.meta {
        Meta::Session(s) => format!("{} {}", s.code, s.title),
        other => other.title().to_string(),
    };
    field(TITLE_WEIGHT, &title, &mut position);
    let mut highlights = version.meta.key_takeaways().join(" ");
    if let Meta::Session(s) = &version.meta {
        highlights.push(' ');
        highlights.push_str(&s.calls_to_action.join(" "));
    }
    field(TAKEAWAY_WEIGHT, &highlights, &mut position);
    let tracks: Vec<&str> = version
        .meta
        .tracks()
        .iter()
        .filter_map(|t| {
            archive
                .meeting(document.year)?
                .tracks
                .get(t)
                .map(|t| t.title.get(&version.lang, &archive.config.default_language))
        })
        .collect();
    field(TRACK_WEIGHT, &tracks.join(" "), &mut position);
    field(1, &version.body.text, &mut position);

    let mut by_term: BTreeMap<String, (u32, Vec<u32>)> = BTreeMap::new();
    let mut surfaces: BTreeSet<(String, String)> = BTreeSet::new();
    let mut length = 0;
    for (weight, terms) in fields {
        for term in terms {
            length += weight;
            if term.surface != term.term {
                surfaces.insert((term.surface, term.term.clone()));
            }
            let entry = by_term.entry(term.term).or_default();
            entry.0 += weight;
            entry.1.push(term.position);
        }
    }
    Analyzed {
        terms: by_term.into_iter().map(|(t, (tf, p))| (t, tf, p)).collect(),
        surfaces: surfaces.into_iter().collect(),
        length: length.max(1),
    }
}

/// Term → postings of one language's index: (document, quantised weight,
/// positions).
type Postings = BTreeMap<String, Vec<(u32, u8, Vec<u32>)>>;

struct LanguageIndex<'a> {
    lang: &'a str,
    postings: Postings,
    surfaces: BTreeMap<String, BTreeSet<String>>,
    meta: Vec<Value>,
    facets: Vec<usize>,
    facet_table: Vec<Value>,
    labels: Value,
}

impl<'a> LanguageIndex<'a> {
    fn build(
        archive: &Archive,
        theme: &Theme,
        lang: &'a str,
        analyzed: &HashMap<(usize, &str), Analyzed>,
    ) -> Self {
        // The reader's language first, then newest first: the order results
        // are shown in when scores tie.
        let mut order: Vec<usize> = (0..archive.documents.len()).collect();
        order.sort_by_key(|&i| {
            let d = &archive.documents[i];
            (
                d.version_for(lang).lang != lang,
                std::cmp::Reverse(d.year),
                d.kind,
                d.slug.clone(),
            )
        });
        let docs: Vec<(usize, &Version, &Analyzed)> = order
            .into_iter()
            .map(|i| {
                let version = archive.documents[i].version_for(lang);
                (i, version, &analyzed[&(i, version.lang.as_str())])
            })
            .collect();
        let average =
            docs.iter().map(|d| d.2.length as f32).sum::<f32>() / docs.len().max(1) as f32;

        let mut postings: Postings = BTreeMap::new();
        let mut surfaces: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (id, (_, _, a)) in docs.iter().enumerate() {
            let norm = K1 * (1.0 - B + B * a.length as f32 / average.max(1.0));
            for (term, tf, positions) in &a.terms {
                let tf = *tf as f32;
                let weight = tf * (K1 + 1.0) / (tf + norm);
                let quantised = ((weight / (K1 + 1.0)) * 31.0).round().clamp(1.0, 31.0) as u8;
                postings.entry(term.clone()).or_default().push((
                    id as u32,
                    quantised,
                    positions.clone(),
                ));
            }
            for (surface, term) in &a.surfaces {
                surfaces
                    .entry(surface.clone())
                    .or_default()
                    .insert(term.clone());
            }
        }

        let mut facet_ids: HashMap<String, usize> = HashMap::new();
        let mut facet_table = Vec::new();
        let mut facets = Vec::with_capacity(docs.len());
        let mut meta = Vec::with_capacity(docs.len());
        for &(index, version, _) in &docs {
            let document = &archive.documents[index];
            let combo = json!([
                document.year,
                document.kind.name(),
                version.meta.doc_type().unwrap_or(""),
                version.meta.tracks(),
                version.lang
            ]);
            let key = combo.to_string();
            let id = *facet_ids.entry(key).or_insert_with(|| {
                facet_table.push(combo);
                facet_table.len() - 1
            });
            facets.push(id);
            meta.push(document_meta(archive, index, version));
        }
        let labels = labels(archive, theme, lang);
        LanguageIndex {
            lang,
            postings,
            surfaces,
            meta,
            facets,
            facet_table,
            labels,
        }
    }

    fn into_files(self) -> Vec<OutputFile> {
        let lang = self.lang;
        let mut files = Vec::new();
        let mut keys: Vec<&str> = self
            .postings
            .keys()
            .chain(self.surfaces.keys())
            .map(String::as_str)
            .collect();
        keys.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
        keys.dedup();
        let sizes: Vec<(&str, usize)> = keys.iter().map(|&k| (k, self.entry_size(k))).collect();
        let shards = split_into_shards(&sizes);
        for (n, (_, shard_keys)) in shards.iter().enumerate() {
            let mut surface_map = serde_json::Map::new();
            let mut term_map = serde_json::Map::new();
            let mut position_map = serde_json::Map::new();
            for key in shard_keys {
                if let Some(terms) = self.surfaces.get(*key) {
                    surface_map.insert(
                        key.to_string(),
                        json!(
                            terms
                                .iter()
                                .map(String::as_str)
                                .collect::<Vec<_>>()
                                .join(" ")
                        ),
                    );
                }
                if let Some(list) = self.postings.get(*key) {
                    term_map.insert(key.to_string(), json!(encode_postings(list)));
                    position_map.insert(key.to_string(), json!(encode_positions(list)));
                }
            }
            let shard = json!({"s": surface_map, "t": term_map});
            files.push(script(
                lang,
                &format!("t-{n}.js"),
                "shard",
                &json!(n),
                &shard,
            ));
            files.push(script(
                lang,
                &format!("p-{n}.js"),
                "positions",
                &json!(n),
                &Value::Object(position_map),
            ));
        }
        for (n, chunk) in self.meta.chunks(META_CHUNK).enumerate() {
            files.push(script(
                lang,
                &format!("m-{n}.js"),
                "meta",
                &json!(n),
                &json!(chunk),
            ));
        }
        let mut encoded = String::new();
        for id in &self.facets {
            push_varint(&mut encoded, *id as u32);
        }
        files.push(script(
            lang,
            "f.js",
            "facets",
            &Value::Null,
            &json!({"table": self.facet_table, "docs": encoded}),
        ));
        let prefixes: Vec<&str> = shards.iter().map(|(p, _)| p.as_str()).collect();
        let manifest = json!({
            "n": self.meta.len(),
            "chunk": META_CHUNK,
            "shards": prefixes,
            "labels": self.labels,
        });
        files.push(script(lang, "index.js", "index", &Value::Null, &manifest));
        files
    }

    /// About how many bytes a key adds to its shard.
    fn entry_size(&self, key: &str) -> usize {
        let postings = self
            .postings
            .get(key)
            .map_or(0, |p| p.len() * 3 + key.len() + 6);
        let surfaces = self.surfaces.get(key).map_or(0, |t| {
            t.iter().map(|s| s.len() + 1).sum::<usize>() + key.len() + 6
        });
        postings + surfaces
    }
}

/// Cuts the sorted keys into shards of about `SHARD_BYTES`; each shard is
/// named by its first key. Keys are sorted as JavaScript compares strings
/// (by UTF-16 code units), so the browser finds a key's shard by binary
/// search over the first keys.
fn split_into_shards<'k>(keys: &[(&'k str, usize)]) -> Vec<(String, Vec<&'k str>)> {
    let mut shards: Vec<(String, Vec<&'k str>)> = Vec::new();
    let mut size = 0;
    for &(key, bytes) in keys {
        if shards.is_empty() || size + bytes > SHARD_BYTES {
            shards.push((key.to_string(), Vec::new()));
            size = 0;
        }
        size += bytes;
        if let Some(last) = shards.last_mut() {
            last.1.push(key);
        }
    }
    shards
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

/// A number as base-32 digits, least significant first; a digit of 32 or
/// more says another follows.
pub fn push_varint(out: &mut String, mut value: u32) {
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

/// Postings as (document gap, weight) pairs.
fn encode_postings(list: &[(u32, u8, Vec<u32>)]) -> String {
    let mut out = String::with_capacity(list.len() * 3);
    let mut previous = 0;
    for (i, (doc, weight, _)) in list.iter().enumerate() {
        push_varint(&mut out, if i == 0 { *doc } else { doc - previous });
        push_varint(&mut out, u32::from(*weight));
        previous = *doc;
    }
    out
}

/// Positions per posting: a count, then gaps.
fn encode_positions(list: &[(u32, u8, Vec<u32>)]) -> String {
    let mut out = String::new();
    for (_, _, positions) in list {
        push_varint(&mut out, positions.len() as u32);
        let mut previous = 0;
        for (i, p) in positions.iter().enumerate() {
            push_varint(&mut out, if i == 0 { *p } else { p - previous });
            previous = *p;
        }
    }
    out
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
        document.kind == Kind::Session
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
            "any": theme.text(lang, "search_any", &[]),
            "year": theme.text(lang, "meetings", &[]),
            "track": theme.text(lang, "track", &[]),
            "type": theme.text(lang, "type", &[]),
            "kind": theme.text(lang, "search_kind", &[]),
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
        assert!(
            out.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
    }

    #[test]
    fn shards_hold_runs_of_keys_of_bounded_size() {
        let big = SHARD_BYTES / 2 + 1;
        let keys = [("a", 10), ("ab", big), ("abc", big), ("b", 10)];
        let shards = split_into_shards(&keys);
        let firsts: Vec<&str> = shards.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(firsts, ["a", "abc"]);
        assert_eq!(shards[1].1, ["abc", "b"]);
    }
}
