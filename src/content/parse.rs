//! Reading one file on its own: `meeting.yaml` into a `Meeting`, a Markdown
//! document into a `Version` (front matter and body). Checks here need only
//! the file itself; checks across files are `validate`'s.

use super::discover::{Place, SourceFile};
use super::{Kind, OutputType, SessionType};
use super::{Meeting, MessagesMeta, Meta, OutputMeta, SessionMeta, Track, Version};
use crate::analysis::vocabulary::{Analyzed, Vocabularies};
use crate::analysis::{TAKEAWAY_WEIGHT, TITLE_WEIGHT};
use crate::config::Localized;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Position};
use crate::source::{decode, split_front_matter};
use crate::yaml::{Fields, KeyIndex, parse_mapping};
use indexmap::IndexMap;
use std::sync::atomic::{AtomicUsize, Ordering};

pub const SESSION_FIELDS: &[&str] = &[
    "code",
    "title",
    "type",
    "tracks",
    "date",
    "key_takeaways",
    "calls_to_action",
    "participants",
    "room",
    "organizers",
    "moderator",
    "rapporteur",
    "speakers",
    "women_share",
    "video",
    "transcript",
];
pub const MESSAGES_FIELDS: &[&str] = &["track", "title"];
pub const OUTPUT_FIELDS: &[&str] = &["title", "type", "tracks"];
/// Marks the instructions in a `new session` template's body; `check` warns
/// while any is left.
pub const INSTRUCTION_MARK: &str = "<!-- igf-archive:";

const MEETING_FIELDS: &[&str] = &["number", "title", "theme", "location", "dates", "tracks"];

/// What one file turned out to hold.
// One value per file, moved once into the archive: size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Parsed {
    Meeting(Meeting),
    Document {
        year: u16,
        kind: Kind,
        slug: String,
        version: Version,
    },
}

/// What a build wants from each document as it is parsed, besides what
/// `check` needs.
#[derive(Clone, Copy, Default)]
pub struct Keep<'a> {
    /// Analyse the text for the search index, into these vocabularies.
    pub search: Option<&'a Vocabularies>,
    /// Make and keep the body's HTML, while this budget lasts.
    pub html: Option<&'a HtmlBudget>,
}

/// How many bytes of body HTML the parse stage may still keep for the
/// render stage, shared by the workers. Bodies parsed once it has run out
/// are made again when their pages are rendered: the output is the same.
#[derive(Debug)]
pub struct HtmlBudget(AtomicUsize);

impl HtmlBudget {
    pub fn new(bytes: usize) -> Self {
        HtmlBudget(AtomicUsize::new(bytes))
    }

    /// Whether any is left: then the next body's HTML is worth making.
    fn left(&self) -> bool {
        self.0.load(Ordering::Relaxed) > 0
    }

    /// Takes `bytes` from the budget if they fit; if not, the budget is
    /// spent, so that no more bodies make HTML only to drop it.
    fn take(&self, bytes: usize) -> bool {
        let mut fits = false;
        let _ = self
            .0
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                fits = left >= bytes;
                Some(if fits { left - bytes } else { 0 })
            });
        fits
    }
}

/// Reads and parses one file, keeping what `keep` asks for. `None` means
/// it had errors, all of them in the returned diagnostics; warnings may
/// come with a successful parse.
pub fn parse_file(file: &SourceFile, keep: Keep<'_>) -> (Option<Parsed>, Vec<Diagnostic>) {
    let path = file.display.as_str();
    let bytes = match crate::files::read_regular(&file.path, crate::files::MAX_SOURCE_BYTES) {
        Ok(bytes) => bytes,
        Err(refused) => {
            return (
                None,
                vec![
                    Diagnostic::error(path, Position::default(), refused.to_string())
                        .hint(refused.hint()),
                ],
            );
        }
    };
    let text = match decode(&bytes, path) {
        Ok(text) => text,
        Err(d) => return (None, vec![d]),
    };
    match &file.place {
        Place::Meeting => parse_meeting(&text, path, file.year),
        Place::Document { kind, slug, lang } => parse_document(&text, path, *kind, lang, keep)
            .map_or_else(
                |diagnostics| (None, diagnostics),
                |(mut version, warnings)| {
                    version.file.clone_from(&file.path);
                    let parsed = Parsed::Document {
                        year: file.year,
                        kind: *kind,
                        slug: slug.clone(),
                        version,
                    };
                    (Some(parsed), warnings)
                },
            ),
    }
}

