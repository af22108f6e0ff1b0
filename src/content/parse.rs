//! Reading one file on its own: `meeting.yaml` into a `Meeting`, a Markdown
//! document into a `Version` (front matter and body). Checks here need only
//! the file itself; checks across files are `validate`'s.

mod document_meta;
mod fields;
mod meeting;
mod warnings;

use super::discover::{Place, SourceFile};
use super::translation::{self, Digests, Part};
use super::{Kind, Meeting, Meta, Version};
use crate::analysis::Field;
use crate::analysis::vocabulary::{Analyzed, Vocabularies};
use crate::diagnostics::{Diagnostic, Position};
use crate::source::{decode, split_front_matter};
use crate::yaml::{Fields, KeyIndex, parse_mapping};
pub use document_meta::{MESSAGES_FIELDS, OUTPUT_FIELDS, SESSION_FIELDS};
use document_meta::{document_meta, known_fields};
pub use meeting::parse_meeting;
use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use warnings::session_warnings;

/// Marks the instructions in a `new session` template's body; `check` warns
/// while any is left.
pub const INSTRUCTION_MARK: &str = "<!-- igf-archive:";

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
#[derive(Clone, Copy)]
pub struct Keep<'a> {
    /// Analyse the text for the search index, into these vocabularies.
    pub search: Option<&'a Vocabularies>,
    /// Make and keep the body's HTML, while this budget lasts.
    pub html: Option<&'a HtmlBudget>,
    /// Make the translation digests of every version, not only of the
    /// documents with more than one (which `load_archive_with` works
    /// out): only an original with translations is ever compared, and
    /// digests cost a build a twentieth of its time (every body
    /// normalised and hashed). `parse_file` alone makes them only when
    /// this is true.
    pub all_digests: bool,
}

impl Default for Keep<'_> {
    fn default() -> Self {
        Keep {
            search: None,
            html: None,
            all_digests: true,
        }
    }
}

/// The document a file is a version of: its year, kind and slug.
pub fn document_of(file: &SourceFile) -> Option<(u16, Kind, &str)> {
    match &file.place {
        Place::Document { kind, slug, .. } => Some((file.year, *kind, slug.as_str())),
        Place::Meeting => None,
    }
}

/// The documents that have more than one language version among `files`.
pub fn translated(files: &[SourceFile]) -> HashSet<(u16, Kind, &str)> {
    let mut seen = HashSet::new();
    files
        .iter()
        .filter_map(document_of)
        .filter(|document| !seen.insert(*document))
        .collect()
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
    let meta = document_meta(kind, &mut fields);
    let translates = translates_field(&mut fields);
    let mut diagnostics = fields.finish(known_fields(kind));
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
            let digests = if keep.all_digests {
                Digests::of(&meta, &body.text)
            } else {
                Digests::default()
            };
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
                    digests,
                    translates,
                    // Set by the link stage.
                    link_targets: Vec::new(),
                },
                diagnostics,
            ))
        }
        _ => Err(diagnostics),
    }
}

/// The digests a translation records of its original (`translates`), if
/// it records them; a value of another shape is an error.
fn translates_field(f: &mut Fields) -> Option<Digests> {
    let value = f.take(translation::FIELD)?;
    let hint = format!(
        "the field is written by `igf-archive translations --record {}`; run it again",
        f.path()
    );
    let serde_yaml::Value::Mapping(map) = value else {
        f.diagnostics.push(
            Diagnostic::error(
                f.path(),
                f.position(translation::FIELD),
                format!("`{}` is not a mapping", translation::FIELD),
            )
            .field(translation::FIELD)
            .expected("{title: \"1a2b3c4d\", …, body: \"…\"}")
            .hint(hint),
        );
        return None;
    };
    let mut digests = Vec::new();
    for (key, value) in map {
        let name = key.as_str().unwrap_or_default();
        let text = value.as_str().unwrap_or_default();
        match Part::from_name(name) {
            Some(part) if translation::is_digest(text) => digests.push((part, text.to_string())),
            _ => {
                let field = format!("{}.{name}", translation::FIELD);
                f.diagnostics.push(
                    Diagnostic::error(
                        f.path(),
                        f.position(&field),
                        format!("`{field}` is not a recorded digest"),
                    )
                    .field(field)
                    .expected(format!(
                        "one of {} with {} hexadecimal digits in quotes",
                        Part::ALL.map(Part::name).join(", "),
                        translation::DIGEST_DIGITS
                    ))
                    .hint(hint.clone()),
                );
            }
        }
    }
    digests.sort();
    Some(Digests(digests))
}

/// The first thousand characters of a text (excerpts are shorter).
fn keep_beginning(mut text: String) -> String {
    if let Some((cut, _)) = text.char_indices().nth(1000) {
        text.truncate(cut);
        text.shrink_to_fit();
    }
    text
}

/// The analysis of a version's own text, by field: title; code,
/// takeaways and calls to action; body. Done as each file is parsed, so
/// that the body's text need not be kept.
pub fn analyze_version(
    vocabularies: &Vocabularies,
    lang: &str,
    meta: &Meta,
    body: &str,
) -> Analyzed {
    // Each takeaway and call apart: a phrase does not run from one into
    // the next.
    let mut fields = vec![(Field::Title, meta.title())];
    if let Meta::Session(s) = meta {
        fields.push((Field::Highlights, s.code.as_str()));
        fields.extend(
            s.calls_to_action
                .iter()
                .map(|c| (Field::Highlights, c.as_str())),
        );
    }
    fields.extend(
        meta.key_takeaways()
            .iter()
            .map(|t| (Field::Highlights, t.as_str())),
    );
    fields.push((Field::Body, body));
    vocabularies.analyze(lang, &fields)
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
