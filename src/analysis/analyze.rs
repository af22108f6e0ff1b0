//! Text analysis for search: the same steps at build time (here) and at
//! query time (in `themes/default/static/search-engine.js`), checked against one
//! set of vectors, `tests/search-vectors.json`, by both.
//!
//! 1. **Fold**: compatibility decomposition (NFKD), lowercase, drop
//!    combining marks (accents, Arabic tashkeel), unify Arabic letter forms
//!    (alef with hamza or wasla → alef, teh marbuta → heh, alef maksura →
//!    yeh, hamza on waw/yeh → waw/yeh), drop tatweel, Arabic-Indic digits →
//!    ASCII. So `sécurité` = `securite` and `أمن` = `امن`.
//! 2. **Split** into runs of letters and digits.
//! 3. **CJK**: a run of Chinese, Japanese or Korean characters becomes its
//!    single characters and overlapping bigrams, so `数据治理` and `隐私`
//!    both match inside a sentence written without spaces.
//! 4. **Stem** (build time only): English, French, Spanish, Russian and
//!    Arabic words are stemmed before folding. The browser has no stemmer:
//!    the index keeps each folded surface form with its stems, so a query
//!    word maps to terms by lookup.

use crate::markdown::is_cjk;
use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text: NFKD, lowercase, no marks, unified Arabic letters.
pub fn fold(text: &str) -> String {
    // Plain ASCII and Chinese characters have nothing to decompose, case
    // or unify: the common cases.
    if text
        .chars()
        .all(|c| c.is_ascii() || is_unified_ideograph(c))
    {
        return text.to_ascii_lowercase();
    }
    fold_each(text)
}

/// CJK Unified Ideographs and Extension A: no decomposition, no case.
fn is_unified_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
}

/// `fold`, character by character.
fn fold_each(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd().flat_map(char::to_lowercase) {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => out.push('\u{0627}'),
            '\u{0629}' => out.push('\u{0647}'),
            '\u{0649}' => out.push('\u{064A}'),
            '\u{0624}' => out.push('\u{0648}'),
            '\u{0626}' => out.push('\u{064A}'),
            '\u{0640}' => {}
            '\u{0660}'..='\u{0669}' => out.push(char::from(b'0' + (c as u32 - 0x0660) as u8)),
            '\u{06F0}'..='\u{06F9}' => out.push(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
            c => out.push(c),
        }
    }
    out
}

/// A token of folded text, with whether it came from CJK characters (then
/// it is a single character or a bigram, and is never stemmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub cjk: bool,
}

/// Splits folded text into surface tokens: words, and CJK unigrams and
/// bigrams in reading order (`数`, `数据`, `据`, `据治`, …).
pub fn surface_tokens(folded: &str, out: &mut Vec<Token>) {
    for_each_surface_token(folded, |text, cjk| {
        out.push(Token {
            text: text.to_string(),
            cjk,
        })
    });
}

/// `surface_tokens`, each given to `token` as a slice of `folded` with
/// whether it is CJK: nothing is copied.
pub fn for_each_surface_token(folded: &str, mut token: impl FnMut(&str, bool)) {
    // Most words are plain ASCII letters and digits: one token.
    if folded.bytes().all(|b| b.is_ascii_alphanumeric()) {
        if !folded.is_empty() {
            token(folded, false);
        }
        return;
    }
    // Folded text has no combining marks: its words are `words`'.
    for run in words(folded) {
        let mut rest = run;
        while let Some(first) = rest.chars().next() {
            let cjk = is_cjk(first);
            let end = rest.find(|c: char| is_cjk(c) != cjk).unwrap_or(rest.len());
            let segment = &rest[..end];
            if cjk {
                // Each character, then it and the next as a bigram.
                let mut starts = segment.char_indices().map(|(at, _)| at).peekable();
                while let Some(at) = starts.next() {
                    let next = starts.peek().copied().unwrap_or(segment.len());
                    token(&segment[at..next], true);
                    if next < segment.len() {
                        let after = segment[next..].chars().next().map_or(0, char::len_utf8);
                        token(&segment[at..next + after], true);
                    }
                }
            } else {
                token(segment, false);
            }
            rest = &rest[end..];
        }
    }
}