type ParseResult<T> = Result<(T, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Parses a Markdown document's text (already decoded).
pub fn parse_document(
    text: &str,
    path: &str,
    kind: Kind,
    lang: &str,
    keep: Keep<'_>,
) -> ParseResult<Version> {
    let split = split_front_matter(text, path).map_err(|d| vec![d])?;
    let map =
        parse_mapping(split.front_matter, path, split.front_matter_line).map_err(|d| vec![d])?;
    let keys = KeyIndex::new(split.front_matter, split.front_matter_line);
    let mut fields = Fields::new(map, &keys, path);
    let meta = match kind {
        Kind::Session => session_meta(&mut fields).map(Meta::Session),
        Kind::Messages => messages_meta(&mut fields).map(Meta::Messages),
        Kind::Output => output_meta(&mut fields).map(Meta::Output),
    };
    let known = match kind {
        Kind::Session => SESSION_FIELDS,
        Kind::Messages => MESSAGES_FIELDS,
        Kind::Output => OUTPUT_FIELDS,
    };
    let mut diagnostics = fields.finish(known);
    let with_html = keep.html.is_some_and(HtmlBudget::left);
    let (mut body, body_diagnostics) =
        crate::markdown::render(split.body, path, split.body_line, with_html);
    diagnostics.extend(body_diagnostics);
    if let (Some(budget), Some(html)) = (keep.html, &body.html)
        && !budget.take(html.text.len())
    {
        body.html = None;
    }
    if let Some(Meta::Session(session)) = &meta {
        diagnostics.extend(session_warnings(
            session,
            &keys,
            path,
            split.body,
            split.body_line,
        ));
    }
    match meta {
        Some(meta) if !crate::diagnostics::has_errors(&diagnostics) => {
            let analysis = keep.search.map(|vocabularies| {
                let analysis = analyze_version(vocabularies, lang, &meta, &body.text);
                // Analysed: only the beginning is read again, for excerpts.
                body.text = keep_beginning(std::mem::take(&mut body.text));
                std::sync::Arc::new(analysis)
            });
            Ok((
                Version {
                    lang: lang.to_string(),
                    source: path.to_string(),
                    // Set by `parse_file`, which knows where the file is.
                    file: std::path::PathBuf::new(),
                    meta: std::sync::Arc::new(meta),
                    body: std::sync::Arc::new(body),
                    keys: std::sync::Arc::new(keys),
                    analysis,
                    // Set by the link stage.
                    link_targets: Vec::new(),
                },
                diagnostics,
            ))
        }
        _ => Err(diagnostics),
    }
}

/// The first thousand characters of a text (excerpts are shorter).
fn keep_beginning(mut text: String) -> String {
    if let Some((cut, _)) = text.char_indices().nth(1000) {
        text.truncate(cut);
        text.shrink_to_fit();
    }
    text
}

fn session_meta(f: &mut Fields) -> Option<SessionMeta> {
    let code = f.required::<String>(
        "code",
        "the session's code on the schedule, e.g. \"WS #123\"",
    );
    let title = f.required::<String>("title", "the session's title as a string");
    let session_type = f.required::<String>(
        "type",
        &format!("one of: {}", SessionType::NAMES.join(", ")),
    );
    let tracks = track_list(f, "tracks");
    let date = date_field(f, "date");
    let key_takeaways = string_list(f, "key_takeaways", true);
    let calls_to_action = string_list(f, "calls_to_action", false);
    let participants = f.optional::<u32>("participants", "a whole number of participants");
    let room = f.optional::<String>("room", "a string");
    let organizers = f
        .optional::<Vec<String>>("organizers", "a list of strings")
        .unwrap_or_default();
    let moderator = f.optional::<String>("moderator", "a string");
    let rapporteur = f.optional::<String>("rapporteur", "a string");
    let speakers = f
        .optional::<Vec<String>>("speakers", "a list of strings")
        .unwrap_or_default();
    let women_share = f.optional::<u32>("women_share", "a whole percentage from 0 to 100");
    let video = url_field(f, "video");
    let transcript = url_field(f, "transcript");

    if let Some(t) = &session_type
        && SessionType::from_name(t).is_none()
    {
        let message = if t.trim().is_empty() {
            "`type` is empty".to_string()
        } else {
            format!("unknown session type `{t}`")
        };
        let mut d = Diagnostic::error(f.path(), f.position("type"), message)
            .field("type")
            .expected(format!("one of: {}", SessionType::NAMES.join(", ")));
        if let Some(s) = crate::yaml::did_you_mean(t, SessionType::NAMES) {
            d = d.hint(format!("did you mean `{s}`?"));
        }
        f.diagnostics.push(d);
    }
    if let Some(share) = women_share
        && share > 100
    {
        f.diagnostics.push(
            Diagnostic::error(
                f.path(),
                f.position("women_share"),
                format!("`women_share` is {share}, more than 100%"),
            )
            .field("women_share")
            .expected("a whole percentage from 0 to 100"),
        );
    }
    Some(SessionMeta {
        code: non_empty(f, "code", code?)?,
        title: non_empty(f, "title", title?)?,
        session_type: SessionType::from_name(&session_type?)?,
        tracks: tracks?,
        date: date?,
        key_takeaways: key_takeaways?,
        calls_to_action: calls_to_action.unwrap_or_default(),
        participants,
        room,
        organizers,
        moderator,
        rapporteur,
        speakers,
        women_share: women_share.filter(|s| *s <= 100),
        video: video?,
        transcript: transcript?,
    })
}

fn messages_meta(f: &mut Fields) -> Option<MessagesMeta> {
    let track = f.required::<String>("track", "the id of one track of this year's meeting.yaml");
    let title = f.required::<String>("title", "a string");
    Some(MessagesMeta {
        track: track?,
        title: non_empty(f, "title", title?)?,
    })
}

fn output_meta(f: &mut Fields) -> Option<OutputMeta> {
    let title = f.required::<String>("title", "a string");
    let output_type =
        f.required::<String>("type", &format!("one of: {}", OutputType::NAMES.join(", ")));
    let tracks = track_list(f, "tracks");
    if let Some(t) = &output_type
        && OutputType::from_name(t).is_none()
    {
        let mut d = Diagnostic::error(
            f.path(),
            f.position("type"),
            format!("unknown output type `{t}`"),
        )
        .field("type")
        .expected(format!("one of: {}", OutputType::NAMES.join(", ")));
        if let Some(s) = crate::yaml::did_you_mean(t, OutputType::NAMES) {
            d = d.hint(format!("did you mean `{s}`?"));
        }
        f.diagnostics.push(d);
    }
    Some(OutputMeta {
        title: non_empty(f, "title", title?)?,
        output_type: OutputType::from_name(&output_type?)?,
        tracks: tracks?,
    })
}

fn non_empty(f: &mut Fields, key: &str, value: String) -> Option<String> {
    if value.trim().is_empty() {
        f.diagnostics.push(
            Diagnostic::error(f.path(), f.position(key), format!("`{key}` is empty"))
                .field(key)
                .expected("some text"),
        );
        return None;
    }
    Some(value)
}

/// A list of strings; `tracks: data` (one string) is accepted as a list of one.
fn track_list(f: &mut Fields, key: &str) -> Option<Vec<String>> {
    let expected = "a list of track ids from this year's meeting.yaml, e.g. [data, trust]";
    let value = match f.take(key) {
        Some(serde_yaml::Value::String(one)) => return Some(vec![one]),
        Some(value) => value,
        None => return f.required(key, expected),
    };
    let list: Vec<String> = convert(f, key, value, expected)?;
    if list.is_empty() {
        f.diagnostics.push(
            Diagnostic::error(f.path(), f.position(key), format!("`{key}` is empty"))
                .field(key)
                .expected(expected),
        );
        return None;
    }
    Some(list)
}

fn string_list(f: &mut Fields, key: &str, required: bool) -> Option<Vec<String>> {
    let expected = "a list of strings, one item per line starting with `- `";
    let value = match f.take(key) {
        Some(value) => value,
        None if required => return f.required(key, expected),
        None => return None,
    };
    if let serde_yaml::Value::String(_) = value {
        f.diagnostics.push(
            Diagnostic::error(
                f.path(),
                f.position(key),
                format!("`{key}` is a single string, not a list"),
            )
            .field(key)
            .expected(expected)
            .hint(format!(
                "write each item on its own line:\n{key}:\n  - \"First item\""
            )),
        );
        return None;
    }
    let list: Vec<String> = convert(f, key, value, expected)?;
    if required && list.is_empty() {
        f.diagnostics.push(
            Diagnostic::error(f.path(), f.position(key), format!("`{key}` is empty"))
                .field(key)
                .expected("at least one item"),
        );
        return None;
    }
    for (i, item) in list.iter().enumerate() {
        if item.trim().is_empty() {
            f.diagnostics.push(
                Diagnostic::error(
                    f.path(),
                    f.position(&format!("{key}.{i}")),
                    format!("item {} of `{key}` is empty", i + 1),
                )
                .field(key)
                .expected("some text"),
            );
        }
    }
    Some(list)
}

fn convert<T: serde::de::DeserializeOwned>(
    f: &mut Fields,
    key: &str,
    value: serde_yaml::Value,
    expected: &str,
) -> Option<T> {
    let found = crate::yaml::describe(&value);
    match serde_yaml::from_value(value) {
        Ok(v) => Some(v),
        Err(_) => {
            f.diagnostics.push(
                Diagnostic::error(
                    f.path(),
                    f.position(key),
                    format!("`{key}` has the wrong type: found {found}"),
                )
                .field(key)
                .expected(expected),
            );
            None
        }
    }
}

fn date_field(f: &mut Fields, key: &str) -> Option<Date> {
    let text = f.required::<serde_yaml::Value>(key, "an ISO date such as 2020-11-09")?;
    let as_text = match &text {
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    };
    let date = Date::parse(as_text.trim());
    if date.is_none() {
        let full = f.full_key(key);
        f.diagnostics.push(
            Diagnostic::error(
                f.path(),
                f.position(key),
                format!("`{as_text}` is not a date"),
            )
            .field(full)
            .expected("an ISO date, YYYY-MM-DD, such as 2020-11-09")
            .hint("write the year, month and day with hyphens: 2020-11-09"),
        );
    }
    date
}

/// A link from front matter: only web addresses, never `javascript:`.
fn url_field(f: &mut Fields, key: &str) -> Option<Option<String>> {
    let Some(url) = f.optional::<String>(key, "a web address starting with https://") else {
        return Some(None);
    };
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Some(Some(url.trim().to_string()));
    }
    f.diagnostics.push(
        Diagnostic::error(
            f.path(),
            f.position(key),
            format!("`{key}` is not a web address"),
        )
        .field(key)
        .expected("a web address starting with https:// or http://"),
    );
    None
}

