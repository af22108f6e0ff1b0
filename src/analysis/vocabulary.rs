//! Analysing every version of the archive for the index, fast: each
//! worker thread keeps a vocabulary of the words it has met, each word
//! analysed once and its tokens numbered. A document then costs one lookup
//! per word, and its terms are counted by field with their positions.

use super::analyze::{Analyzer, Parts, words};
use super::packing::{pack_counts, pack_varint, unpack_counts, unpack_varint};
use super::{FIELDS, Field};
// foldhash: FxHash put many of the generated corpus's words in the same buckets
// (a 100,000-report parse took 71 s with it, 43 s with foldhash).
use crate::sync::lock;
use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt};
use std::hash::BuildHasher as _;
use std::sync::{Arc, Mutex};

/// Positions jump between fields, so that phrases never span two.
const FIELD_GAP: u32 = 16;

/// One version's text, analysed: terms as numbers of the vocabulary of
/// the worker that analysed it.
#[derive(Debug)]
pub struct Analyzed {
    pub worker: usize,
    /// Each term once, by term number, packed (`terms()` reads them): the
    /// gap since the previous term, its count in each field, and the
    /// positions of its words. A build holds one per version.
    terms: Vec<u8>,
    /// The number of tokens in each field, for BM25F's length
    /// normalisation.
    pub lengths: [u32; FIELDS],
    /// The title's words, a CJK character counting as one: a query of as
    /// many words, all in the title, is the title.
    pub title_words: u32,
}

/// One term of an `Analyzed`: its counts per field, and where its words
/// stand (CJK bigrams stand nowhere: phrases are matched by characters).
pub struct TermCounts<'a> {
    pub term: u32,
    pub counts: [u32; FIELDS],
    /// False for a CJK bigram.
    pub positioned: bool,
    /// Positions as gaps, packed; empty for a CJK bigram.
    positions: &'a [u8],
}

impl TermCounts<'_> {
    /// The positions as gaps, each a varint as `pack_varint` writes them.
    pub fn packed_positions(&self) -> &[u8] {
        self.positions
    }

    /// The positions of the term's words, in order.
    pub fn positions(&self) -> impl Iterator<Item = u32> + '_ {
        let mut at = 0;
        let mut position = 0;
        std::iter::from_fn(move || {
            (at < self.positions.len()).then(|| {
                position += unpack_varint(self.positions, &mut at);
                position
            })
        })
    }
}

/// One vocabulary per worker thread.
pub struct Vocabularies {
    workers: Vec<Mutex<Vocabulary>>,
}

impl Default for Vocabularies {
    fn default() -> Self {
        Vocabularies {
            workers: (0..rayon::current_num_threads().max(1))
                .map(|_| Mutex::default())
                .collect(),
        }
    }
}

/// Every worker's numbers as one: the strings, and for each worker its
/// numbers → these.
pub struct Merged {
    pub strings: Vec<Arc<str>>,
    pub global: Vec<Vec<u32>>,
    /// (surface, term) for surface forms that stand for another term.
    pub surfaces: Vec<(u32, u32)>,
}

impl Vocabularies {
    /// Analyses the fields of a text in language `lang`, with the
    /// vocabulary of the calling worker thread (each locks only its own).
    pub fn analyze(&self, lang: &str, fields: &[(Field, &str)]) -> Analyzed {
        let worker = rayon::current_thread_index().unwrap_or(0) % self.workers.len();
        let mut vocabulary = lock(&self.workers[worker]);
        vocabulary.analyze(lang, fields, worker)
    }

    pub fn merge(&self) -> Merged {
        let mut ids: HashMap<Arc<str>, u32> = HashMap::new();
        let mut strings: Vec<Arc<str>> = Vec::new();
        let mut global = Vec::with_capacity(self.workers.len());
        let mut surfaces = Vec::new();
        for worker in &self.workers {
            let vocabulary = lock(worker);
            let map: Vec<u32> = vocabulary
                .table
                .strings
                .iter()
                .map(|text| {
                    *ids.entry(Arc::clone(text)).or_insert_with(|| {
                        strings.push(Arc::clone(text));
                        (strings.len() - 1) as u32
                    })
                })
                .collect();
            for language in &vocabulary.languages {
                for word in language.words.values() {
                    if let Word::One { surface, term } = *word
                        && surface != term
                    {
                        surfaces.push((map[surface as usize], map[term as usize]));
                    }
                }
            }
            global.push(map);
        }
        surfaces.sort_unstable();
        surfaces.dedup();
        Merged {
            strings,
            global,
            surfaces,
        }
    }
}

