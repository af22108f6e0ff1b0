//! Rendering: each page's model (`models`), made by the job it belongs to
//! (`navigation`, `listing`, `document`, with what pages say in the
//! reader's language in `labels`), rendered by tera from the theme's
//! templates, in parallel. Which pages there are and where they live is in
//! `pages`; how lists show a document, in `entries`.
//!
//! Every language of `site.yaml` gets every navigation page. A document page
//! exists once per language the document is written in; lists show a
//! reader's language where it exists and the original otherwise, marked.
//! Every link is relative to the page, so the output works from disk.

use crate::config::Direction;
use crate::content::{Archive, Kind};
use crate::diagnostics::{Diagnostic, Position};
use crate::pages::{Emit, OutputFile, Page, absolute_url, collect, page_file, page_path, pages};
use crate::sync::lock;
use crate::theme::Theme;
use foldhash::HashMap;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value};
use std::sync::{Arc, Mutex};

mod chart;
mod describe;
mod document;
mod entries;
mod figures;
mod labels;
mod listing;
mod models;
mod navigation;
#[cfg(test)]
mod tests;
mod translations;

use entries::Entries;
use labels::Labels;
use models::{Common, MeetingSummary, Nav, Shared};

/// Renders every page and gathers the theme's static files, handing each
/// file to `emit` as soon as it is made.
pub fn render(archive: &Archive, theme: &Theme, emit: Emit) -> Result<(), Vec<Diagnostic>> {
    render_pages_into(archive, theme, &pages(archive), emit)?;
    for (name, bytes) in &theme.statics {
        // Browsers and crawlers ask a server for `/favicon.ico`: the
        // theme's lives at the site's root, where pages link to it too.
        let path = match name.as_str() {
            "favicon.ico" => name.clone(),
            _ => format!("static/{name}"),
        };
        emit(OutputFile {
            path,
            bytes: bytes.clone(),
        });
    }
    Ok(())
}

/// Renders some pages, in parallel, into a list.
pub fn render_pages(
    archive: &Archive,
    theme: &Theme,
    pages: &[Page],
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let (result, files) = collect(|emit| render_pages_into(archive, theme, pages, emit));
    result.map(|()| files)
}

/// Renders some pages, in parallel, handing each to `emit`.
pub fn render_pages_into(
    archive: &Archive,
    theme: &Theme,
    pages: &[Page],
    emit: Emit,
) -> Result<(), Vec<Diagnostic>> {
    let renderer = Renderer::new(archive, theme);
    let mut errors: Vec<Diagnostic> = Vec::new();
    // The lists of one language share their entries; rendered a language at
    // a time, only that language's entries are held.
    for group in pages.chunk_by(|a, b| a.list_language() == b.list_language()) {
        errors.par_extend(
            group
                .par_iter()
                .filter_map(|page| match renderer.render_page(page) {
                    Ok(file) => {
                        emit(file);
                        None
                    }
                    Err(error) => Some(error),
                }),
        );
        renderer.entries.forget();
        renderer.shared.clear();
    }
    if !errors.is_empty() {
        crate::diagnostics::sort(&mut errors);
        return Err(errors);
    }
    Ok(())
}

struct Renderer<'a> {
    archive: &'a Archive,
    theme: &'a Theme,
    /// Each meeting's summary in each language: nearly every page has one.
    summaries: Mutex<HashMap<(u16, String), Arc<MeetingSummary<'a>>>>,
    entries: Entries,
    /// What the pages of one language and meeting share.
    shared: Pool<SharedKey>,
    /// Made when first needed: every entry has them.
    labels: std::sync::OnceLock<Labels<'a>>,
}

/// Which pages share a template context: those of a language (its place
/// in `site.yaml`) and a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct SharedKey {
    language: usize,
    year: Option<u16>,
}

/// Template contexts kept for reuse: each holds what many renders share
/// (a language's UI strings above all), which would cost more to copy for
/// each render than the render itself. A render takes one, adds its own
/// values, and puts it back without them.
struct Pool<K>(Mutex<HashMap<K, Vec<tera::Context>>>);

impl<K> Default for Pool<K> {
    fn default() -> Self {
        Pool(Mutex::default())
    }
}

impl<K: std::hash::Hash + Eq> Pool<K> {
    fn take(&self, key: &K) -> Option<tera::Context> {
        lock(&self.0).get_mut(key).and_then(Vec::pop)
    }

    fn put_back(&self, key: K, context: tera::Context) {
        lock(&self.0).entry(key).or_default().push(context);
    }

    fn clear(&self) {
        lock(&self.0).clear();
    }
}

impl<'a> Renderer<'a> {
    fn new(archive: &'a Archive, theme: &'a Theme) -> Self {
        Renderer {
            archive,
            theme,
            summaries: Default::default(),
            entries: Entries::default(),
            shared: Pool::default(),
            labels: Default::default(),
        }
    }

    fn render_page(&self, page: &Page<'a>) -> Result<OutputFile, Diagnostic> {
        let path = page_path(self.archive, page);
        let (template, lang, values) = self.values(page, &path)?;
        let key = SharedKey {
            language: self.archive.config.language_rank(lang),
            year: page.year(self.archive),
        };
        let mut context = match self.shared.take(&key) {
            Some(context) => context,
            None => self.shared_context(lang, key.year, template)?,
        };
        let own: Vec<String> = values.keys().cloned().collect();
        // A page value that replaces a shared one would take it away from
        // the next pages: such a context is not put back.
        let reusable = own.iter().all(|k| !context.contains_key(k));
        let values = Value::Object(values);
        // A list page is mostly its entries' HTML: room for all of it at
        // once, rather than a buffer copied each time it doubles.
        let room = text_bytes(&values) + 16 * 1024;
        let values =
            tera::Context::from_value(values).map_err(|e| self.template_error(template, &e))?;
        context.extend(values);
        let mut html = Vec::with_capacity(room);
        let html = (self.theme.tera)
            .render_to(template, &context, &mut html)
            .map(|()| html);
        if reusable {
            for key in &own {
                context.remove(key);
            }
            self.shared.put_back(key, context);
        }
        let html = html.map_err(|e| self.template_error(template, &e))?;
        Ok(OutputFile {
            path: page_file(&path),
            bytes: html,
        })
    }