/// The IGF's own limits on a report: broken, they do not stop a build.
fn session_warnings(
    s: &SessionMeta,
    keys: &KeyIndex,
    path: &str,
    body: &str,
    body_line: usize,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    if s.key_takeaways.len() > 3 {
        warnings.push(
            Diagnostic::warning(
                path,
                keys.position("key_takeaways.3"),
                format!(
                    "{} key takeaways; the IGF asks for at most 3",
                    s.key_takeaways.len()
                ),
            )
            .field("key_takeaways")
            .hint("keep the three that matter most to decision-makers"),
        );
    }
    if s.calls_to_action.len() > 2 {
        warnings.push(
            Diagnostic::warning(
                path,
                keys.position("calls_to_action.2"),
                format!(
                    "{} calls to action; the IGF asks for at most 2",
                    s.calls_to_action.len()
                ),
            )
            .field("calls_to_action")
            .hint("keep the two most important ones"),
        );
    }
    for (i, takeaway) in s.key_takeaways.iter().enumerate() {
        let words = crate::markdown::word_count(takeaway);
        if words > 60 {
            warnings.push(
                Diagnostic::warning(
                    path,
                    keys.position(&format!("key_takeaways.{i}")),
                    format!("key takeaway {} is {words} words long", i + 1),
                )
                .field("key_takeaways")
                .expected("at most 60 words")
                .hint("a takeaway is read in a list with others: one or two sentences"),
            );
        }
    }
    if let Some(offset) = body.find(INSTRUCTION_MARK) {
        let line = body_line + body[..offset].matches('\n').count();
        warnings.push(
            Diagnostic::warning(
                path,
                Position::new(line, 1),
                "the report still holds the template's instructions",
            )
            .hint("write the section, then remove the <!-- igf-archive: … --> comment"),
        );
    }
    if body.trim().is_empty() {
        warnings.push(
            Diagnostic::warning(
                path,
                Position::new(body_line, 1),
                "the report has no text after the front matter",
            )
            .hint("add the report's sections: key policy questions, summary of issues discussed"),
        );
    }
    warnings
}

