//! How to cite a document: one `Reference` per language version, written
//! as CSL-JSON (which reference managers and citeproc read) and as BibTeX
//! into the version's page, as `data:` URLs its download links carry
//! (`Downloads`), and as one CSL-JSON file a year under `data/`. The page
//! shows the same reference as text (`render/document.rs`,
//! `partials/cite.html`).
//!
//! Each format escapes its own way: JSON through serde, BibTeX here, so
//! that a title with braces, `&`, `%`, `#`, `_`, quotes or any script comes
//! out as a valid entry with the same text.

use crate::content::{Archive, Document, Meta, Version};
use crate::pages::{OutputFile, Page, absolute_url};
use rayon::prelude::*;
use serde::Serialize;

/// Who publishes every document of the archive.
pub const PUBLISHER: &str = "Internet Governance Forum";

/// Where a year's references live, as CSL-JSON.
pub fn csl_year_path(year: u16) -> String {
    format!("data/{year}-cite.json")
}

/// A document in one language, as a reference list gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference<'a> {
    /// A key made of ASCII letters, digits and `-`, unique in the archive.
    pub id: String,
    #[serde(rename = "type")]
    pub csl_type: &'static str,
    pub title: &'a str,
    pub publisher: &'static str,
    /// The meeting, in the version's language.
    #[serde(rename = "event-title")]
    pub event_title: &'a str,
    /// The session's code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<&'a str>,
    pub issued: Issued,
    #[serde(rename = "URL")]
    pub url: String,
    pub language: &'a str,
}

/// A CSL date: the session's day, or the meeting's year for a document
/// with no date of its own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issued {
    #[serde(rename = "date-parts")]
    pub date_parts: [Vec<i32>; 1],
}

impl Issued {
    /// `2020-11-10`, or `2020`.
    pub fn iso(&self) -> String {
        let parts = &self.date_parts[0];
        match parts.as_slice() {
            [y, m, d] => format!("{y:04}-{m:02}-{d:02}"),
            _ => parts.first().map_or(String::new(), |y| y.to_string()),
        }
    }
}

/// The reference of `document` in `lang` (the original if it has no such
/// version).
pub fn reference<'a>(archive: &'a Archive, index: usize, lang: &str) -> Reference<'a> {
    let document = &archive.documents[index];
    let version = document.version_for(lang);
    let default = &archive.config.default_language;
    let event_title =
        (archive.meeting(document.year)).map_or("", |m| m.title.get(&version.lang, default));
    let issued = match document.date() {
        Some(d) => vec![d.year, d.month as i32, d.day as i32],
        None => vec![i32::from(document.year)],
    };
    Reference {
        id: key(document, version),
        csl_type: "report",
        title: version.meta.title(),
        publisher: PUBLISHER,
        event_title,
        number: match &*version.meta {
            Meta::Session(s) => Some(&s.code),
            _ => None,
        },
        issued: Issued {
            date_parts: [issued],
        },
        url: absolute_url(
            archive,
            &Page::Document {
                lang: &version.lang,
                index,
            },
        ),
        language: &version.lang,
    }
}

/// `igf2020-ws-123`, `igf2020-ws-123-fr` for a translation: ASCII, so
/// that BibTeX and every reference manager take it.
fn key(document: &Document, version: &Version) -> String {
    let mut key = format!("igf{}-", document.year);
    let mut last_dash = true;
    let slug_and_lang = match std::ptr::eq(version, document.original()) {
        true => document.slug.clone(),
        false => format!("{}-{}", document.slug, version.lang),
    };
    for c in slug_and_lang.chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
            last_dash = false;
        } else if !last_dash {
            key.push('-');
            last_dash = true;
        }
    }
    key.trim_end_matches('-').to_string()
}

