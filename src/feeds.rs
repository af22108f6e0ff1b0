//! Files for machines that follow the archive: an Atom feed per language and
//! per track, `sitemap.xml` with the alternates between translations, and
//! `robots.txt`. These, with canonical links, are the only places that use
//! `base_url`: everything else in the output is relative.

use crate::content::{Archive, Document, Kind, Meta};
use crate::date::Date;
use crate::history::{ChangeTimes, rfc3339};
use crate::pages::{OutputFile, Page, absolute_url, feed_path, pages, translation_of};
use crate::text::escape_xml as escape;
use std::fmt::Write as _;

/// Entries per feed: the newest reports and outputs.
const FEED_ENTRIES: usize = 100;

/// The feeds, the sitemap and `robots.txt`. Entries are `updated` when
/// `history` says their file last changed, else on their own date.
pub fn files(archive: &Archive, history: &ChangeTimes) -> Vec<OutputFile> {
    let newest = newest_first(archive);
    let mut files = Vec::new();
    for language in &archive.config.languages {
        let lang = language.code.as_str();
        files.push(feed(archive, history, &newest, lang, None));
        for track in archive.track_ids() {
            files.push(feed(archive, history, &newest, lang, Some(track)));
        }
    }
    files.push(sitemap(archive));
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
        archive.config.base_url
    );
    files.push(OutputFile {
        path: "robots.txt".into(),
        bytes: robots.into_bytes(),
    });
    files
}

/// The date an entry is filed under: a session's own, else the last day of
/// its meeting.
fn document_date(archive: &Archive, document: &Document) -> Date {
    document
        .date()
        .or_else(|| archive.meeting(document.year).map(|m| m.end))
        .unwrap_or(Date {
            year: i32::from(document.year),
            month: 1,
            day: 1,
        })
}

/// Every document with the date it is filed under, newest first (then by
/// number, last first): sorted once, for all the feeds.
fn newest_first(archive: &Archive) -> Vec<(Date, usize)> {
    let mut dated: Vec<(Date, usize)> = archive
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (document_date(archive, d), i))
        .collect();
    dated.sort_unstable_by(|a, b| b.cmp(a));
    dated
}

/// The Atom feed of `lang`: of a track's documents, or with no track of
/// every report and output (not the Messages), newest first. The feed is
/// `updated` when its newest entry is; with none, on the last day of the
/// newest meeting (that has the track).
fn feed(
    archive: &Archive,
    history: &ChangeTimes,
    newest: &[(Date, usize)],
    lang: &str,
    track: Option<&str>,
) -> OutputFile {
    let entries: Vec<(String, usize)> = feed_entries(archive, newest, track)
        .into_iter()
        .map(|(date, index)| {
            let version = archive.documents[index].version_for(lang);
            let updated = match history.of(&version.source) {
                Some(seconds) => rfc3339(seconds),
                None => format!("{date}T00:00:00Z"),
            };
            (updated, index)
        })
        .collect();
    let path = feed_path(lang, track);
    let updated = match entries.iter().map(|e| &e.0).max() {
        Some(newest) => newest.clone(),
        None => format!("{}T00:00:00Z", newest_meeting_end(archive, track)),
    };
    let mut xml = String::new();
    feed_head(&mut xml, archive, (lang, track), &path, &updated);
    for (updated, index) in entries {
        entry(&mut xml, archive, lang, index, &updated);
    }
    xml.push_str("</feed>\n");
    OutputFile {
        path,
        bytes: xml.into_bytes(),
    }
}

/// The last day of the newest meeting that has `track` (any, with no
/// track; the year the IGF first met with no meeting at all).
fn newest_meeting_end(archive: &Archive, track: Option<&str>) -> Date {
    (archive.meetings.iter().rev())
        .find(|m| track.is_none_or(|t| m.tracks.contains_key(t)))
        .or(archive.meetings.last())
        .map_or(
            Date {
                year: 2006,
                month: 1,
                day: 1,
            },
            |m| m.end,
        )
}