#[derive(Default)]
struct Vocabulary {
    table: Table,
    languages: Vec<Language>,
}

/// Numbered strings.
#[derive(Default)]
struct Table {
    strings: Vec<Arc<str>>,
    ids: HashMap<Arc<str>, u32>,
}

impl Table {
    fn intern(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = self.strings.len() as u32;
        let text: Arc<str> = Arc::from(text);
        self.strings.push(Arc::clone(&text));
        self.ids.insert(text, id);
        id
    }
}

struct Language {
    code: String,
    analyzer: Analyzer,
    /// Words as written → what they turn into. Nearly every word fits in
    /// the key itself (24 bytes), so a lookup reads no second place in
    /// memory: the vocabulary is larger than the processor's caches.
    words: HashMap<CompactString, Word>,
}

/// A word of a language, analysed: most are one token with a term (its
/// stem); CJK runs and mixed words are several tokens, each its own term.
enum Word {
    One { surface: u32, term: u32 },
    Many(Box<[Piece]>),
}

#[derive(Clone, Copy)]
struct Piece {
    id: u32,
    cjk: bool,
    /// A CJK bigram shares the position of the character it starts with.
    bigram: bool,
}

/// A document's words: each in reading order as its number among the
/// document's distinct words, and what each distinct word is.
struct Reading {
    sequence: Vec<u32>,
    /// The length of `sequence` at the end of each field.
    field_ends: Vec<usize>,
    words: Vec<Resolved>,
    /// The tokens of words that are several.
    pieces: Vec<Piece>,
}

/// A word of a document, looked up: its term, or its tokens,
/// `pieces[from..to]` of the `Reading`.
#[derive(Clone, Copy)]
enum Resolved {
    One { term: u32 },
    Many { from: usize, to: usize },
}

impl Language {
    /// Reads the words of a document's fields, looking each distinct word
    /// up once: a document repeats its words, and its own small table stays
    /// in the processor's cache, where the vocabulary does not.
    fn read(&mut self, table: &mut Table, fields: &[(Field, &str)]) -> Reading {
        // About one word in seven bytes of text, and at most one distinct
        // word in two: room for them all, so the table is rarely rebuilt.
        // It holds each word's number, hashed once, and finds the word
        // itself in `distinct`.
        let bytes: usize = fields.iter().map(|(_, text)| text.len()).sum();
        let mut numbers: hashbrown::HashTable<u32> =
            hashbrown::HashTable::with_capacity(bytes / 14 + 64);
        let mut distinct: Vec<&str> = Vec::with_capacity(bytes / 14 + 64);
        let hasher = foldhash::fast::FixedState::default();
        let mut sequence = Vec::with_capacity(bytes / 7);
        let mut field_ends = Vec::with_capacity(fields.len());
        for &(_, text) in fields {
            for word in words(text) {
                let hash = hasher.hash_one(word);
                let number = match numbers.find(hash, |&n| distinct[n as usize] == word) {
                    Some(&number) => number,
                    None => {
                        let number = distinct.len() as u32;
                        distinct.push(word);
                        numbers.insert_unique(hash, number, |&n| {
                            hasher.hash_one(distinct[n as usize])
                        });
                        number
                    }
                };
                sequence.push(number);
            }
            field_ends.push(sequence.len());
        }
        let mut reading = Reading {
            sequence,
            field_ends,
            words: Vec::with_capacity(distinct.len()),
            pieces: Vec::new(),
        };
        for word in distinct {
            // A word met before costs one lookup; a new one is analysed, and
            // kept unless it has CJK characters: kept, those phrases would
            // make the vocabulary grow with the text.
            let new;
            let analyzed = match self.words.get(word) {
                Some(analyzed) => analyzed,
                None => {
                    new = analyze_word(&self.analyzer, table, word);
                    if new.has_cjk() {
                        &new
                    } else {
                        self.words.entry(CompactString::new(word)).or_insert(new)
                    }
                }
            };
            let resolved = match analyzed {
                Word::One { term, .. } => Resolved::One { term: *term },
                Word::Many(pieces) => {
                    let from = reading.pieces.len();
                    reading.pieces.extend_from_slice(pieces);
                    Resolved::Many {
                        from,
                        to: reading.pieces.len(),
                    }
                }
            };
            reading.words.push(resolved);
        }
        reading
    }
}

impl Vocabulary {
    fn language(&mut self, code: &str) -> usize {
        match self.languages.iter().position(|l| l.code == code) {
            Some(i) => i,
            None => {
                self.languages.push(Language {
                    code: code.to_string(),
                    analyzer: Analyzer::new(code),
                    words: HashMap::new(),
                });
                self.languages.len() - 1
            }
        }
    }

