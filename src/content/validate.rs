//! Checks that need more than one file: tracks and dates against the year's
//! `meeting.yaml`, unique session codes, translations against their
//! originals. Groups the language versions of each document together and
//! returns the `Archive` (links are resolved next, by `link`).

use super::parse::Parsed;
use super::{Archive, Document, Kind, Meeting, Meta, Version, translation};
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Position};
use std::collections::{BTreeMap, HashMap};

type Key = (u16, Kind, String);

/// `meeting_files` are the years that have a meeting.yaml, parsed or not:
/// a broken one is reported where it is, not as missing.
pub fn validate(
    config: SiteConfig,
    parsed: Vec<Parsed>,
    meeting_files: &[u16],
) -> (Archive, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let (meetings, groups) = group_versions(parsed);
    let mut documents = Vec::with_capacity(groups.len());
    for ((year, kind, slug), mut versions) in groups {
        versions.sort_by_key(|v| {
            (
                v.lang != config.default_language,
                config.language_rank(&v.lang),
            )
        });
        if versions[0].lang != config.default_language {
            report_missing_original(&config, (year, kind, &slug), &versions, &mut diagnostics);
            continue;
        }
        let Some(meeting) = meetings.iter().find(|m| m.year == year) else {
            if !meeting_files.contains(&year) {
                diagnostics.push(missing_meeting(year, &versions[0]));
            }
            continue;
        };
        check_versions(&versions, meeting, &slug, &mut diagnostics);
        documents.push(Document {
            year,
            kind,
            slug,
            versions,
            cited_by: Vec::new(),
        });
    }
    check_unique_codes(&documents, &mut diagnostics);

    let by_link_path: HashMap<String, usize> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.link_path(), i))
        .collect();
    let archive = Archive {
        config,
        meetings,
        documents,
        by_link_path,
    };
    (archive, diagnostics)
}

/// The meetings by year, and each document's language versions (in the
/// order parsed).
fn group_versions(parsed: Vec<Parsed>) -> (Vec<Meeting>, BTreeMap<Key, Vec<Version>>) {
    let mut meetings: Vec<Meeting> = Vec::new();
    let mut groups: BTreeMap<Key, Vec<Version>> = BTreeMap::new();
    for item in parsed {
        match item {
            Parsed::Meeting(meeting) => meetings.push(meeting),
            Parsed::Document {
                year,
                kind,
                slug,
                version,
            } => {
                groups.entry((year, kind, slug)).or_default().push(version);
            }
        }
    }
    meetings.sort_by_key(|m| m.year);
    (meetings, groups)
}

/// An error on each translation of a document that has no original.
fn report_missing_original(
    config: &SiteConfig,
    (year, kind, slug): (u16, Kind, &str),
    translations: &[Version],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for translation in translations {
        diagnostics.push(
            Diagnostic::error(
                &translation.source,
                Position::new(1, 1),
                "this translation has no original",
            )
            .expected(format!(
                "the original, content/{year}/{}/{slug}.md, written in `{}`",
                kind.folder(),
                config.default_language
            ))
            .hint("add the original file, or check the file name of the translation"),
        );
    }
}

/// The error for a document of a year without a meeting.yaml.
fn missing_meeting(year: u16, original: &Version) -> Diagnostic {
    Diagnostic::error(
        &original.source,
        Position::new(1, 1),
        format!("the year {year} has no meeting.yaml"),
    )
    .expected(format!(
        "content/{year}/meeting.yaml describing the meeting and its tracks"
    ))
    .hint("copy the meeting.yaml of another year and adapt it")
}

/// The checks of one document's versions (the original first): against
/// their meeting, translations against the original, and the file name
/// of a track's Messages.
fn check_versions(
    versions: &[Version],
    meeting: &Meeting,
    slug: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for version in versions {
        check_against_meeting(version, meeting, diagnostics);
    }
    if versions[0].translates.is_some() {
        diagnostics.push(
            Diagnostic::warning(
                &versions[0].source,
                versions[0].keys.position(translation::FIELD),
                "an original translates nothing",
            )
            .field(translation::FIELD)
            .hint(
                "remove the field; it belongs in translations, which record the original's state",
            ),
        );
    }
    for translation in &versions[1..] {
        check_translation(&versions[0], translation, diagnostics);
    }
    if let Meta::Messages(m) = &*versions[0].meta
        && m.track != slug
    {
        diagnostics.push(
            Diagnostic::warning(
                &versions[0].source,
                versions[0].keys.position("track"),
                format!(
                    "the Messages of track `{}` are in a file named `{slug}`",
                    m.track
                ),
            )
            .field("track")
            .hint(format!("name the file messages/{}.md", m.track)),
        );
    }
}