/// The feed's documents: the newest `FEED_ENTRIES` of the track, or of
/// every kind but the Messages.
fn feed_entries(
    archive: &Archive,
    newest: &[(Date, usize)],
    track: Option<&str>,
) -> Vec<(Date, usize)> {
    newest
        .iter()
        .copied()
        .filter(|&(_, i)| {
            let d = &archive.documents[i];
            match track {
                Some(track) => d.original().meta.tracks().iter().any(|t| t == track),
                None => d.kind != Kind::Messages,
            }
        })
        .take(FEED_ENTRIES)
        .collect()
}

/// The feed's own elements, before its entries: title, id, links, date
/// and author.
fn feed_head(
    xml: &mut String,
    archive: &Archive,
    (lang, track): (&str, Option<&str>),
    path: &str,
    updated: &str,
) {
    let config = &archive.config;
    let site_title = config.title.get(lang, &config.default_language);
    let title = match track.and_then(|t| archive.latest_track(t)) {
        Some(t) => format!(
            "{site_title}: {}",
            t.title.get(lang, &config.default_language)
        ),
        None => site_title.to_string(),
    };
    let home = match track {
        Some(track) => absolute_url(archive, &Page::Track { lang, track }),
        None => absolute_url(archive, &Page::Home { lang }),
    };
    let _ = writeln!(xml, "<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(lang)
    );
    let _ = writeln!(xml, "  <title>{}</title>", escape(&title));
    let _ = writeln!(
        xml,
        "  <id>{}/{}</id>",
        escape(&config.base_url),
        escape(path)
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}/{}\"/>",
        escape(&config.base_url),
        escape(path)
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&home)
    );
    let _ = writeln!(xml, "  <updated>{updated}</updated>");
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        escape(site_title)
    );
}

fn entry(xml: &mut String, archive: &Archive, lang: &str, index: usize, updated: &str) {
    let document = &archive.documents[index];
    let version = document.version_for(lang);
    let url = absolute_url(
        archive,
        &Page::Document {
            lang: &version.lang,
            index,
        },
    );
    let title = match &*version.meta {
        Meta::Session(s) => format!("{}: {}", s.code, s.title),
        other => other.title().to_string(),
    };
    let summary = match version.meta.key_takeaways() {
        [] => crate::text::excerpt(&version.body.text, 400),
        takeaways => takeaways.join("\n"),
    };
    let entry_lang = if version.lang == lang {
        String::new()
    } else {
        format!(" xml:lang=\"{}\"", escape(&version.lang))
    };
    let _ = writeln!(xml, "  <entry{entry_lang}>");
    let _ = writeln!(xml, "    <title>{}</title>", escape(&title));
    let _ = writeln!(
        xml,
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&url)
    );
    let _ = writeln!(xml, "    <id>{}</id>", escape(&url));
    let _ = writeln!(xml, "    <updated>{updated}</updated>");
    for track in version.meta.tracks() {
        let label = archive
            .meeting(document.year)
            .and_then(|m| m.tracks.get(track))
            .map(|t| {
                t.title
                    .get(lang, &archive.config.default_language)
                    .to_string()
            });
        let _ = writeln!(
            xml,
            "    <category term=\"{}\" label=\"{}\"/>",
            escape(track),
            escape(label.as_deref().unwrap_or(track))
        );
    }
    let _ = writeln!(xml, "    <summary>{}</summary>", escape(&summary));
    let _ = writeln!(xml, "  </entry>");
}

fn sitemap(archive: &Archive) -> OutputFile {
    let mut xml = String::new();
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for page in pages(archive) {
        if page == Page::NotFound {
            continue;
        }
        let _ = writeln!(
            xml,
            "  <url>\n    <loc>{}</loc>",
            escape(&absolute_url(archive, &page))
        );
        let alternates: Vec<(String, Page)> = archive
            .config
            .languages
            .iter()
            .filter_map(|l| translation_of(archive, &page, &l.code).map(|p| (l.code.clone(), p)))
            .collect();
        if alternates.len() > 1 {
            for (code, alternate) in alternates {
                let _ = writeln!(
                    xml,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape(&code),
                    escape(&absolute_url(archive, &alternate))
                );
            }
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    }
}