fn parse_meeting(text: &str, path: &str, year: u16) -> (Option<Parsed>, Vec<Diagnostic>) {
    let map = match parse_mapping(text, path, 1) {
        Ok(map) => map,
        Err(d) => return (None, vec![d]),
    };
    let keys = KeyIndex::new(text, 1);
    let mut f = Fields::new(map, &keys, path);
    let number = f.required::<u32>("number", "the meeting's number, e.g. 15");
    let title = f.required::<Localized>("title", "a string, or a map of language → string");
    let theme = f.required::<Localized>("theme", "a string, or a map of language → string");
    let location = f.required::<Localized>("location", "a string, or a map of language → string");
    let dates = f.required::<serde_yaml::Mapping>("dates", "{start: YYYY-MM-DD, end: YYYY-MM-DD}");
    let tracks = f.required::<IndexMap<String, serde_yaml::Mapping>>(
        "tracks",
        "a map of track id → {title, description}",
    );
    let mut diagnostics = f.finish(MEETING_FIELDS);

    let (start, end) = match dates {
        Some(dates) => {
            let mut d = Fields::nested(dates, &keys, path, "dates");
            let start = date_field(&mut d, "start");
            let end = date_field(&mut d, "end");
            diagnostics.extend(d.finish(&["start", "end"]));
            (start, end)
        }
        None => (None, None),
    };
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
    let mut track_map = IndexMap::new();
    for (id, fields) in tracks.unwrap_or_default() {
        let prefix = format!("tracks.{id}");
        if !super::discover::is_slug(&id) {
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
        let mut t = Fields::nested(fields, &keys, path, &prefix);
        let title = t.required::<Localized>("title", "a string, or a map of language → string");
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
            tracks: track_map,
        })
    })();
    (meeting.map(Parsed::Meeting), diagnostics)
}

