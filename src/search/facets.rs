//! The filters of the search page — year, kind, type, language, tracks —
//! and `f.js`, each document's values of them as ids into one small table
//! per filter, for counts per filter value.

use super::encoding::push_varint64;
use serde_json::{Map, Value, json};

/// One filter of the search page.
#[derive(Clone, Copy)]
enum Facet {
    Year,
    Kind,
    Type,
    Language,
    /// A document has any number of tracks, written as a bit set.
    Track,
}

impl Facet {
    /// In the order of `f.js`'s tables and of each document's values.
    const ALL: [Facet; 5] = [
        Facet::Year,
        Facet::Kind,
        Facet::Type,
        Facet::Language,
        Facet::Track,
    ];

    /// The name of the facet's table in `f.js`.
    fn table(self) -> &'static str {
        match self {
            Facet::Year => "years",
            Facet::Kind => "kinds",
            Facet::Type => "types",
            Facet::Language => "languages",
            Facet::Track => "tracks",
        }
    }
}

/// Browsers count exactly up to 2^53: the first 52 tracks are filterable.
const FILTERABLE_TRACKS: u64 = 52;

/// Each document's filter values, as numbers into one table per facet.
#[derive(Default)]
pub(super) struct Facets {
    /// Each facet's values, by `Facet as usize`, in order of first use.
    values: [Vec<String>; Facet::ALL.len()],
    /// Each document's numbers, as varints: year, kind, type, language,
    /// then the tracks' bit set.
    docs: String,
}

impl Facets {
    /// The number of `value` in `facet`'s table, added if new.
    fn id(&mut self, facet: Facet, value: &str) -> u64 {
        let values = &mut self.values[facet as usize];
        match values.iter().position(|v| v == value) {
            Some(i) => i as u64,
            None => {
                values.push(value.to_string());
                (values.len() - 1) as u64
            }
        }
    }

    /// Adds the next document's values.
    pub(super) fn push(
        &mut self,
        year: u16,
        kind: &str,
        doc_type: &str,
        lang: &str,
        tracks: &[String],
    ) {
        let numbers = [
            self.id(Facet::Year, &year.to_string()),
            self.id(Facet::Kind, kind),
            self.id(Facet::Type, doc_type),
            self.id(Facet::Language, lang),
        ];
        let mask = tracks
            .iter()
            .map(|t| self.id(Facet::Track, t))
            .filter(|&i| i < FILTERABLE_TRACKS)
            .fold(0u64, |m, i| m | (1 << i));
        for n in numbers.into_iter().chain([mask]) {
            push_varint64(&mut self.docs, n);
        }
    }

    /// The data of `f.js`: every facet's table, then the documents'
    /// numbers.
    pub(super) fn to_json(&self) -> Value {
        let mut data = Map::new();
        for facet in Facet::ALL {
            data.insert(facet.table().into(), json!(self.values[facet as usize]));
        }
        data.insert("docs".into(), json!(self.docs));
        Value::Object(data)
    }
}
