//! Open data: the archive's metadata for researchers, as JSON (one file a
//! year, every document) and as CSV (one file a year, the session reports,
//! for spreadsheets). The fields are documented in README.md and on each
//! language's data page.

use crate::config::Localized;
use crate::content::{Archive, Document, Meta};
use crate::pages::{OutputFile, Page, csv_path, json_path, page_link};
use serde::Serialize;

#[derive(Serialize)]
struct YearExport<'a> {
    year: u16,
    meeting: MeetingExport<'a>,
    documents: Vec<DocumentExport<'a>>,
}

#[derive(Serialize)]
struct MeetingExport<'a> {
    number: u32,
    title: &'a Localized,
    theme: &'a Localized,
    location: &'a Localized,
    start: String,
    end: String,
    tracks: Vec<TrackExport<'a>>,
}

#[derive(Serialize)]
struct TrackExport<'a> {
    id: &'a str,
    title: &'a Localized,
}

#[derive(Serialize)]
struct DocumentExport<'a> {
    kind: &'static str,
    slug: &'a str,
    code: Option<&'a str>,
    title: &'a str,
    #[serde(rename = "type")]
    doc_type: Option<&'a str>,
    tracks: &'a [String],
    date: Option<String>,
    language: &'a str,
    translations: Vec<&'a str>,
    key_takeaways: &'a [String],
    calls_to_action: &'a [String],
    url: String,
    versions: Vec<VersionExport<'a>>,
}

#[derive(Serialize)]
struct VersionExport<'a> {
    language: &'a str,
    title: &'a str,
    key_takeaways: &'a [String],
    calls_to_action: &'a [String],
    url: String,
}

pub fn files(archive: &Archive) -> Vec<OutputFile> {
    let mut files = Vec::new();
    for meeting in &archive.meetings {
        let documents: Vec<(usize, &Document)> = archive
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| d.year == meeting.year)
            .collect();
        let export = YearExport {
            year: meeting.year,
            meeting: MeetingExport {
                number: meeting.number,
                title: &meeting.title,
                theme: &meeting.theme,
                location: &meeting.location,
                start: meeting.start.to_string(),
                end: meeting.end.to_string(),
                tracks: meeting
                    .tracks
                    .iter()
                    .map(|(id, t)| TrackExport {
                        id,
                        title: &t.title,
                    })
                    .collect(),
            },
            documents: documents
                .iter()
                .map(|&(i, d)| document_export(archive, i, d))
                .collect(),
        };
        let mut json = serde_json::to_vec_pretty(&export).unwrap_or_default();
        json.push(b'\n');
        files.push(OutputFile {
            path: json_path(meeting.year),
            bytes: json,
        });
        files.push(OutputFile {
            path: csv_path(meeting.year),
            bytes: sessions_csv(archive, &documents),
        });
    }
    files
}

fn calls(meta: &Meta) -> &[String] {
    match meta {
        Meta::Session(s) => &s.calls_to_action,
        _ => &[],
    }
}

fn document_export<'a>(archive: &'a Archive, index: usize, d: &'a Document) -> DocumentExport<'a> {
    let original = d.original();
    let session = original.meta.session();
    DocumentExport {
        kind: d.kind.name(),
        slug: &d.slug,
        code: session.map(|s| s.code.as_str()),
        title: original.meta.title(),
        doc_type: original.meta.doc_type(),
        tracks: original.meta.tracks(),
        date: session.map(|s| s.date.to_string()),
        language: &original.lang,
        translations: d.versions[1..].iter().map(|v| v.lang.as_str()).collect(),
        key_takeaways: original.meta.key_takeaways(),
        calls_to_action: calls(&original.meta),
        url: page_link(
            archive,
            &Page::Document {
                lang: &original.lang,
                index,
            },
        ),
        versions: d
            .versions
            .iter()
            .map(|v| VersionExport {
                language: &v.lang,
                title: v.meta.title(),
                key_takeaways: v.meta.key_takeaways(),
                calls_to_action: calls(&v.meta),
                url: page_link(
                    archive,
                    &Page::Document {
                        lang: &v.lang,
                        index,
                    },
                ),
            })
            .collect(),
    }
}

/// One row per session report, in its original language. Starts with a
/// byte-order mark so that spreadsheet programs read it as UTF-8; rows end
/// with CRLF, as RFC 4180 says. Text written by rapporteurs goes through
/// `inert_in_spreadsheets`.
fn sessions_csv(archive: &Archive, documents: &[(usize, &Document)]) -> Vec<u8> {
    let sessions: Vec<(usize, &Document)> = documents
        .iter()
        .copied()
        .filter(|(_, d)| d.original().meta.session().is_some())
        .collect();
    let takeaway_columns = sessions
        .iter()
        .map(|(_, d)| d.original().meta.key_takeaways().len())
        .max()
        .unwrap_or(0)
        .max(3);
    let call_columns = sessions
        .iter()
        .map(|(_, d)| calls(&d.original().meta).len())
        .max()
        .unwrap_or(0)
        .max(2);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut header: Vec<String> = [
        "code",
        "title",
        "type",
        "tracks",
        "date",
        "language",
        "translations",
    ]
    .map(String::from)
    .to_vec();
    header.extend((1..=takeaway_columns).map(|i| format!("key_takeaway_{i}")));
    header.extend((1..=call_columns).map(|i| format!("call_to_action_{i}")));
    header.extend(["organizers", "participants", "women_share", "url"].map(String::from));
    let _ = writer.write_record(&header);
    for (index, d) in sessions {
        let original = d.original();
        let Some(s) = original.meta.session() else {
            continue;
        };
        let mut row: Vec<String> = vec![
            inert_in_spreadsheets(&s.code),
            inert_in_spreadsheets(&s.title),
            s.session_type.name().to_string(),
            s.tracks.join(";"),
            s.date.to_string(),
            original.lang.clone(),
            d.versions[1..]
                .iter()
                .map(|v| v.lang.as_str())
                .collect::<Vec<_>>()
                .join(";"),
        ];
        row.extend((0..takeaway_columns).map(|i| {
            s.key_takeaways
                .get(i)
                .map_or(String::new(), |t| inert_in_spreadsheets(t))
        }));
        row.extend((0..call_columns).map(|i| {
            s.calls_to_action
                .get(i)
                .map_or(String::new(), |t| inert_in_spreadsheets(t))
        }));
        row.push(inert_in_spreadsheets(&s.organizers.join(";")));
        row.push(s.participants.map(|p| p.to_string()).unwrap_or_default());
        row.push(s.women_share.map(|p| p.to_string()).unwrap_or_default());
        row.push(page_link(
            archive,
            &Page::Document {
                lang: &original.lang,
                index,
            },
        ));
        let _ = writer.write_record(&row);
    }
    writer.into_inner().unwrap_or_default()
}

/// A cell that a spreadsheet program would run as a formula (`=`, `+`, `-`,
/// `@`, or a tab or carriage return first) gets a leading `'`, which those
/// programs read as "text" and do not show. A report is written by anyone
/// who can open a pull request, and the CSV is made to be opened with a
/// double-click: `=HYPERLINK(…)` in a title must stay text.
fn inert_in_spreadsheets(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}
