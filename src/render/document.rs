//! The model of a document's page: its facts, its body with its links to
//! other documents resolved for the reader's language, its translations
//! and the documents that cite it.

use super::Renderer;
use super::models::{Cite, Doc, DocumentPage, Translation};
use crate::citations;
use crate::content::{Meta, Version};
use crate::diagnostics::{Diagnostic, Position};
use crate::markdown::{Html, LinkSpan};
use crate::pages::Page;
use std::borrow::Cow;

/// A body with fewer sections than this has no table of contents.
const SECTIONS_FOR_A_TOC: usize = 3;

impl<'a> Renderer<'a> {
    pub(super) fn document(
        &self,
        lang: &str,
        index: usize,
        root: &str,
    ) -> Result<DocumentPage<'_>, Diagnostic> {
        let document = &self.archive.documents[index];
        let version = document
            .version(lang)
            .unwrap_or_else(|| document.original());
        let toc = &version.body.toc;
        let sections = toc.iter().filter(|t| t.level == 2).count();
        let session = match &*version.meta {
            Meta::Session(s) => Some(s),
            _ => None,
        };
        let doc = Doc {
            item: self.list_item(index, lang),
            html: self.resolve_links(version, root)?,
            toc: if sections >= SECTIONS_FOR_A_TOC {
                toc
            } else {
                &[]
            },
            organizers: session.map(|s| s.organizers.as_slice()),
            speakers: session.map(|s| s.speakers.as_slice()),
            moderator: session.and_then(|s| s.moderator.as_deref()),
            rapporteur: session.and_then(|s| s.rapporteur.as_deref()),
            participants: session.and_then(|s| s.participants),
            room: session.and_then(|s| s.room.as_deref()),
            women_share: session.and_then(|s| s.women_share),
            video: session.and_then(|s| s.video.as_deref()),
            transcript: session.and_then(|s| s.transcript.as_deref()),
        };
        let translations = (document.versions.iter())
            .filter(|v| v.lang != lang)
            .filter_map(|v| self.archive.config.language(&v.lang))
            .map(|l| Translation {
                code: &l.code,
                name: &l.name,
                url: self.page_url(&Page::Document {
                    lang: &l.code,
                    index,
                }),
            })
            .collect();
        Ok(DocumentPage {
            page_title: version.meta.title(),
            doc,
            translations,
            cited_by: self.items(document.cited_by.iter().copied(), lang),
            list_url: self.page_url(&Page::List {
                lang,
                year: document.year,
                kind: document.kind,
            }),
            list_title: self.theme.text(lang, document.kind.folder(), &[]),
            outdated: self.outdated_notice(lang, index),
            cite: self.cite(index, lang),
        })
    }

    fn cite(&self, index: usize, lang: &str) -> Cite<'a> {
        let reference = citations::reference(self.archive, index, lang);
        let date = match self.archive.documents[index].date() {
            Some(date) => self.date(date, lang).into_owned(),
            None => reference.issued.iso(),
        };
        let downloads = citations::Downloads::new(&reference);
        Cite {
            publisher: reference.publisher,
            title: reference.title,
            event_title: reference.event_title,
            code: reference.number,
            date,
            url: reference.url,
            csl: downloads.csl,
            bibtex: downloads.bibtex,
            file_name: downloads.file_name,
        }
    }

    /// The HTML of a version's body: kept from the parse stage, or made
    /// again from its file when the parse stage had no room for it.
    fn body_html<'v>(&self, version: &'v Version) -> Result<Cow<'v, Html>, Diagnostic> {
        if let Some(html) = &version.body.html {
            return Ok(Cow::Borrowed(html));
        }
        let bytes = crate::files::read_regular(&version.file, crate::files::MAX_SOURCE_BYTES)
            .map_err(|refused| {
                Diagnostic::error(
                    &version.source,
                    Position::default(),
                    format!("reading the file again: {refused}"),
                )
                .hint("was it changed during the build? build again")
            })?;
        let text = crate::source::decode(&bytes, &version.source)?;
        let split = crate::source::split_front_matter(&text, &version.source)?;
        let html = crate::markdown::html(split.body, &version.source, split.body_line);
        Ok(Cow::Owned(html))
    }

    /// A body's HTML with the address of each link to a document, where
    /// the markdown stage noted it, replaced by the relative URL the link
    /// stage resolved it to (`#` for a link to no document).
    pub(super) fn resolve_links(
        &self,
        version: &Version,
        root: &str,
    ) -> Result<String, Diagnostic> {
        let html = self.body_html(version)?;
        if html.links.is_empty() {
            return Ok(html.into_owned().text);
        }
        let text = &html.text;
        let mut out = String::with_capacity(text.len() + 256);
        let mut at = 0;
        for LinkSpan { link, span } in &html.links {
            out.push_str(&text[at..span.start]);
            let written = &text[span.clone()];
            match version.link_targets.get(*link).and_then(Option::as_ref) {
                Some(target) => {
                    out.push_str(root);
                    out.push_str(&self.page_url(&Page::Document {
                        lang: &target.lang,
                        index: target.index,
                    }));
                    out.push_str(written.find('#').map_or("", |i| &written[i..]));
                }
                None => out.push('#'),
            }
            at = span.end;
        }
        out.push_str(&text[at..]);
        Ok(out)
    }
}