    /// Analyses the fields of a text in language `lang`; the result's
    /// numbers are this vocabulary's, that of `worker`.
    fn analyze(&mut self, lang: &str, fields: &[(Field, &str)], worker: usize) -> Analyzed {
        let language = self.language(lang);
        let Vocabulary { table, languages } = self;
        let reading = languages[language].read(table, fields);
        let mut counted = reading.count(fields);
        Analyzed {
            worker,
            terms: pack_terms(&mut counted.occurrences),
            lengths: counted.lengths,
            title_words: counted.title_words,
        }
    }
}

/// A document's tokens, counted.
struct Counted {
    /// Each token as one number, `term << 32 | position << 3 | bigram << 2
    /// | field`: sorted, they come by term, then in reading order.
    occurrences: Vec<u64>,
    lengths: [u32; FIELDS],
    title_words: u32,
}

/// An occurrence of `term` in `field`, as `Counted::occurrences` holds it.
fn occurrence(term: u32, position: u32, bigram: bool, field: Field) -> u64 {
    u64::from(term) << 32 | u64::from(position) << 3 | u64::from(bigram) << 2 | field as u64
}

impl Reading {
    /// Every token of `fields`, the fields this reading read, with its
    /// field and position. Positions jump by `FIELD_GAP` between fields.
    fn count(&self, fields: &[(Field, &str)]) -> Counted {
        let mut position: u32 = 0;
        let mut lengths = [0; FIELDS];
        let mut title_words = 0;
        let mut occurrences = Vec::with_capacity(self.sequence.len() + self.pieces.len());
        let mut start = 0;
        for (&(field, _), &end) in fields.iter().zip(&self.field_ends) {
            let before = occurrences.len();
            let first_position = position;
            for &number in &self.sequence[start..end] {
                match self.words[number as usize] {
                    Resolved::One { term } => {
                        occurrences.push(occurrence(term, position, false, field));
                        position += 1;
                    }
                    Resolved::Many { from, to } => {
                        for &piece in &self.pieces[from..to] {
                            // A CJK bigram stands where its first character does.
                            let at = if piece.bigram { position - 1 } else { position };
                            occurrences.push(occurrence(piece.id, at, piece.bigram, field));
                            if !piece.bigram {
                                position += 1;
                            }
                        }
                    }
                }
            }
            lengths[field as usize] += (occurrences.len() - before) as u32;
            if field == Field::Title {
                title_words += position - first_position;
            }
            start = end;
            position += FIELD_GAP;
        }
        Counted {
            occurrences,
            lengths,
            title_words,
        }
    }
}

/// The terms of sorted occurrences, packed as `Analyzed::terms` reads
/// them: for each term, the gap since the previous one, its counts
/// (`pack_counts`), then its positions as gaps.
fn pack_terms(occurrences: &mut [u64]) -> Vec<u8> {
    occurrences.sort_unstable();
    let mut terms = Vec::with_capacity(occurrences.len() * 2);
    let mut previous = 0;
    for same in occurrences.chunk_by(|a, b| a >> 32 == b >> 32) {
        let term = (same[0] >> 32) as u32;
        let mut counts = [0u32; FIELDS];
        for &o in same {
            counts[(o & 3) as usize] += 1;
        }
        let positioned = same[0] & 4 == 0;
        pack_varint(&mut terms, term - previous);
        pack_counts(&mut terms, counts, positioned);
        if positioned {
            let mut last = 0;
            for &o in same {
                let position = (o as u32) >> 3;
                pack_varint(&mut terms, position - last);
                last = position;
            }
        }
        previous = term;
    }
    terms.shrink_to_fit();
    terms
}

/// What a word turns into (`Analyzer::word_with`), its tokens numbered.
fn analyze_word(analyzer: &Analyzer, table: &mut Table, word: &str) -> Word {
    let piece = |text: &str, cjk| Piece {
        id: table.intern(text),
        cjk,
        bigram: cjk && text.chars().nth(1).is_some(),
    };
    match analyzer.word_with(word, piece) {
        Parts::Single { token, stem } => Word::One {
            surface: token.id,
            term: stem.map_or(token.id, |stem| table.intern(&stem)),
        },
        Parts::Many(pieces) => Word::Many(pieces.into()),
    }
}

impl Word {
    /// Whether it has CJK characters: a run of them is a phrase written
    /// without spaces, which rarely comes again.
    fn has_cjk(&self) -> bool {
        matches!(self, Word::Many(pieces) if pieces.iter().any(|p| p.cjk))
    }
}

