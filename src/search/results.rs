//! What the search page shows of its results: each document's title,
//! address and excerpt (`m-<n>.js`), and the labels of the filters in the
//! reader's language (`l-<lang>.js`).

use crate::content::translation::Status;
use crate::content::{Archive, Kind, OutputType, SessionType, Version};
use crate::pages::{Page, page_link};
use crate::theme::Theme;
use serde_json::{Map, Value, json};

/// A document's metadata: `[title, address, language, code, excerpt,
/// kind, type, year, tracks]`, and `1` after them when the version is a
/// translation that its original has changed since (most are not: no
/// byte for them).
pub(super) fn document_meta(archive: &Archive, index: usize, version: &Version) -> Value {
    let document = &archive.documents[index];
    let outdated = matches!(
        document.translation_status(&version.lang),
        Some(Status::Outdated(_))
    );
    let excerpt = match version.meta.key_takeaways().first() {
        Some(takeaway) => takeaway.clone(),
        None => crate::text::excerpt(&version.body.text, 220),
    };
    let code = version.meta.session().map_or("", |s| s.code.as_str());
    let mut meta = json!([
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
        document.kind.name(),
        version.meta.doc_type().unwrap_or(""),
        document.year,
        version.meta.tracks()
    ]);
    if let (true, Value::Array(fields)) = (outdated, &mut meta) {
        fields.push(json!(1));
    }
    meta
}

/// The labels of the filters, and the strings of the search page, in
/// `lang`.
pub(super) fn labels(archive: &Archive, theme: &Theme, lang: &str) -> Value {
    let default = &archive.config.default_language;
    let mut tracks = Map::new();
    for id in archive.track_ids() {
        if let Some(track) = archive.latest_track(id) {
            tracks.insert(id.to_string(), json!(track.title.get(lang, default)));
        }
    }
    let types: Map<String, Value> = SessionType::NAMES
        .iter()
        .map(|t| (t.to_string(), json!(theme.nested(lang, "session_types", t))))
        .chain(OutputType::NAMES.iter().map(|t| {
            (
                format!("output:{t}"),
                json!(theme.nested(lang, "output_types", t)),
            )
        }))
        .collect();
    let kinds: Map<String, Value> = Kind::ALL
        .iter()
        .map(|k| {
            (
                k.name().to_string(),
                json!(theme.nested(lang, "kinds", k.name())),
            )
        })
        .collect();
    let languages: Map<String, Value> = archive
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
            "at_least": theme.text(lang, "search_result_count_at_least", &[]),
            "none": theme.text(lang, "search_no_results", &[]),
            "only_in": theme.text(lang, "only_in", &[]),
            "outdated": theme.text(lang, "outdated_badge", &[]),
        },
    })
}
