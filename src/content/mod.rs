//! The archive as data: meetings, documents and their language versions.
//!
//! `discover` finds the files, `parse` reads each one on its own,
//! `validate` checks them against each other and groups translations into
//! documents, `link` resolves `@/` links. What comes out is an `Archive`
//! that the later stages only read.

pub mod discover;
pub mod link;
pub mod parse;
pub mod translation;
pub mod validate;

use crate::config::{Localized, SiteConfig};
use crate::date::Date;
use crate::markdown::Body;
use crate::yaml::KeyIndex;
use indexmap::IndexMap;
use serde::Serialize;
use std::collections::HashMap;

/// The kind of a document follows from its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Session,
    Messages,
    Output,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Session, Kind::Messages, Kind::Output];

    /// The folder under `content/<year>/` (and in URLs).
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Session => "sessions",
            Kind::Messages => "messages",
            Kind::Output => "outputs",
        }
    }

    pub fn from_folder(folder: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == folder)
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Session => "session",
            Kind::Messages => "messages",
            Kind::Output => "output",
        }
    }
}

/// An enum whose values are written as fixed names in front matter, in
/// the order lists show them.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($variant),*
        }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),*];
            /// The names front matter uses, in the order of `ALL`.
            pub const NAMES: &[&str] = &[$($text),*];

            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text),*
                }
            }

            pub fn from_name(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|t| t.name() == text)
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.name())
            }
        }
    };
}

named_enum! {
    /// The `type` of a session report.
    SessionType {
        Workshop = "workshop",
        OpenForum = "open-forum",
        MainSession = "main-session",
        Bpf = "bpf",
        Dc = "dc",
        Nri = "nri",
        HighLevel = "high-level",
        Parliamentary = "parliamentary",
        Youth = "youth",
        LightningTalk = "lightning-talk",
        TownHall = "town-hall",
        Launch = "launch",
        Other = "other",
    }
}

named_enum! {
    /// The `type` of an output document.
    OutputType {
        Bpf = "bpf",
        PolicyNetwork = "policy-network",
        Dc = "dc",
        Summary = "summary",
        Other = "other",
    }
}

/// One annual meeting, from `content/<year>/meeting.yaml`.
#[derive(Debug, Clone)]
pub struct Meeting {
    pub year: u16,
    pub source: String,
    pub number: u32,
    pub title: Localized,
    pub theme: Localized,
    pub location: Localized,
    pub start: Date,
    pub end: Date,
    pub tracks: IndexMap<String, Track>,
}

#[derive(Debug, Clone)]
pub struct Track {
    pub title: Localized,
    pub description: Localized,
}

/// The front matter of a session report.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionMeta {
    pub code: String,
    pub title: String,
    pub session_type: SessionType,
    pub tracks: Vec<String>,
    pub date: Date,
    pub key_takeaways: Vec<String>,
    pub calls_to_action: Vec<String>,
    pub participants: Option<u32>,
    pub room: Option<String>,
    pub organizers: Vec<String>,
    pub moderator: Option<String>,
    pub rapporteur: Option<String>,
    pub speakers: Vec<String>,
    /// Estimated share of women among participants, in percent.
    pub women_share: Option<u32>,
    pub video: Option<String>,
    pub transcript: Option<String>,
}

/// The front matter of one track's IGF Messages.
#[derive(Debug, Clone, PartialEq)]
pub struct MessagesMeta {
    pub track: String,
    pub title: String,
}

/// The front matter of an output document (BPF, Policy Network, …).
#[derive(Debug, Clone, PartialEq)]
pub struct OutputMeta {
    pub title: String,
    pub output_type: OutputType,
    pub tracks: Vec<String>,
}

// One per language version, never copied in bulk: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Meta {
    Session(SessionMeta),
    Messages(MessagesMeta),
    Output(OutputMeta),
}

impl Meta {
    pub fn title(&self) -> &str {
        match self {
            Meta::Session(m) => &m.title,
            Meta::Messages(m) => &m.title,
            Meta::Output(m) => &m.title,
        }
    }

    pub fn tracks(&self) -> &[String] {
        match self {
            Meta::Session(m) => &m.tracks,
            Meta::Messages(m) => std::slice::from_ref(&m.track),
            Meta::Output(m) => &m.tracks,
        }
    }

    pub fn key_takeaways(&self) -> &[String] {
        match self {
            Meta::Session(m) => &m.key_takeaways,
            _ => &[],
        }
    }

    pub fn session(&self) -> Option<&SessionMeta> {
        match self {
            Meta::Session(m) => Some(m),
            _ => None,
        }
    }

    /// `type` of a session or output; messages have none.
    pub fn doc_type(&self) -> Option<&'static str> {
        match self {
            Meta::Session(m) => Some(m.session_type.name()),
            Meta::Output(m) => Some(m.output_type.name()),
            Meta::Messages(_) => None,
        }
    }
}