impl Analyzed {
    /// Each term with its counts and positions, by term number.
    pub fn terms(&self) -> impl Iterator<Item = TermCounts<'_>> + '_ {
        let bytes = &self.terms;
        let mut at = 0;
        let mut term = 0;
        std::iter::from_fn(move || {
            if at >= bytes.len() {
                return None;
            }
            term += unpack_varint(bytes, &mut at);
            let (counts, positioned) = unpack_counts(bytes, &mut at);
            let start = at;
            if positioned {
                // As many positions as words, each one varint.
                let mut left = counts.iter().sum::<u32>();
                while left > 0 {
                    left -= u32::from(bytes[at] < 0x80);
                    at += 1;
                }
            }
            Some(TermCounts {
                term,
                counts,
                positioned,
                positions: &bytes[start..at],
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each term of the first field's analysis as text, with its counts
    /// and positions.
    fn analyzed(lang: &str, fields: &[(Field, &str)]) -> Vec<(String, [u32; FIELDS], Vec<u32>)> {
        let vocabularies = Vocabularies::default();
        let a = vocabularies.analyze(lang, fields);
        let merged = vocabularies.merge();
        let mut terms: Vec<_> = a
            .terms()
            .map(|t| {
                let global = merged.global[a.worker][t.term as usize];
                let text = merged.strings[global as usize].to_string();
                (text, t.counts, t.positions().collect())
            })
            .collect();
        terms.sort();
        terms
    }

    #[test]
    fn terms_are_counted_by_field_with_their_positions() {
        let vocabularies = Vocabularies::default();
        let fields = [
            (Field::Title, "Data protection"),
            (Field::Body, "protecting data, data"),
        ];
        let a = vocabularies.analyze("en", &fields);
        assert_eq!(a.lengths, [2, 0, 3]);
        assert_eq!(a.title_words, 2);
        let terms = analyzed("en", &fields);
        let data = (String::from("data"), [1, 0, 2], vec![0, 19, 20]);
        let protect = (String::from("protect"), [1, 0, 1], vec![1, 18]);
        assert_eq!(
            terms,
            [data, protect],
            "fields are {FIELD_GAP} positions apart"
        );
        let merged = vocabularies.merge();
        let surface = |s: &str| merged.strings.iter().position(|t| &**t == s).unwrap() as u32;
        assert!(
            merged
                .surfaces
                .contains(&(surface("protection"), surface("protect")))
        );
    }

    /// The index counts what the shared vectors record, word for word.
    #[test]
    fn shared_vectors_hold_for_the_index() {
        #[derive(serde::Deserialize)]
        struct Vector {
            lang: String,
            text: String,
            terms: Vec<String>,
        }
        #[derive(serde::Deserialize)]
        struct Vectors {
            analysis: Vec<Vector>,
        }
        let vectors: Vectors =
            serde_json::from_str(include_str!("../../tests/search-vectors.json")).unwrap();
        for v in vectors.analysis {
            let counted: Vec<(String, u32)> = analyzed(&v.lang, &[(Field::Body, &v.text)])
                .into_iter()
                .map(|(term, counts, _)| (term, counts[Field::Body as usize]))
                .collect();
            let mut expected: Vec<(String, u32)> = Vec::new();
            for term in v.terms {
                match expected.iter_mut().find(|(t, _)| *t == term) {
                    Some((_, n)) => *n += 1,
                    None => expected.push((term, 1)),
                }
            }
            expected.sort();
            assert_eq!(counted, expected, "{:?} ({})", v.text, v.lang);
        }
    }

    #[test]
    fn cjk_bigrams_stand_where_their_first_character_does() {
        // Characters take a position each, bigrams none: a phrase is
        // matched by its characters, and the words on either side of a
        // Chinese word are not neighbours.
        let terms = analyzed("zh", &[(Field::Body, "open 数据 data")]);
        let position = |text: &str| {
            let (_, _, positions) = terms.iter().find(|(t, _, _)| t == text).unwrap();
            positions.clone()
        };
        assert_eq!(position("open"), [0]);
        assert_eq!(position("数"), [1]);
        assert_eq!(position("数据"), Vec::<u32>::new());
        assert_eq!(position("据"), [2]);
        assert_eq!(position("data"), [3]);
        let vocabularies = Vocabularies::default();
        let a = vocabularies.analyze("zh", &[(Field::Title, "数据 AI")]);
        assert_eq!((a.title_words, a.lengths[0]), (3, 4));
    }
}