/// The surface tokens of some text, as the browser computes them.
pub fn surfaces(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    surface_tokens(&fold(text), &mut tokens);
    tokens.into_iter().map(|t| t.text).collect()
}

/// Stems words of one language; languages without a stemmer pass through.
/// The index remembers what each word became (`vocabulary`), so this is
/// asked once per distinct word.
pub struct Analyzer {
    stemmer: Option<Stemmer>,
}

/// What a word turns into: one non-CJK token, whose term is its stem
/// (`None`: the token itself), or several tokens or CJK ones, each its own
/// term.
pub enum Parts<T> {
    Single { token: T, stem: Option<String> },
    Many(Vec<T>),
}

/// The words of some text: runs of letters, digits and combining marks.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = loop {
            if at >= bytes.len() {
                return None;
            }
            let before = at;
            if in_word_at(text, &mut at) {
                break before;
            }
        };
        while at < bytes.len() {
            let before = at;
            if !in_word_at(text, &mut at) {
                at = before;
                break;
            }
        }
        Some(&text[start..at])
    })
}

/// Whether the character at byte `*at` of `text` is in a word; moves `*at`
/// past it. ASCII, most of the text, is read byte by byte.
#[inline(always)]
fn in_word_at(text: &str, at: &mut usize) -> bool {
    let byte = text.as_bytes()[*at];
    if byte.is_ascii() {
        *at += 1;
        return byte.is_ascii_alphanumeric();
    }
    match text[*at..].chars().next() {
        Some(c) => {
            *at += c.len_utf8();
            is_in_word(c)
        }
        None => {
            *at = text.len();
            false
        }
    }
}

fn is_in_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Unicode's tables are searched for each character; the Basic
    // Multilingual Plane's answers are worked out once, as a bitmap (8 KB).
    static BASIC_PLANE: std::sync::OnceLock<Box<[u64]>> = std::sync::OnceLock::new();
    let code = c as usize;
    if code > 0xFFFF {
        return is_word_char_or_mark(c);
    }
    let bitmap = BASIC_PLANE.get_or_init(|| {
        let mut bits = vec![0u64; 0x10000 / 64];
        for (code, c) in (0..=0xFFFF).filter_map(|u| Some((u as usize, char::from_u32(u)?))) {
            if is_word_char_or_mark(c) {
                bits[code / 64] |= 1 << (code % 64);
            }
        }
        bits.into_boxed_slice()
    });
    bitmap[code / 64] & (1 << (code % 64)) != 0
}

