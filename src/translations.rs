//! The translation status of the archive, for coordinators: per language,
//! per year and kind of document, which translations are current, which
//! outdated (and what changed), which record nothing, which are missing.
//! `igf-archive translations` prints it, the site shows it on a page per
//! language and writes it as `data/translations.json`.
//!
//! `record` writes the `translates` field into translations; comparing the
//! digests is `content::translation`'s.

mod record;

use crate::content::translation::{Part, Status};
use crate::content::{Archive, Kind};
use serde::Serialize;
use std::fmt::Write as _;

pub use record::{record, with_field};

/// Where the status goes in the site's output.
pub const JSON_PATH: &str = "data/translations.json";

/// The status of every language but the default one, in `site.yaml` order.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// The language originals are written in.
    pub original_language: &'a str,
    pub languages: Vec<LanguageStatus<'a>>,
}

#[derive(Debug, Serialize)]
pub struct LanguageStatus<'a> {
    pub lang: &'a str,
    pub name: &'a str,
    pub totals: Counts,
    pub groups: Vec<Group<'a>>,
}

/// How many documents are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub current: usize,
    pub outdated: usize,
    pub unmarked: usize,
    pub missing: usize,
}

impl Counts {
    fn add(&mut self, state: State) {
        *match state {
            State::Current => &mut self.current,
            State::Outdated => &mut self.outdated,
            State::Unmarked => &mut self.unmarked,
            State::Missing => &mut self.missing,
        } += 1;
    }

    fn add_all(&mut self, other: Counts) {
        self.current += other.current;
        self.outdated += other.outdated;
        self.unmarked += other.unmarked;
        self.missing += other.missing;
    }
}

/// The documents of one kind of one meeting.
#[derive(Debug, Serialize)]
pub struct Group<'a> {
    pub year: u16,
    pub kind: Kind,
    pub counts: Counts,
    pub documents: Vec<Entry<'a>>,
}

/// Where one document stands in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Current,
    Outdated,
    Unmarked,
    Missing,
}

impl State {
    pub fn name(self) -> &'static str {
        match self {
            State::Current => "current",
            State::Outdated => "outdated",
            State::Unmarked => "unmarked",
            State::Missing => "missing",
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Entry<'a> {
    /// Into `Archive::documents`, for pages that link to it.
    #[serde(skip)]
    pub index: usize,
    pub state: State,
    /// The original's file.
    pub original: &'a str,
    /// The translation's file: where it is, or where it goes.
    pub translation: String,
    pub code: Option<&'a str>,
    /// The original's title.
    pub title: &'a str,
    /// What changed in the original since the translation recorded it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<Part>,
}

/// The status of every translation of `archive`.
pub fn report(archive: &Archive) -> Report<'_> {
    let config = &archive.config;
    let languages = (config.languages.iter())
        .filter(|l| l.code != config.default_language)
        .map(|language| {
            let groups: Vec<Group> = (archive.meetings.iter())
                .flat_map(|m| Kind::ALL.map(|kind| (m.year, kind)))
                .filter_map(|(year, kind)| group(archive, &language.code, year, kind))
                .collect();
            let mut totals = Counts::default();
            groups.iter().for_each(|g| totals.add_all(g.counts));
            LanguageStatus {
                lang: &language.code,
                name: &language.name,
                totals,
                groups,
            }
        })
        .collect();
    Report {
        original_language: &config.default_language,
        languages,
    }
}

/// One language's status of the documents of a kind of a meeting; `None`
/// when there are none.
fn group<'a>(archive: &'a Archive, lang: &str, year: u16, kind: Kind) -> Option<Group<'a>> {
    let mut counts = Counts::default();
    let documents: Vec<Entry> = archive
        .documents_of(year, kind)
        .map(|(index, document)| {
            let original = document.original();
            let (state, changed) = match document.translation_status(lang) {
                None => (State::Missing, Vec::new()),
                Some(Status::Current) => (State::Current, Vec::new()),
                Some(Status::Unmarked) => (State::Unmarked, Vec::new()),
                Some(Status::Outdated(parts)) => (State::Outdated, parts),
            };
            counts.add(state);
            let translation = match document.version(lang) {
                Some(version) => version.source.clone(),
                None => format!(
                    "content/{year}/{}/{}.{lang}.md",
                    kind.folder(),
                    document.slug
                ),
            };
            Entry {
                index,
                state,
                original: &original.source,
                translation,
                code: original.meta.session().map(|s| s.code.as_str()),
                title: original.meta.title(),
                changed,
            }
        })
        .collect();
    (!documents.is_empty()).then_some(Group {
        year,
        kind,
        counts,
        documents,
    })
}

impl Report<'_> {
    /// As `data/translations.json` and `translations --format json` give it.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).unwrap_or_default();
        json.push('\n');
        json
    }

    /// For a terminal: each language's totals, then each year and kind's,
    /// then every translation to do (outdated, unmarked, missing).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for language in &self.languages {
            let _ = writeln!(
                out,
                "{} ({}): {}",
                language.lang,
                language.name,
                counts_line(language.totals)
            );
            for group in &language.groups {
                let _ = writeln!(
                    out,
                    "  {} {}: {}",
                    group.year,
                    group.kind.folder(),
                    counts_line(group.counts)
                );
                for entry in group.documents.iter().filter(|e| e.state != State::Current) {
                    let _ = write!(out, "    {:<9} {}", entry.state.name(), entry.translation);
                    if !entry.changed.is_empty() {
                        let _ = write!(
                            out,
                            " (changed: {})",
                            crate::content::translation::part_names(&entry.changed)
                        );
                    }
                    out.push('\n');
                }
            }
        }
        out
    }
}

fn counts_line(counts: Counts) -> String {
    format!(
        "{} current, {} outdated, {} unmarked, {} missing",
        counts.current, counts.outdated, counts.unmarked, counts.missing
    )
}

/// `data/translations.json`, for the site.
pub fn files(archive: &Archive) -> Vec<crate::pages::OutputFile> {
    vec![crate::pages::OutputFile {
        path: JSON_PATH.to_string(),
        bytes: report(archive).to_json().into_bytes(),
    }]
}