/// The analysis of a version's own text, weighted by field: code and
/// title, takeaways and calls to action, body. Done as each file is
/// parsed, so that the body's text need not be kept.
pub fn analyze_version(
    vocabularies: &Vocabularies,
    lang: &str,
    meta: &Meta,
    body: &str,
) -> Analyzed {
    let title = match meta {
        Meta::Session(s) => format!("{} {}", s.code, s.title),
        other => other.title().to_string(),
    };
    let mut highlights = meta.key_takeaways().join(" ");
    if let Meta::Session(s) = meta {
        highlights.push(' ');
        highlights.push_str(&s.calls_to_action.join(" "));
    }
    vocabularies.analyze(
        lang,
        &[
            (TITLE_WEIGHT, &title),
            (TAKEAWAY_WEIGHT, &highlights),
            (1, body),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ParseResult<Version> {
        parse_document(
            text,
            "content/2020/sessions/ws-1.md",
            Kind::Session,
            "en",
            Keep::default(),
        )
    }

    const GOOD: &str = "---\ncode: WS 1\ntitle: Trust\ntype: workshop\ntracks: [trust]\ndate: 2020-11-10\nkey_takeaways:\n  - One\n---\nBody\n";

    #[test]
    fn parses_a_session_report() {
        let (version, warnings) = parse(GOOD).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let session = version.meta.session().unwrap();
        assert_eq!(session.code, "WS 1");
        assert_eq!(session.tracks, ["trust"]);
        assert_eq!(session.date.to_string(), "2020-11-10");
    }

    #[test]
    fn reports_each_bad_field_at_its_line() {
        let text = "---\ncode: WS 1\ntitle: Trust\ntype: worksop\ntracks: [trust]\ndate: 10 November\nkey_takeaways: One\nkey_takeway: []\nvideo: javascript:alert(1)\n---\nBody\n";
        let errors = parse(text).unwrap_err();
        let at: Vec<(usize, Option<&str>)> = errors
            .iter()
            .map(|d| (d.line, d.field.as_deref()))
            .collect();
        assert!(at.contains(&(4, Some("type"))), "{errors:#?}");
        assert!(at.contains(&(6, Some("date"))), "{errors:#?}");
        assert!(at.contains(&(7, Some("key_takeaways"))), "{errors:#?}");
        assert!(at.contains(&(8, Some("key_takeway"))), "{errors:#?}");
        assert!(at.contains(&(9, Some("video"))), "{errors:#?}");
        let typo = errors.iter().find(|d| d.line == 4).unwrap();
        assert_eq!(typo.hint.as_deref(), Some("did you mean `workshop`?"));
    }

    #[test]
    fn warns_about_the_igf_limits() {
        let text = GOOD.replace(
            "  - One\n",
            "  - A\n  - B\n  - C\n  - D\ncalls_to_action: [a, b, c]\n",
        );
        let (_, warnings) = parse(&text).unwrap();
        let messages: Vec<&str> = warnings.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages.contains(&"4 key takeaways; the IGF asks for at most 3"),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"3 calls to action; the IGF asks for at most 2"),
            "{messages:?}"
        );
        assert_eq!(warnings[0].line, 11);
    }
}