fn is_word_char_or_mark(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

impl Analyzer {
    pub fn new(lang: &str) -> Self {
        let algorithm = match lang.split('-').next().unwrap_or(lang) {
            "en" => Some(Algorithm::English),
            "fr" => Some(Algorithm::French),
            "es" => Some(Algorithm::Spanish),
            "ru" => Some(Algorithm::Russian),
            "ar" => Some(Algorithm::Arabic),
            "de" => Some(Algorithm::German),
            "pt" => Some(Algorithm::Portuguese),
            "it" => Some(Algorithm::Italian),
            _ => None,
        };
        Analyzer {
            stemmer: algorithm.map(Stemmer::create),
        }
    }

    /// The terms of a text in reading order, as the index counts them:
    /// what `tests/search-vectors.json` records.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        for word in words(text) {
            match self.word_with(word, |token, _| token.to_string()) {
                Parts::Single { token, stem } => terms.push(stem.unwrap_or(token)),
                Parts::Many(tokens) => terms.extend(tokens),
            }
        }
        terms
    }

    /// What one word turns into, each of its surface tokens made by
    /// `token(text, is_cjk)`: a single non-CJK token and its stem (`None`
    /// when the token itself is the term), or several tokens, or CJK ones,
    /// each its own term.
    pub fn word_with<T>(&self, word: &str, mut token: impl FnMut(&str, bool) -> T) -> Parts<T> {
        let mut tokens = Vec::new();
        let mut any_cjk = false;
        for_each_surface_token(&fold(word), |text, cjk| {
            any_cjk |= cjk;
            tokens.push(token(text, cjk));
        });
        if tokens.len() == 1
            && !any_cjk
            && let Some(token) = tokens.pop()
        {
            return Parts::Single {
                token,
                stem: self.stem_folded(word),
            };
        }
        Parts::Many(tokens)
    }

    /// The stem of a word, folded, when its language has a stemmer and the
    /// stem is a single token.
    pub fn stem_folded(&self, word: &str) -> Option<String> {
        let stemmer = self.stemmer.as_ref()?;
        if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
            // Nothing to normalise, and the stem is one token to lowercase.
            let stem = stemmer
                .stem(&word.to_ascii_lowercase())
                .to_ascii_lowercase();
            if !stem.is_empty() && stem.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Some(stem);
            }
        }
        let lower: String = word.nfc().flat_map(char::to_lowercase).collect();
        let mut stem_tokens = Vec::new();
        surface_tokens(&fold(&stemmer.stem(&lower)), &mut stem_tokens);
        match stem_tokens.as_slice() {
            [one] => Some(one.text.clone()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_bitmap_agrees_with_unicode_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected = if c.is_ascii() {
                c.is_ascii_alphanumeric()
            } else {
                c.is_alphanumeric() || is_combining_mark(c)
            };
            assert_eq!(is_in_word(c), expected, "U+{:04X}", c as u32);
        }
        let split: Vec<&str> = words("дані—데이터 l'État").collect();
        assert_eq!(split, ["дані", "데이터", "l", "État"]);
    }

    #[derive(serde::Deserialize)]
    struct Vector {
        lang: String,
        text: String,
        surfaces: Vec<String>,
        terms: Vec<String>,
    }

    /// The vectors the browser's analyser is checked against too.
    #[test]
    fn shared_vectors_hold_in_rust() {
        #[derive(serde::Deserialize)]
        struct Vectors {
            analysis: Vec<Vector>,
        }
        let text = include_str!("../../tests/search-vectors.json");
        let vectors: Vectors = serde_json::from_str(text).unwrap();
        assert!(vectors.analysis.len() >= 12);
        for v in vectors.analysis {
            assert_eq!(
                surfaces(&v.text),
                v.surfaces,
                "surfaces of {:?} ({})",
                v.text,
                v.lang
            );
            let terms = Analyzer::new(&v.lang).terms(&v.text);
            assert_eq!(terms, v.terms, "terms of {:?} ({})", v.text, v.lang);
        }
    }

    #[test]
    fn folding_chinese_characters_leaves_them_as_they_are() {
        let ideographs = (0x3400..=0x4DBF).chain(0x4E00..=0x9FFF);
        for c in ideographs.filter_map(char::from_u32) {
            let text = format!("{c}Ab");
            assert_eq!(fold(&text), fold_each(&text), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn folding_removes_accents_and_unifies_arabic() {
        assert_eq!(fold("Sécurité"), "securite");
        assert_eq!(fold("أمن إنترنت آمن"), "امن انترنت امن");
        assert_eq!(fold("مدرسة"), "مدرسه");
        assert_eq!(fold("عَرَبِيّـة"), "عربيه");
        assert_eq!(fold("٢٠٢٠"), "2020");
    }

    #[test]
    fn cjk_becomes_unigrams_and_bigrams() {
        let terms = Analyzer::new("zh").terms("数据治理 AI");
        let expected = ["数", "数据", "据", "据治", "治", "治理", "理", "ai"];
        assert_eq!(terms, expected);
    }
}

/// Prints the vectors with what the analyser gives now, to review and
/// commit: `cargo test print_vectors -- --ignored --nocapture`.
#[cfg(test)]
#[test]
#[ignore]
fn print_vectors() {
    let vectors: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/search-vectors.json")).unwrap();
    let mut out = Vec::new();
    for v in vectors["analysis"].as_array().unwrap() {
        let (lang, text) = (v["lang"].as_str().unwrap(), v["text"].as_str().unwrap());
        let terms = Analyzer::new(lang).terms(text);
        out.push(serde_json::json!({"lang": lang, "text": text, "surfaces": surfaces(text), "terms": terms}));
    }
    for line in out {
        println!("{line},");
    }
}