/// One language version of a document: one Markdown file.
#[derive(Debug, Clone)]
pub struct Version {
    pub lang: String,
    /// Path relative to the archive's root, e.g. `content/2020/sessions/ws-1.fr.md`.
    pub source: String,
    /// The file itself, which the render stage reads again for the body's
    /// HTML.
    pub file: std::path::PathBuf,
    /// Shared, like the fields below, so that `serve` can reassemble the
    /// archive after an edit without copying every file's front matter.
    pub meta: std::sync::Arc<Meta>,
    /// Shared, so that `serve` can keep parsed files and reassemble the
    /// archive after an edit without copying every body.
    pub body: std::sync::Arc<Body>,
    /// Where each front-matter field is written, for diagnostics.
    pub keys: std::sync::Arc<KeyIndex>,
    /// The text analysed for search as the file was parsed, when a build
    /// asked for it (`check` does not).
    pub analysis: Option<std::sync::Arc<crate::analysis::vocabulary::Analyzed>>,
    /// A digest of each translatable part of this version's text.
    pub digests: translation::Digests,
    /// A translation's record of its original's digests (`translates`),
    /// when it has one.
    pub translates: Option<translation::Digests>,
    /// Where each of `body.links` leads, as the link stage resolved it;
    /// `None` for a missing document.
    pub link_targets: Vec<Option<LinkTarget>>,
}

/// A document a link leads to, in the language it is read in there.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkTarget {
    pub index: usize,
    pub lang: String,
}

/// A document and all its language versions (original first).
#[derive(Debug, Clone)]
pub struct Document {
    pub year: u16,
    pub kind: Kind,
    pub slug: String,
    pub versions: Vec<Version>,
    /// Documents whose text links here, as indices into `Archive::documents`.
    pub cited_by: Vec<usize>,
}

impl Document {
    pub fn original(&self) -> &Version {
        &self.versions[0]
    }

    /// The version in `lang`, if the document is written in it.
    pub fn version(&self, lang: &str) -> Option<&Version> {
        self.versions.iter().find(|v| v.lang == lang)
    }

    /// The version a reader of `lang` sees: theirs, else the original.
    pub fn version_for(&self, lang: &str) -> &Version {
        self.version(lang).unwrap_or_else(|| self.original())
    }

    /// The source path without language suffix: `2020/sessions/ws-1.md`,
    /// as written in `@/` links.
    pub fn link_path(&self) -> String {
        format!("{}/{}/{}.md", self.year, self.kind.folder(), self.slug)
    }

    /// Where the version in `lang` stands against the original; `None`
    /// for the original and for a language it is not written in.
    pub fn translation_status(&self, lang: &str) -> Option<translation::Status> {
        let version = self
            .version(lang)
            .filter(|v| v.lang != self.original().lang)?;
        Some(translation::Status::of(
            &self.original().digests,
            version.translates.as_ref(),
        ))
    }

    /// Session date, for sorting; other kinds sort after sessions of a year.
    pub fn date(&self) -> Option<Date> {
        self.original().meta.session().map(|s| s.date)
    }
}

/// The whole archive, parsed, validated and linked.
#[derive(Debug)]
pub struct Archive {
    pub config: SiteConfig,
    /// Sorted by year, oldest first.
    pub meetings: Vec<Meeting>,
    /// Sorted by year, kind, then slug.
    pub documents: Vec<Document>,
    /// `2020/sessions/ws-1.md` → index into `documents`.
    pub by_link_path: HashMap<String, usize>,
}

impl Archive {
    pub fn meeting(&self, year: u16) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.year == year)
    }

    /// The documents of one kind of a meeting, with their index: a run of
    /// `documents`, which are sorted by year and kind.
    pub fn documents_of(&self, year: u16, kind: Kind) -> impl Iterator<Item = (usize, &Document)> {
        let start = (self.documents).partition_point(|d| (d.year, d.kind) < (year, kind));
        let end = (self.documents).partition_point(|d| (d.year, d.kind) <= (year, kind));
        (start..end).zip(&self.documents[start..end])
    }

    /// Every track id in use, newest meeting's order first, each once.
    pub fn track_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for meeting in self.meetings.iter().rev() {
            for id in meeting.tracks.keys() {
                if !ids.contains(&id.as_str()) {
                    ids.push(id);
                }
            }
        }
        ids
    }

    /// The description of a track as the newest meeting that has it gives it.
    pub fn latest_track(&self, id: &str) -> Option<&Track> {
        self.meetings.iter().rev().find_map(|m| m.tracks.get(id))
    }

    /// Resolves the target of an `@/` link to a document and, when the
    /// link names a translation, that language.
    pub fn resolve(&self, target: &str) -> Option<(usize, Option<String>)> {
        let target = target.split('#').next().unwrap_or(target);
        if let Some(&index) = self.by_link_path.get(target) {
            return Some((index, None));
        }
        let (stem, lang) = split_language_suffix(target.strip_suffix(".md")?)?;
        let index = *self.by_link_path.get(&format!("{stem}.md"))?;
        self.documents[index].version(lang)?;
        Some((index, Some(lang.to_string())))
    }
}

/// Splits `ws-1.fr` into (`ws-1`, `fr`) when the suffix is a language tag.
pub fn split_language_suffix(stem: &str) -> Option<(&str, &str)> {
    let dot = stem.rfind('.')?;
    let (name, lang) = (&stem[..dot], &stem[dot + 1..]);
    crate::config::is_language_tag(lang).then_some((name, lang))
}