/// A reference as a BibTeX entry (`@misc`, read by BibTeX and biber).
pub fn bibtex(reference: &Reference) -> String {
    let mut fields: Vec<(&str, String)> = vec![
        ("title", escape_bibtex(reference.title)),
        // Double braces: an institution, not a person's last name.
        (
            "author",
            format!("{{{}}}", escape_bibtex(reference.publisher)),
        ),
        ("howpublished", escape_bibtex(reference.event_title)),
    ];
    if let Some(code) = reference.number {
        fields.push(("note", escape_bibtex(code)));
    }
    fields.push(("year", reference.issued.date_parts[0][0].to_string()));
    fields.push(("date", reference.issued.iso()));
    fields.push(("url", escape_url(&reference.url)));
    fields.push(("language", escape_bibtex(reference.language)));
    let mut entry = format!("@misc{{{},\n", reference.id);
    for (name, value) in fields {
        entry.push_str(&format!("  {name} = {{{value}}},\n"));
    }
    entry.push_str("}\n");
    entry
}

/// A text as the value of a braced BibTeX field. BibTeX counts every
/// brace, escaped or not, so braces are written as commands; the
/// characters LaTeX treats as special are escaped; `"` is plain inside
/// braces; any other character, of any script, stays as it is (UTF-8).
pub fn escape_bibtex(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '\\' => out.push_str("\\textbackslash{}"),
            '&' | '%' | '#' | '_' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '@' => out.push_str("{@}"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A URL as a BibTeX `url` field, which the `url` package reads verbatim:
/// only braces would break the entry, so they are percent-encoded.
fn escape_url(url: &str) -> String {
    url.replace('{', "%7B").replace('}', "%7D")
}

/// A reference as files to download from its page, in `data:` URLs: as
/// files of their own beside every language version they were half the
/// files of a large archive, and writing them took more time than the
/// pages. The same bytes as `csl_json` and `bibtex`, base64 so that any
/// script and every character BibTeX needs survive the attribute.
pub struct Downloads {
    pub csl: String,
    pub bibtex: String,
    /// The name to save them under, without its extension: the key.
    pub file_name: String,
}

impl Downloads {
    pub fn new(reference: &Reference) -> Self {
        Downloads {
            csl: data_url(
                "application/vnd.citationstyles.csl+json",
                &csl_json(&[reference]),
            ),
            bibtex: data_url("application/x-bibtex", bibtex(reference).as_bytes()),
            file_name: reference.id.clone(),
        }
    }
}

fn data_url(mime: &str, bytes: &[u8]) -> String {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    format!("data:{mime};charset=utf-8;base64,{encoded}")
}

/// Each year's CSL-JSON, of every version of its documents.
pub fn files(archive: &Archive) -> Vec<OutputFile> {
    // (year, reference) of every version, in the archive's order.
    let references: Vec<(u16, Reference)> = (archive.documents.par_iter().enumerate())
        .flat_map_iter(|(index, document)| {
            (document.versions.iter())
                .map(move |v| (document.year, reference(archive, index, &v.lang)))
        })
        .collect();
    (archive.meetings.iter())
        .map(|meeting| {
            let year: Vec<&Reference> = (references.iter())
                .filter(|(y, _)| *y == meeting.year)
                .map(|(_, r)| r)
                .collect();
            OutputFile {
                path: csl_year_path(meeting.year),
                bytes: csl_json(&year),
            }
        })
        .collect()
}

/// CSL-JSON is always a list of items, even of one.
pub fn csl_json(references: &[&Reference]) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(references).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bibtex_escapes_keep_braces_balanced() {
        let escaped = escape_bibtex(r#"A {b} & "c" 50% #1 a_b \x ~^ @"#);
        assert_eq!(
            escaped,
            r#"A \textbraceleft{}b\textbraceright{} \& "c" 50\% \#1 a\_b \textbackslash{}x \textasciitilde{}\textasciicircum{} {@}"#
        );
        let depth = escaped.chars().try_fold(0i32, |d, c| match c {
            '{' => Some(d + 1),
            '}' => (d > 0).then_some(d - 1),
            _ => Some(d),
        });
        assert_eq!(depth, Some(0));
    }

    #[test]
    fn other_scripts_pass_through() {
        assert_eq!(escape_bibtex("数据治理 البيانات"), "数据治理 البيانات");
    }
}
