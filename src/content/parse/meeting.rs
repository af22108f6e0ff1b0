//! `meeting.yaml` into a `Meeting`: the meeting's number, title, theme,
//! location, dates, and its tracks.

use super::Parsed;
use super::fields::{date_field, non_empty_text};
use crate::config::Localized;
use crate::content::discover::is_slug;
use crate::content::{Meeting, Track};
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::yaml::{Fields, KeyIndex, parse_mapping};
use indexmap::IndexMap;

const MEETING_FIELDS: &[&str] = &["number", "title", "theme", "location", "dates", "tracks"];

/// Parses a `meeting.yaml`'s text (already decoded). `None` means it had
/// errors, all of them in the returned diagnostics.
pub fn parse_meeting(text: &str, path: &str, year: u16) -> (Option<Parsed>, Vec<Diagnostic>) {
    let map = match parse_mapping(text, path, 1) {
        Ok(map) => map,
        Err(d) => return (None, vec![d]),
    };
    let keys = KeyIndex::new(text, 1);
    let mut f = Fields::new(map, &keys, path);
    let number = f.required::<u32>("number", "the meeting's number, e.g. 15");
    let text = "a string, or a map of language → string";
    let title = f.required::<Localized>("title", text);
    let title = non_empty_text(&mut f, "title", title);
    let theme = f.required::<Localized>("theme", text);
    let theme = non_empty_text(&mut f, "theme", theme);
    let location = f.required::<Localized>("location", text);
    let location = non_empty_text(&mut f, "location", location);
    let dates = f.required::<serde_yaml::Mapping>("dates", "{start: YYYY-MM-DD, end: YYYY-MM-DD}");
    let tracks = f.required::<IndexMap<String, serde_yaml::Mapping>>(
        "tracks",
        "a map of track id → {title, description}",
    );
    let mut diagnostics = f.finish(MEETING_FIELDS);
    let (start, end) = meeting_dates(dates, &keys, path, &mut diagnostics);
    if tracks.as_ref().is_some_and(IndexMap::is_empty) {
        diagnostics.push(
            Diagnostic::error(path, keys.position("tracks"), "`tracks` is empty")
                .field("tracks")
                .expected("a map of track id → {title, description}, e.g. `data: {title: Data}`")
                .hint("every session report is filed under one or more of its meeting's tracks"),
        );
    }
    let tracks = meeting_tracks(tracks.unwrap_or_default(), &keys, path, &mut diagnostics);
    if crate::diagnostics::has_errors(&diagnostics) {
        return (None, diagnostics);
    }
    let meeting = (|| {
        Some(Meeting {
            year,
            source: path.to_string(),
            number: number?,
            title: title?,
            theme: theme?,
            location: location?,
            start: start?,
            end: end?,
            tracks,
        })
    })();
    (meeting.map(Parsed::Meeting), diagnostics)
}

/// The first and last day of the meeting, from `dates: {start, end}`; an
/// error if it ends before it starts.
fn meeting_dates(
    dates: Option<serde_yaml::Mapping>,
    keys: &KeyIndex,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<Date>, Option<Date>) {
    let Some(dates) = dates else {
        return (None, None);
    };
    let mut d = Fields::nested(dates, keys, path, "dates");
    let start = date_field(&mut d, "start");
    let end = date_field(&mut d, "end");
    diagnostics.extend(d.finish(&["start", "end"]));
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        diagnostics.push(
            Diagnostic::error(
                path,
                keys.position("dates.end"),
                format!("the meeting ends ({e}) before it starts ({s})"),
            )
            .field("dates.end"),
        );
    }
    (start, end)
}

/// The meeting's tracks by id, in the file's order; those with a bad id or
/// no title are left out (with an error).
fn meeting_tracks(
    tracks: IndexMap<String, serde_yaml::Mapping>,
    keys: &KeyIndex,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> IndexMap<String, Track> {
    let mut track_map = IndexMap::new();
    for (id, fields) in tracks {
        let prefix = format!("tracks.{id}");
        if !is_slug(&id) {
            diagnostics.push(
                Diagnostic::error(
                    path,
                    keys.position(&prefix),
                    format!("`{id}` is not a usable track id"),
                )
                .field(prefix.clone())
                .expected(
                    "lowercase letters, digits and hyphens, e.g. `data` or `digital-cooperation`",
                ),
            );
            continue;
        }
        let mut t = Fields::nested(fields, keys, path, &prefix);
        let title = t.required::<Localized>("title", "a string, or a map of language → string");
        let title = non_empty_text(&mut t, "title", title);
        let description =
            t.optional::<Localized>("description", "a string, or a map of language → string");
        diagnostics.extend(t.finish(&["title", "description"]));
        if let Some(title) = title {
            track_map.insert(
                id,
                Track {
                    title,
                    description: description.unwrap_or(Localized::Plain(String::new())),
                },
            );
        }
    }
    track_map
}
