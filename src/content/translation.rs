//! What a translation translates: a short digest of each translatable part
//! of a document (title, key takeaways, calls to action, body), recorded in
//! the translation's `translates` field and compared with its original's.
//!
//! Only the words count: the digests are of the text normalised (Unicode
//! NFC, runs of white space as one space, Markdown markup left out), so
//! that reformatting a file, or changing a fact a translation copies (date,
//! tracks, room), does not make its translations outdated.

use super::Meta;
use serde::Serialize;
use sha2::{Digest as _, Sha256};
use std::fmt::Write as _;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The front-matter field a translation records its original's state in.
pub const FIELD: &str = "translates";

/// The code of `check`'s warning for an outdated translation, which
/// `check --allow-outdated-translations` leaves out of `--deny-warnings`.
pub const OUTDATED: &str = "outdated-translation";

/// A part of a document that translators translate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Title,
    KeyTakeaways,
    CallsToAction,
    Body,
}

impl Part {
    pub const ALL: [Part; 4] = [
        Part::Title,
        Part::KeyTakeaways,
        Part::CallsToAction,
        Part::Body,
    ];

    /// The name in `translates` (the front-matter field it digests, or `body`).
    pub fn name(self) -> &'static str {
        match self {
            Part::Title => "title",
            Part::KeyTakeaways => "key_takeaways",
            Part::CallsToAction => "calls_to_action",
            Part::Body => "body",
        }
    }

    pub fn from_name(name: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The parts a document of this metadata has: sessions have all four,
    /// messages and outputs a title and a body.
    pub fn of(meta: &Meta) -> &'static [Part] {
        match meta {
            Meta::Session(_) => &Part::ALL,
            Meta::Messages(_) | Meta::Output(_) => &[Part::Title, Part::Body],
        }
    }
}

/// The hexadecimal digits kept of each part's SHA-256: enough to tell an
/// edit from none, short enough to keep the field on one line.
pub const DIGEST_DIGITS: usize = 8;

/// The digest of each part of one language version, in `Part` order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Digests(pub Vec<(Part, String)>);

impl Digests {
    /// The digests of a version's own text: its metadata and the plain
    /// text of its body.
    pub fn of(meta: &Meta, body_text: &str) -> Digests {
        let parts = Part::of(meta).iter().map(|&part| {
            let text = match (part, meta) {
                (Part::Title, _) => meta.title().to_string(),
                (Part::KeyTakeaways, _) => meta.key_takeaways().join("\n"),
                (Part::CallsToAction, Meta::Session(s)) => s.calls_to_action.join("\n"),
                (Part::CallsToAction, _) => String::new(),
                (Part::Body, _) => body_text.to_string(),
            };
            (part, digest(&text))
        });
        Digests(parts.collect())
    }

    pub fn get(&self, part: Part) -> Option<&str> {
        self.0
            .iter()
            .find(|(p, _)| *p == part)
            .map(|(_, d)| d.as_str())
    }

    /// The parts whose digest differs from (or is missing in) `recorded`.
    pub fn changed_since(&self, recorded: &Digests) -> Vec<Part> {
        self.0
            .iter()
            .filter(|(part, now)| recorded.get(*part) != Some(now.as_str()))
            .map(|(part, _)| *part)
            .collect()
    }

    /// The value of `translates` as written into front matter: a flow
    /// mapping on one line, the digests quoted so that YAML reads each as
    /// text even when it is all digits.
    pub fn to_yaml(&self) -> String {
        let mut out = String::from("{");
        for (i, (part, digest)) in self.0.iter().enumerate() {
            let comma = if i == 0 { "" } else { ", " };
            let _ = write!(out, "{comma}{}: \"{digest}\"", part.name());
        }
        out.push('}');
        out
    }
}

/// The first `DIGEST_DIGITS` hexadecimal digits of the SHA-256 of `text`
/// normalised: NFC, white space collapsed, trimmed.
pub fn digest(text: &str) -> String {
    // Most text is NFC already; checking is far cheaper than composing.
    let normal = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => std::borrow::Cow::Borrowed(text),
        _ => std::borrow::Cow::Owned(text.nfc().collect()),
    };
    let mut hasher = Sha256::new();
    for (i, word) in normal.split_whitespace().enumerate() {
        if i > 0 {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
    }
    let hash = hasher.finalize();
    let mut hex = String::with_capacity(DIGEST_DIGITS);
    for byte in hash.iter().take(DIGEST_DIGITS / 2) {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// Whether a recorded value has the shape `digest` gives.
pub fn is_digest(text: &str) -> bool {
    text.len() == DIGEST_DIGITS && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Where a translation stands against its original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status", content = "changed")]
pub enum Status {
    /// It records the original as it is now.
    Current,
    /// The original changed these parts since the translation recorded it.
    Outdated(Vec<Part>),
    /// It records nothing: not known to be current.
    Unmarked,
}

impl Status {
    /// How `translation` (its recorded digests) stands against its
    /// original's digests now.
    pub fn of(original: &Digests, recorded: Option<&Digests>) -> Status {
        match recorded {
            None => Status::Unmarked,
            Some(recorded) => {
                let changed = original.changed_since(recorded);
                if changed.is_empty() {
                    Status::Current
                } else {
                    Status::Outdated(changed)
                }
            }
        }
    }
}

/// Part names joined for a message: `title, key_takeaways`.
pub fn part_names(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| p.name())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_ignore_white_space_and_normalisation() {
        assert_eq!(digest("Trust  online\n"), digest(" Trust online"));
        assert_eq!(digest("caf\u{e9}"), digest("cafe\u{301}"));
        assert_ne!(digest("Trust online"), digest("Trust offline"));
        assert!(is_digest(&digest("x")));
        assert!(!is_digest("12345"));
    }

    #[test]
    fn only_changed_parts_are_named() {
        let now = Digests(vec![
            (Part::Title, digest("A")),
            (Part::KeyTakeaways, digest("B")),
            (Part::Body, digest("C")),
        ]);
        let then = Digests(vec![
            (Part::Title, digest("A")),
            (Part::KeyTakeaways, digest("old")),
            (Part::Body, digest("C")),
        ]);
        assert_eq!(
            Status::of(&now, Some(&then)),
            Status::Outdated(vec![Part::KeyTakeaways])
        );
        assert_eq!(Status::of(&now, Some(&now)), Status::Current);
        assert_eq!(Status::of(&now, None), Status::Unmarked);
    }

    #[test]
    fn the_field_is_one_line_of_quoted_digests() {
        let d = Digests(vec![(Part::Title, "01234567".into())]);
        assert_eq!(d.to_yaml(), "{title: \"01234567\"}");
    }
}