    fn template_error(&self, template: &str, error: &tera::Error) -> Diagnostic {
        Diagnostic::error(
            &format!("themes/{}/templates/{template}", self.archive.config.theme),
            Position::default(),
            format!("the template failed: {}", crate::theme::error_chain(error)),
        )
    }

    fn default_lang(&self) -> &'a str {
        &self.archive.config.default_language
    }

    /// A page's template and language, and its model with what every page
    /// has of its own, as the template's values (but those it shares with
    /// the pages of its language and meeting).
    fn values(
        &self,
        page: &Page<'a>,
        path: &str,
    ) -> Result<(&'static str, &'a str, Map<String, Value>), Diagnostic> {
        let root = match page {
            // Served in place of any missing page, at any depth: its links
            // start from the site's own path on its server.
            Page::NotFound => crate::pages::base_path(&self.archive.config),
            _ => "../".repeat(path.matches('/').count()),
        };
        let (template, lang, model) = match *page {
            Page::Chooser => ("chooser.html", self.default_lang(), model(self.chooser())),
            Page::NotFound => ("404.html", self.default_lang(), model(self.chooser())),
            Page::Home { lang } => ("home.html", lang, model(self.home(lang))),
            Page::Search { lang } => ("search.html", lang, model(self.search(lang))),
            Page::Data { lang } => ("data.html", lang, model(self.data(lang))),
            Page::Translations { lang } => {
                ("translations.html", lang, model(self.translations(lang)))
            }
            Page::Tracks { lang } => ("tracks.html", lang, model(self.tracks(lang))),
            Page::Track { lang, track } => (
                "track.html",
                lang,
                model(self.track(lang, track, None, &root)?),
            ),
            Page::YearTrack { lang, year, track } => (
                "track.html",
                lang,
                model(self.track(lang, track, Some(year), &root)?),
            ),
            Page::Year { lang, year } => ("year.html", lang, model(self.year(lang, year))),
            Page::List {
                lang,
                year,
                kind: Kind::Session,
            } => (
                "sessions.html",
                lang,
                model(self.sessions(lang, year, &root)?),
            ),
            Page::List { lang, year, kind } => (
                "list.html",
                lang,
                model(self.list(lang, year, kind, &root)?),
            ),
            Page::Takeaways { lang, year } => (
                "takeaways.html",
                lang,
                model(self.takeaways(lang, year, &root)?),
            ),
            Page::Figures { lang } => ("figures.html", lang, model(self.archive_figures(lang))),
            Page::YearFigures { lang, year } => {
                ("figures.html", lang, model(self.year_figures(lang, year)))
            }
            Page::Document { lang, index } => (
                "document.html",
                lang,
                model(self.document(lang, index, &root)?),
            ),
        };
        let common = Common {
            root,
            languages: self.language_menu(page),
            canonical: absolute_url(self.archive, page),
            alternates: self.alternates(page),
            description: self.description(page),
        };
        let mut values = model.map_err(|e| self.model_error(template, &e))?;
        values.extend(self::model(common).map_err(|e| self.model_error(template, &e))?);
        Ok((template, lang, values))
    }

    fn model_error(&self, template: &str, error: &serde_json::Error) -> Diagnostic {
        Diagnostic::error(
            &format!("themes/{}/templates/{template}", self.archive.config.theme),
            Position::default(),
            format!("the page's values could not be made: {error}"),
        )
    }

    /// What the pages of a language and meeting share: a new context.
    fn shared_context(
        &self,
        lang: &'a str,
        year: Option<u16>,
        template: &str,
    ) -> Result<tera::Context, Diagnostic> {
        let language = self.archive.config.language(lang);
        let shared = Shared {
            lang,
            dir: language.map_or(Direction::Ltr, |l| l.direction).attribute(),
            t: self.theme.strings(lang),
            site_title: self.archive.config.title.get(lang, self.default_lang()),
            nav: Nav {
                home: self.page_url(&Page::Home { lang }),
                tracks: self.page_url(&Page::Tracks { lang }),
                search: self.page_url(&Page::Search { lang }),
                data: self.page_url(&Page::Data { lang }),
                feed: crate::pages::feed_path(lang, None),
            },
            meeting: (year.and_then(|y| self.archive.meeting(y))).map(|m| self.summary(m, lang)),
        };
        tera::Context::from_serialize(shared).map_err(|e| self.template_error(template, &e))
    }
}

/// A model as the fields of a template's values.
fn model(model: impl Serialize) -> Result<Map<String, Value>, serde_json::Error> {
    match serde_json::to_value(model)? {
        Value::Object(fields) => Ok(fields),
        _ => Err(serde::ser::Error::custom("a page's model is not a struct")),
    }
}

/// The bytes of the strings in a value: about what a page's template
/// writes of it.
fn text_bytes(value: &Value) -> usize {
    match value {
        Value::String(text) => text.len(),
        Value::Array(items) => items.iter().map(text_bytes).sum(),
        Value::Object(fields) => fields.values().map(text_bytes).sum(),
        _ => 0,
    }
}
