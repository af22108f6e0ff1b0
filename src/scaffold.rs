//! `igf-archive new`: the files a rapporteur or a new archive starts from.
//!
//! A session template holds every field with a comment on how to fill it
//! and the report sections the IGF asks for. What is left empty is exactly
//! what `check` then names, so a rapporteur can run `check` until it is
//! clean.

use crate::config::SiteConfig;
use crate::content::{SessionType, discover::is_slug};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// What the user asked `new session` for.
#[derive(Debug, Default, Clone)]
pub struct SessionRequest {
    pub year: u16,
    pub code: String,
    pub title: String,
    pub session_type: Option<String>,
    pub tracks: Vec<String>,
    pub lang: Option<String>,
}

use crate::content::parse::INSTRUCTION_MARK;

/// `WS #123` → `ws-123`: the file name of a session's report.
pub fn slug_from_code(code: &str) -> String {
    let mut slug = String::new();
    for c in code.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// A file of the archive as text (see `files::read_inside`).
fn read_text(root: &Path, path: &Path) -> Result<String, crate::files::Refused> {
    crate::files::read_inside(root, path).map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// Writes a new session report (or a translation of one) and returns its path.
pub fn new_session(
    root: &Path,
    config: &SiteConfig,
    request: &SessionRequest,
) -> Result<PathBuf, String> {
    let year = request.year;
    let track_ids = read_meeting_tracks(root, year)?;
    let slug = checked_slug(request, &track_ids)?;
    let lang = checked_language(config, request)?;
    let folder = root.join(format!("content/{year}/sessions"));
    let original_path = folder.join(format!("{slug}.md"));
    let path = if lang == config.default_language {
        original_path.clone()
    } else {
        folder.join(format!("{slug}.{lang}.md"))
    };
    if path.exists() {
        return Err(format!(
            "{} already exists; not overwriting it\nhelp: edit that file, or choose another code",
            path.display()
        ));
    }
    if lang != config.default_language {
        return new_translation(root, config, request, &track_ids, &original_path, &path);
    }
    write_new(&path, &session_template(request, &track_ids, None))
}

/// The track ids of `year`'s meeting, from its meeting.yaml, which must
/// exist.
fn read_meeting_tracks(root: &Path, year: u16) -> Result<Vec<String>, String> {
    let meeting_path = root.join(format!("content/{year}/meeting.yaml"));
    if !meeting_path.is_file() {
        return Err(format!(
            "the year {year} has no content/{year}/meeting.yaml\nhelp: a report belongs to a meeting; create its meeting.yaml first (copy another year's)"
        ));
    }
    let meeting_text = read_text(root, &meeting_path)
        .map_err(|e| format!("cannot read {}: {e}", meeting_path.display()))?;
    Ok(meeting_track_ids(&meeting_text))
}

/// The report's file name, from its code; an error if the code makes
/// none, or if the type or a track is unknown.
fn checked_slug(request: &SessionRequest, track_ids: &[String]) -> Result<String, String> {
    let year = request.year;
    let slug = slug_from_code(&request.code);
    if !is_slug(&slug) {
        return Err(format!(
            "cannot make a file name from the code `{}`\nhelp: a code such as \"WS #123\" or \"OF 12\"",
            request.code
        ));
    }
    if let Some(t) = &request.session_type
        && !SessionType::NAMES.contains(&t.as_str())
    {
        return Err(format!(
            "unknown session type `{t}`\nhelp: one of: {}",
            SessionType::NAMES.join(", ")
        ));
    }
    for track in &request.tracks {
        if !track_ids.contains(track) {
            return Err(format!(
                "unknown track `{track}` for {year}\nhelp: the tracks of content/{year}/meeting.yaml are: {}",
                track_ids.join(", ")
            ));
        }
    }
    Ok(slug)
}

/// The report's language: the one asked for, or the default; one of the
/// site's.
fn checked_language(config: &SiteConfig, request: &SessionRequest) -> Result<String, String> {
    let lang = request
        .lang
        .clone()
        .unwrap_or_else(|| config.default_language.clone());
    if !config.has_language(&lang) {
        return Err(format!(
            "the language `{lang}` is not in site.yaml\nhelp: one of: {}",
            config
                .languages
                .iter()
                .map(|l| l.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(lang)
}

/// Writes a translation at `path`: a translation repeats its original's
/// facts (type, tracks, date), so they are copied from the original.
fn new_translation(
    root: &Path,
    config: &SiteConfig,
    request: &SessionRequest,
    track_ids: &[String],
    original_path: &Path,
    path: &Path,
) -> Result<PathBuf, String> {
    let mut request = request.clone();
    let text = read_text(root, original_path).map_err(|_| {
        format!("a translation needs its original, and {} does not exist\nhelp: write the report in {} first", original_path.display(), config.default_language)
    })?;
    let facts = original_facts(&text);
    let digests = original_digests(&text, original_path);
    request.session_type = facts.session_type.or(request.session_type);
    if !facts.tracks.is_empty() {
        request.tracks = facts.tracks;
    }
    let template = session_template(&request, track_ids, facts.date.as_deref());
    // An original still being written has no state to record yet: the
    // translation is then unmarked until `translations --record`.
    let template = digests
        .and_then(|d| crate::translations::with_field(&template, &d.to_yaml()))
        .unwrap_or(template);
    write_new(path, &template)
}

/// The digests of the original's translatable parts, when it parses.
fn original_digests(text: &str, path: &Path) -> Option<crate::content::translation::Digests> {
    let source = path.to_string_lossy();
    let parsed = crate::content::parse::parse_document(
        text,
        &source,
        crate::content::Kind::Session,
        "",
        crate::content::parse::Keep::default(),
    );
    parsed.ok().map(|(version, _)| version.digests.clone())
}

fn write_new(path: &Path, text: &str) -> Result<PathBuf, String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path.to_path_buf())
}

#[derive(Default)]
struct OriginalFacts {
    session_type: Option<String>,
    tracks: Vec<String>,
    date: Option<String>,
}

/// The facts a translation copies from its original, read leniently so
/// that an original still being written can be translated.
fn original_facts(text: &str) -> OriginalFacts {
    let Ok(split) = crate::source::split_front_matter(text, "") else {
        return OriginalFacts::default();
    };
    let Ok(serde_yaml::Value::Mapping(map)) =
        serde_yaml::from_str::<serde_yaml::Value>(split.front_matter)
    else {
        return OriginalFacts::default();
    };
    let text_of = |key: &str| {
        map.get(key)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
            .map(String::from)
    };
    let tracks = match map.get("tracks") {
        Some(serde_yaml::Value::Sequence(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        Some(serde_yaml::Value::String(one)) => vec![one.clone()],
        _ => Vec::new(),
    };
    OriginalFacts {
        session_type: text_of("type"),
        tracks,
        date: text_of("date"),
    }
}

/// The track ids of a meeting.yaml, in order, read leniently: a broken
/// meeting.yaml is `check`'s to report, not `new`'s.
fn meeting_track_ids(text: &str) -> Vec<String> {
    let Ok(serde_yaml::Value::Mapping(map)) = serde_yaml::from_str::<serde_yaml::Value>(text)
    else {
        return Vec::new();
    };
    match map.get("tracks") {
        Some(serde_yaml::Value::Mapping(tracks)) => tracks
            .keys()
            .filter_map(|k| k.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    }
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn session_template(r: &SessionRequest, track_ids: &[String], date: Option<&str>) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "---");
    let _ = writeln!(
        t,
        "# The session's code as on the schedule, e.g. \"WS #123\" or \"OF 12\"."
    );
    let _ = writeln!(t, "code: {}", quoted(&r.code));
    let _ = writeln!(t, "title: {}", quoted(&r.title));
    let _ = writeln!(t, "# One of: {}.", SessionType::NAMES.join(", "));
    let _ = writeln!(t, "type: {}", r.session_type.as_deref().unwrap_or("\"\""));
    let _ = writeln!(
        t,
        "# One or more of this year's tracks: {}.",
        track_ids.join(", ")
    );
    let _ = writeln!(t, "tracks: [{}]", r.tracks.join(", "));
    let _ = writeln!(t, "# The day of the session, YYYY-MM-DD.");
    let _ = writeln!(t, "date: {}", date.unwrap_or("\"\""));
    let _ = writeln!(
        t,
        "# At most 3 key takeaways, each one or two sentences (under 60 words),"
    );
    let _ = writeln!(
        t,
        "# written for decision-makers. They are shown first and gathered in"
    );
    let _ = writeln!(t, "# the year's compilation of takeaways.");
    let _ = writeln!(t, "key_takeaways:");
    let _ = writeln!(t, "  - \"\"");
    let _ = writeln!(
        t,
        "# At most 2 calls to action: who should do what. Remove if there are none."
    );
    let _ = writeln!(t, "calls_to_action:");
    let _ = writeln!(t, "  - \"\"");
    let _ = writeln!(t, "# Optional: remove the lines you do not need.");
    let _ = writeln!(t, "# organizers: [\"Organisation name\"]");
    let _ = writeln!(t, "# moderator: \"Name\"");
    let _ = writeln!(t, "# rapporteur: \"Name\"");
    let _ = writeln!(t, "# speakers: [\"Name, affiliation\"]");
    let _ = writeln!(
        t,
        "# participants: 120          # estimated number, onsite and online"
    );
    let _ = writeln!(
        t,
        "# women_share: 50            # estimated share of women, in percent"
    );
    let _ = writeln!(t, "# video: https://…");
    let _ = writeln!(t, "# transcript: https://…");
    let _ = writeln!(t, "---");
    let _ = writeln!(t, "## Key policy questions and related issues");
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "{INSTRUCTION_MARK} List the policy questions the session addressed, and the issues around them. -->"
    );
    let _ = writeln!(t);
    let _ = writeln!(t, "## Summary of issues discussed");
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "{INSTRUCTION_MARK} Summarise the discussion: the main points, where views converged and where they differed. Say what was discussed; do not attribute quotes you cannot verify. Link to related reports as [WS #12](@/{}/sessions/ws-12.md). Remove these comments when done. -->",
        r.year
    );
    t
}

/// What the user asked `new meeting` for; what is not given is left for
/// `check` to name.
#[derive(Debug, Default, Clone)]
pub struct MeetingRequest {
    pub year: u16,
    pub title: Option<String>,
    pub theme: Option<String>,
    pub location: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub tracks: Vec<String>,
}

/// The year the IGF first met: the first meeting's number is 1.
const FIRST_YEAR: u16 = 2006;

/// Writes `content/YEAR/meeting.yaml` and returns its path: every field
/// with a comment on how to fill it, what was not given left empty, so
/// that `check` names it.
pub fn new_meeting(root: &Path, request: &MeetingRequest) -> Result<PathBuf, String> {
    let year = request.year;
    if year < FIRST_YEAR {
        return Err(format!(
            "the IGF first met in {FIRST_YEAR}; {year} has no meeting\nhelp: give the year of an annual meeting"
        ));
    }
    for (flag, date) in [("--start", &request.start), ("--end", &request.end)] {
        if let Some(date) = date
            && crate::date::Date::parse(date).is_none()
        {
            return Err(format!(
                "{flag} `{date}` is not a date\nhelp: YYYY-MM-DD, e.g. {year}-11-09"
            ));
        }
    }
    if let Some(track) = request.tracks.iter().find(|t| !is_slug(t)) {
        return Err(format!(
            "`{track}` is not a usable track id\nhelp: lowercase letters, digits and hyphens, e.g. data or digital-cooperation"
        ));
    }
    let path = root.join(format!("content/{year}/meeting.yaml"));
    if path.exists() {
        return Err(format!(
            "{} already exists; not overwriting it\nhelp: edit that file",
            path.display()
        ));
    }
    write_new(&path, &meeting_template(request))
}

/// `21` → `21st`: the meetings' own titles number them so.
fn ordinal(number: u16) -> String {
    let suffix = match (number % 10, number % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{number}{suffix}")
}

fn meeting_template(r: &MeetingRequest) -> String {
    let number = r.year - FIRST_YEAR + 1;
    let text = |value: &Option<String>| value.as_deref().map_or("\"\"".into(), quoted);
    let mut t = String::new();
    let _ = writeln!(
        t,
        "# The IGF's annual meeting of {}. Any human-readable text may be a",
        r.year
    );
    let _ = writeln!(
        t,
        "# string or a map of language → string, e.g. {{en: Online, fr: En ligne}}."
    );
    let _ = writeln!(t, "# Run `igf-archive check` and fill in what it names.");
    let _ = writeln!(
        t,
        "# The meeting's number: the IGF first met in {FIRST_YEAR}."
    );
    let _ = writeln!(t, "number: {number}");
    let title = (r.title.clone())
        .unwrap_or_else(|| format!("{} Internet Governance Forum", ordinal(number)));
    let _ = writeln!(t, "title: {}", quoted(&title));
    let _ = writeln!(
        t,
        "# The meeting's overarching theme, as the IGF announced it."
    );
    let _ = writeln!(t, "theme: {}", text(&r.theme));
    let _ = writeln!(t, "# Where it met: the city and country, or Online.");
    let _ = writeln!(t, "location: {}", text(&r.location));
    let _ = writeln!(
        t,
        "# Its first and last day, YYYY-MM-DD. Reports are dated within them."
    );
    let _ = writeln!(
        t,
        "dates: {{start: {}, end: {}}}",
        text(&r.start),
        text(&r.end)
    );
    let _ = writeln!(
        t,
        "# The thematic tracks that reports, messages and outputs are filed under:"
    );
    let _ = writeln!(
        t,
        "# an id (lowercase letters, digits and hyphens, used in URLs) → a title"
    );
    let _ = writeln!(t, "# and a short description, e.g.");
    let _ = writeln!(
        t,
        "#   data: {{title: Data governance, description: How data is governed.}}"
    );
    if r.tracks.is_empty() {
        let _ = writeln!(t, "tracks: {{}}");
    } else {
        let _ = writeln!(t, "tracks:");
        for track in &r.tracks {
            let _ = writeln!(t, "  {track}:\n    title: \"\"\n    description: \"\"");
        }
    }
    t
}

/// The current year, from the system clock: what `new archive` starts in.
fn current_year() -> u16 {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let now = crate::history::rfc3339(i64::try_from(seconds).unwrap_or(0));
    now[..4].parse().unwrap_or(FIRST_YEAR)
}

/// Creates a new archive in `dir`: site.yaml, one meeting, one example
/// report. It builds at once.
pub fn new_archive(dir: &Path) -> Result<Vec<PathBuf>, String> {
    if dir.join("site.yaml").exists() || dir.join("content").exists() {
        return Err(format!(
            "{} already holds an archive; not overwriting it",
            dir.display()
        ));
    }
    let year = current_year().max(FIRST_YEAR);
    let number = year - FIRST_YEAR + 1;
    let fill = |text: &str| {
        (text.replace("{year}", &year.to_string()))
            .replace("{number}", &number.to_string())
            .replace("{ordinal}", &ordinal(number))
    };
    let files = [
        ("site.yaml".to_string(), NEW_SITE.to_string()),
        (format!("content/{year}/meeting.yaml"), fill(NEW_MEETING)),
        (
            format!("content/{year}/sessions/example-1.md"),
            fill(NEW_REPORT),
        ),
    ];
    let mut written = Vec::new();
    for (path, text) in files {
        written.push(write_new(&dir.join(path), &text)?);
    }
    Ok(written)
}

const NEW_SITE: &str =
    "# The archive's configuration. See the igf-archive README for every setting.
title: IGF Outputs Archive
# Used only where a URL must be absolute (sitemap, feeds).
base_url: https://archive.example.org/igf
default_language: en
# The languages of the site, in menu order; files in other languages than the
# default are named like name.fr.md.
languages:
  en: {name: English}
  fr: {name: Français}
  es: {name: Español}
  ru: {name: Русский}
  zh: {name: 中文}
  ar: {name: العربية, direction: rtl}
";

/// `{year}`, `{number}` and `{ordinal}` are the current year's.
const NEW_MEETING: &str =
    "# One annual meeting. Any human-readable text may be a string or a map of
# language → string. Replace the examples with the meeting's own facts.
number: {number}
title: {ordinal} Internet Governance Forum
theme: The meeting's overarching theme
location: The city and country, or Online
# The meeting's first and last day; reports are dated within them.
dates: {start: {year}-01-01, end: {year}-12-31}
tracks:
  data:
    title: Data
    description: How data is governed, shared and protected.
  environment:
    title: Environment
    description: The Internet and the environment.
  inclusion:
    title: Inclusion
    description: Access and participation for all.
  trust:
    title: Trust
    description: Security, safety, stability and rights online.
";

const NEW_REPORT: &str = "---
code: \"Example 1\"
title: An example session report
type: workshop
tracks: [inclusion]
date: {year}-01-01
key_takeaways:
  - This is an example; replace it with the session's first key takeaway.
calls_to_action:
  - Replace this with a call to action, or remove the field.
---
## Key policy questions and related issues

This example shows the shape of a report. Create real ones with
`igf-archive new session --year {year} --code \"WS #1\" --title \"…\"`.

## Summary of issues discussed

Write the summary here.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_codes() {
        assert_eq!(slug_from_code("WS 123"), "ws-123");
        assert_eq!(slug_from_code("WS #123"), "ws-123");
        assert_eq!(slug_from_code("Day 0 Event #59"), "day-0-event-59");
        assert_eq!(slug_from_code("OF12"), "of12");
        assert_eq!(slug_from_code("Open Forum: Données"), "open-forum-donn-es");
    }

    #[test]
    fn meetings_are_numbered_from_2006() {
        let template = meeting_template(&MeetingRequest {
            year: 2026,
            ..Default::default()
        });
        assert!(template.contains("number: 21\ntitle: \"21st Internet Governance Forum\""));
        assert_eq!(
            [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 111].map(ordinal),
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "111th"
            ]
        );
    }
}
