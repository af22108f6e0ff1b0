//! Analysing every version of the archive for the index, fast: each
//! worker thread keeps a vocabulary of the words it has met, each word
//! analysed once and its tokens numbered. A document then costs one lookup
//! per word, its terms are counted in an array, and its word pairs are
//! hashed from numbers kept with each term.

use super::analyze::{Analyzer, Parts, words};
use super::pairs::{bloom_filter, fnv, pair_hashes};
// foldhash: FxHash put many of the generated corpus's words in the same buckets
// (a 100,000-report parse took 71 s with it, 43 s with foldhash).
use crate::sync::lock;
use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::hash::BuildHasher as _;
use std::sync::{Arc, Mutex};

/// Positions jump between fields, so that phrases never span two.
const FIELD_GAP: u32 = 16;

/// One version's text, analysed: terms as numbers of the vocabulary of
/// the worker that analysed it.
#[derive(Debug)]
pub struct Analyzed {
    pub worker: usize,
    /// (term, weighted term frequency) for each term once, by term number,
    /// packed (`terms()` reads them): a build holds one per version.
    terms: Vec<u8>,
    /// Weighted length, for BM25's length normalisation.
    pub length: u32,
    /// The pairs of words that follow each other, as a Bloom filter, base64.
    pub pairs: String,
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
    /// Analyses the weighted fields of a text in language `lang`, with the
    /// vocabulary of the calling worker thread (each locks only its own).
    pub fn analyze(&self, lang: &str, fields: &[(u32, &str)]) -> Analyzed {
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

/// Numbered strings, each with its hash for word pairs.
#[derive(Default)]
struct Table {
    strings: Vec<Arc<str>>,
    ids: HashMap<Arc<str>, u32>,
    hashes: Vec<u32>,
}

impl Table {
    fn intern(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = self.strings.len() as u32;
        let text: Arc<str> = Arc::from(text);
        self.hashes.push(fnv(&text));
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
    fn read(&mut self, table: &mut Table, fields: &[(u32, &str)]) -> Reading {
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

    /// Analyses the weighted fields of a text in language `lang`; the
    /// result's numbers are this vocabulary's, that of `worker`.
    fn analyze(&mut self, lang: &str, fields: &[(u32, &str)], worker: usize) -> Analyzed {
        let language = self.language(lang);
        let Vocabulary { table, languages } = self;
        let reading = languages[language].read(table, fields);
        let counts = reading.count(fields);
        let terms = reading.packed_terms(counts.words);
        let hash = |term: u64| table.hashes[term as usize];
        let pair_hashes = counts
            .pairs
            .iter()
            .map(|&pair| pair_hashes(hash(pair >> 32), hash(pair & 0xffff_ffff)));
        Analyzed {
            worker,
            terms,
            length: counts.length.max(1),
            pairs: bloom_filter(counts.pairs.len(), pair_hashes),
        }
    }
}

/// A document's words, counted.
struct Counts {
    /// The weighted count of each distinct word (of each of its tokens,
    /// for a word that is several), by its number in the `Reading`.
    words: Vec<u32>,
    /// The weighted number of tokens.
    length: u32,
    /// The distinct pairs of terms that follow each other, each as one
    /// number: the Bloom filter's size is by distinct pairs, and a pair is
    /// hashed once however often it comes.
    pairs: HashSet<u64>,
}

impl Reading {
    /// Counts the words of `fields`, the fields this reading read, each
    /// by its field's weight, and collects their pairs.
    fn count(&self, fields: &[(u32, &str)]) -> Counts {
        let mut position = 0;
        let mut length = 0;
        // The last non-CJK term and its position.
        let mut previous: Option<(u32, u32)> = None;
        let mut pairs: HashSet<u64> = HashSet::with_capacity(self.sequence.len());
        let mut pair = |at: u32, term: u32, previous: &mut Option<(u32, u32)>| {
            if let Some((before, first)) = *previous
                && before + 1 == at
            {
                pairs.insert(u64::from(first) << 32 | u64::from(term));
            }
            *previous = Some((at, term));
        };
        let mut word_counts = vec![0; self.words.len()];
        let mut start = 0;
        for (&(weight, _), &end) in fields.iter().zip(&self.field_ends) {
            for &number in &self.sequence[start..end] {
                match self.words[number as usize] {
                    Resolved::One { term } => {
                        word_counts[number as usize] += weight;
                        length += weight;
                        pair(position, term, &mut previous);
                        position += 1;
                    }
                    Resolved::Many { from, to } => {
                        word_counts[number as usize] += weight;
                        for &piece in &self.pieces[from..to] {
                            let at = if piece.bigram { position - 1 } else { position };
                            length += weight;
                            if !piece.cjk {
                                pair(at, piece.id, &mut previous);
                            }
                            if !piece.bigram {
                                position += 1;
                            }
                        }
                    }
                }
            }
            start = end;
            position += FIELD_GAP;
        }
        Counts {
            words: word_counts,
            length,
            pairs,
        }
    }

    /// The document's terms and their weighted counts, packed (as
    /// `Analyzed::terms` reads them).
    fn packed_terms(&self, word_counts: Vec<u32>) -> Vec<u8> {
        // Words with the same stem count as one term. Each is a term and
        // its count in one number, which sorts faster than a pair.
        let mut counts: Vec<u64> = Vec::with_capacity(self.words.len());
        for (word, count) in self.words.iter().zip(word_counts) {
            let mut add = |term: u32| counts.push(u64::from(term) << 32 | u64::from(count));
            match *word {
                Resolved::One { term } => add(term),
                Resolved::Many { from, to } => self.pieces[from..to].iter().for_each(|p| add(p.id)),
            }
        }
        counts.sort_unstable();
        let mut terms = Vec::with_capacity(counts.len() * 3);
        let mut previous = 0;
        for same in counts.chunk_by(|a, b| a >> 32 == b >> 32) {
            let term = (same[0] >> 32) as u32;
            pack_varint(&mut terms, term - previous);
            pack_varint(&mut terms, same.iter().map(|&count| count as u32).sum());
            previous = term;
        }
        terms.shrink_to_fit();
        terms
    }
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
    /// (term, weighted term frequency), by term number.
    pub fn terms(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut at = 0;
        let mut term = 0;
        std::iter::from_fn(move || {
            if at >= self.terms.len() {
                return None;
            }
            term += unpack_varint(&self.terms, &mut at);
            Some((term, unpack_varint(&self.terms, &mut at)))
        })
    }
}

/// A number in 7-bit groups, least significant first.
pub fn pack_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads a number `pack_varint` wrote at `*at`, and moves past it.
pub fn unpack_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut value = 0;
    let mut shift = 0;
    while let Some(&byte) = bytes.get(*at) {
        *at += 1;
        value |= u32::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            break;
        }
        shift += 7;
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::pairs::pair_bits;
    use base64::Engine as _;

    fn analyzed(lang: &str, text: &str) -> (Analyzed, Merged) {
        let vocabularies = Vocabularies::default();
        let analyzed = vocabularies.analyze(lang, &[(1, text)]);
        (analyzed, vocabularies.merge())
    }

    #[test]
    fn terms_are_counted_once_with_their_weights() {
        let vocabularies = Vocabularies::default();
        let a = vocabularies.analyze("en", &[(5, "Data protection"), (1, "protecting data")]);
        let merged = vocabularies.merge();
        let mut terms: Vec<(String, u32)> = a
            .terms()
            .map(|(id, tf)| {
                let global = merged.global[a.worker][id as usize];
                (merged.strings[global as usize].to_string(), tf)
            })
            .collect();
        terms.sort();
        assert_eq!(terms, [("data".to_string(), 6), ("protect".to_string(), 6)]);
        assert_eq!(a.length, 12);
        let surface = |s: &str| merged.strings.iter().position(|t| &**t == s).unwrap() as u32;
        assert!(
            merged
                .surfaces
                .contains(&(surface("protection"), surface("protect")))
        );
    }

    /// Whether a document's filter holds the pair of terms.
    fn has_pair(analyzed: &Analyzed) -> impl Fn(&str, &str) -> bool {
        let filter = base64::engine::general_purpose::STANDARD
            .decode(&analyzed.pairs)
            .unwrap();
        let bits = (filter.len() * 8) as u32;
        move |a: &str, b: &str| {
            pair_bits(a, b, bits).all(|bit| filter[(bit / 8) as usize] & (1 << (bit % 8)) != 0)
        }
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
        let vectors: Vec<Vector> =
            serde_json::from_str(include_str!("../../tests/search-vectors.json")).unwrap();
        for v in vectors {
            let (a, merged) = analyzed(&v.lang, &v.text);
            let mut counted: Vec<(String, u32)> = a
                .terms()
                .map(|(id, tf)| {
                    let global = merged.global[a.worker][id as usize];
                    (merged.strings[global as usize].to_string(), tf)
                })
                .collect();
            counted.sort();
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
    fn pair_filters_hold_the_pairs_they_were_given() {
        let (a, _) = analyzed("en", "data protection needs trust");
        let has = has_pair(&a);
        assert!(has("data", "protect") && has("protect", "need") && has("need", "trust"));
        assert!(!has("protect", "data"), "order matters");
        assert!(!has("data", "need"), "only neighbours");
    }

    #[test]
    fn cjk_characters_keep_their_places_between_words() {
        // Unigrams take a position each, bigrams share their first
        // character's: the words on either side are not neighbours.
        let (a, _) = analyzed("zh", "open 数据 data AI");
        let has = has_pair(&a);
        assert!(!has("open", "data"));
        assert!(has("data", "ai"));
    }

    #[test]
    fn fields_do_not_make_pairs_across_them() {
        let vocabularies = Vocabularies::default();
        let a = vocabularies.analyze("en", &[(5, "open data"), (1, "governance")]);
        let has = has_pair(&a);
        assert!(has("open", "data"));
        assert!(!has("data", "govern"));
    }
}