fn check_against_meeting(version: &Version, meeting: &Meeting, diagnostics: &mut Vec<Diagnostic>) {
    let track_key = match *version.meta {
        Meta::Messages(_) => "track",
        _ => "tracks",
    };
    for (i, track) in version.meta.tracks().iter().enumerate() {
        if meeting.tracks.contains_key(track) {
            continue;
        }
        let at = match *version.meta {
            Meta::Messages(_) => version.keys.position("track"),
            _ => version.keys.position(&format!("tracks.{i}")),
        };
        let known: Vec<&str> = meeting.tracks.keys().map(String::as_str).collect();
        let mut d = Diagnostic::error(&version.source, at, format!("unknown track `{track}`"))
            .field(track_key)
            .expected(format!(
                "a track of {}: {}",
                meeting.source,
                known.join(", ")
            ));
        if let Some(s) = crate::yaml::did_you_mean(track, &known) {
            d = d.hint(format!("did you mean `{s}`?"));
        } else {
            d = d.hint(format!(
                "add the track to {}, or use one of its tracks",
                meeting.source
            ));
        }
        diagnostics.push(d);
    }
    if let Meta::Session(s) = &*version.meta
        && (s.date < meeting.start || s.date > meeting.end)
    {
        diagnostics.push(
            Diagnostic::warning(
                &version.source,
                version.keys.position("date"),
                format!("{} is outside the meeting's dates", s.date),
            )
            .field("date")
            .expected(format!("a date from {} to {}", meeting.start, meeting.end))
            .hint("check the year and month; pre-events may fall before the meeting"),
        );
    }
}

/// A translation carries the same facts as its original; only the words change.
fn check_translation(original: &Version, translation: &Version, diagnostics: &mut Vec<Diagnostic>) {
    check_currency(original, translation, diagnostics);
    let mut differs = |field: &str, theirs: String, ours: String| {
        if theirs != ours {
            diagnostics.push(
                Diagnostic::error(&translation.source, translation.keys.position(field), format!("`{field}` differs from the original"))
                    .field(field)
                    .expected(format!("`{ours}`, as in {}", original.source))
                    .hint("a translation keeps the original's code, type, date and tracks; only the words are translated"),
            );
        }
    };
    match (&*original.meta, &*translation.meta) {
        (Meta::Session(o), Meta::Session(t)) => {
            differs("code", t.code.clone(), o.code.clone());
            differs(
                "type",
                t.session_type.name().into(),
                o.session_type.name().into(),
            );
            differs("date", t.date.to_string(), o.date.to_string());
            differs("tracks", t.tracks.join(", "), o.tracks.join(", "));
        }
        (Meta::Output(o), Meta::Output(t)) => {
            differs(
                "type",
                t.output_type.name().into(),
                o.output_type.name().into(),
            );
            differs("tracks", t.tracks.join(", "), o.tracks.join(", "));
        }
        (Meta::Messages(o), Meta::Messages(t)) => {
            differs("track", t.track.clone(), o.track.clone())
        }
        _ => {}
    }
}

/// A warning when the original changed since the translation recorded it,
/// naming the parts that changed. A translation that records nothing is
/// not known to be current, which is not a problem of the file.
fn check_currency(original: &Version, translation: &Version, diagnostics: &mut Vec<Diagnostic>) {
    let Some(recorded) = &translation.translates else {
        return;
    };
    let changed = original.digests.changed_since(recorded);
    if changed.is_empty() {
        return;
    }
    let field = match changed[..] {
        [one] => format!("{}.{}", translation::FIELD, one.name()),
        _ => translation::FIELD.to_string(),
    };
    let at = if translation.keys.has(&field) {
        translation.keys.position(&field)
    } else {
        translation.keys.position(translation::FIELD)
    };
    diagnostics.push(
        Diagnostic::warning(
            &translation.source,
            at,
            format!(
                "outdated translation: {} changed in {} since this translation recorded it",
                translation::part_names(&changed),
                original.source
            ),
        )
        .field(field)
        .code(translation::OUTDATED)
        .hint(format!(
            "translate what changed, then record it: `igf-archive translations --record {}`",
            translation.source
        )),
    );
}

fn check_unique_codes(documents: &[Document], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(u16, String), &Version> = HashMap::new();
    for document in documents.iter().filter(|d| d.kind == Kind::Session) {
        let original = document.original();
        let Some(session) = original.meta.session() else {
            continue;
        };
        let key = (document.year, normalize_code(&session.code));
        match seen.get(&key) {
            Some(first) => diagnostics.push(
                Diagnostic::error(
                    &original.source,
                    original.keys.position("code"),
                    format!(
                        "the code `{}` is already used in {}",
                        session.code, document.year
                    ),
                )
                .field("code")
                .expected("a code used by no other session of the year")
                .hint(format!(
                    "{} has the same code; check both files against the schedule",
                    first.source
                )),
            ),
            None => {
                seen.insert(key, original);
            }
        }
    }
}

/// `WS #123`, `WS 123` and `ws123` are the same code.
fn normalize_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
