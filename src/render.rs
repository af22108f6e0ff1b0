//! Rendering: what each page's template is given, and the HTML that comes
//! out, in parallel. Which pages there are and where they live is in
//! `pages`; how lists show a document, in `entries`.
//!
//! Every language of `site.yaml` gets every navigation page. A document page
//! exists once per language the document is written in; lists show a
//! reader's language where it exists and the original otherwise, marked.
//! Every link is relative to the page, so the output works from disk.

use crate::config::{Direction, Localized};
use crate::content::{Archive, Document, Kind, Meeting, Meta, SessionType, Version};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Position};
use crate::markdown::DOC_LINK_PREFIX;
use crate::sync::lock;
use crate::theme::Theme;
use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;
use serde_json::Value;
use std::borrow::Cow;
use std::sync::Mutex;

mod entries;
use crate::pages::{
    Emit, OutputFile, Page, absolute_url, collect, page_file, page_link, page_path, pages,
    translation_of,
};
use entries::{Entries, Entry};

/// A template value from `"key": value` pairs. Unlike `serde_json::json!`,
/// which serialises every value it is given again (a deep copy of nested
/// lists), this moves each value in.
macro_rules! object {
    ($($key:literal: $value:expr),* $(,)?) => {{
        let mut map = serde_json::Map::new();
        $(map.insert($key.to_string(), Value::from($value));)*
        Value::Object(map)
    }};
}

/// Renders every page and gathers the theme's static files, handing each
/// file to `emit` as soon as it is made.
pub fn render(archive: &Archive, theme: &Theme, emit: Emit) -> Result<(), Vec<Diagnostic>> {
    render_pages_into(archive, theme, &pages(archive), emit)?;
    for (name, bytes) in &theme.statics {
        emit(OutputFile {
            path: format!("static/{name}"),
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
    summaries: Mutex<HashMap<(u16, String), Value>>,
    entries: Entries,
    /// What the pages of one language and meeting share.
    shared: Pool<Shared>,
    /// Made when first needed: every entry has them.
    labels: std::sync::OnceLock<Labels<'a>>,
}

/// The session dates and track links of every language (by its place in
/// `site.yaml`), as lists show them.
struct Labels<'a> {
    dates: HashMap<(Date, usize), String>,
    track_links: HashMap<(u16, usize), HashMap<&'a str, Value>>,
}

/// Which pages share a template context: those of a language (its place
/// in `site.yaml`) and a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Shared {
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

    fn labels(&self) -> &Labels<'a> {
        self.labels.get_or_init(|| {
            let archive = self.archive;
            let mut labels = Labels {
                dates: HashMap::new(),
                track_links: HashMap::new(),
            };
            for (number, language) in archive.config.languages.iter().enumerate() {
                let lang = language.code.as_str();
                for document in &archive.documents {
                    if let Some(date) = document.date() {
                        labels
                            .dates
                            .entry((date, number))
                            .or_insert_with(|| self.make_date(date, lang));
                    }
                }
                for meeting in &archive.meetings {
                    for id in meeting.tracks.keys() {
                        let link = self.make_track_link(meeting.year, id, lang);
                        (labels.track_links.entry((meeting.year, number)))
                            .or_default()
                            .insert(id, link);
                    }
                }
            }
            labels
        })
    }

    /// A meeting's summary, as pages show it: made once per language, when
    /// a page first needs it (`serve` renders only a few pages at a time).
    fn summary(&self, meeting: &Meeting, lang: &str) -> Value {
        let key = (meeting.year, lang.to_string());
        if let Some(summary) = lock(&self.summaries).get(&key) {
            return summary.clone();
        }
        let summary = self.meeting_summary(meeting, lang);
        lock(&self.summaries).insert(key, summary.clone());
        summary
    }

    fn render_page(&self, page: &Page) -> Result<OutputFile, Diagnostic> {
        let path = page_path(self.archive, page);
        let (template, lang, values) = self.context(page, &path)?;
        let key = Shared {
            language: self.archive.config.language_rank(lang),
            year: page.year(self.archive),
        };
        let mut context = match self.shared.take(&key) {
            Some(context) => context,
            None => self.shared_context(lang, key.year),
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

    /// A page's template and language, and the values of its template
    /// but those it shares with the pages of its language and meeting.
    fn context<'p>(
        &self,
        page: &Page<'p>,
        path: &str,
    ) -> Result<(&'static str, &'p str, serde_json::Map<String, Value>), Diagnostic>
    where
        'a: 'p,
    {
        let root = "../".repeat(path.matches('/').count());
        let (template, lang, values) = match *page {
            Page::Chooser => ("chooser.html", self.default_lang(), self.chooser()),
            Page::NotFound => ("404.html", self.default_lang(), self.chooser()),
            Page::Home { lang } => ("home.html", lang, self.home(lang)),
            Page::Search { lang } => ("search.html", lang, self.search(lang)),
            Page::Data { lang } => ("data.html", lang, self.data(lang)),
            Page::Tracks { lang } => ("tracks.html", lang, self.tracks(lang)),
            Page::Track { lang, track } => {
                ("track.html", lang, self.track(lang, track, None, &root)?)
            }
            Page::Year { lang, year } => ("year.html", lang, self.year(lang, year)),
            Page::List {
                lang,
                year,
                kind: Kind::Session,
            } => ("sessions.html", lang, self.sessions(lang, year, &root)?),
            Page::List { lang, year, kind } => {
                ("list.html", lang, self.list(lang, year, kind, &root)?)
            }
            Page::Takeaways { lang, year } => {
                ("takeaways.html", lang, self.takeaways(lang, year, &root)?)
            }
            Page::YearTrack { lang, year, track } => (
                "track.html",
                lang,
                self.track(lang, track, Some(year), &root)?,
            ),
            Page::Document { lang, index } => {
                ("document.html", lang, self.document(lang, index, &root)?)
            }
        };
        let Value::Object(mut values) = values else {
            unreachable!("page values are objects");
        };
        values.insert("root".into(), Value::from(root));
        values.insert("languages".into(), self.language_menu(page));
        values.insert(
            "canonical".into(),
            Value::from(absolute_url(self.archive, page)),
        );
        Ok((template, lang, values))
    }

    /// What the pages of a language and meeting share: a new context.
    fn shared_context(&self, lang: &str, year: Option<u16>) -> tera::Context {
        let language = self.archive.config.language(lang);
        let mut shared = object! {
            "lang": lang,
            "dir": language.map_or(Direction::Ltr, |l| l.direction).attribute(),
            "t": self.theme.strings(lang).clone(),
            "site_title": self.archive.config.title.get(lang, self.default_lang()),
            "nav": object! {
                "home": self.page_url(&Page::Home { lang }),
                "tracks": self.page_url(&Page::Tracks { lang }),
                "search": self.page_url(&Page::Search { lang }),
                "data": self.page_url(&Page::Data { lang }),
                "feed": crate::pages::feed_path(lang, None),
            },
        };
        if let Some(meeting) = year.and_then(|y| self.archive.meeting(y)) {
            shared["meeting"] = self.summary(meeting, lang);
        }
        // An object always makes a context.
        tera::Context::from_value(shared).unwrap_or_default()
    }

    fn page_url(&self, page: &Page) -> String {
        page_link(self.archive, page)
    }

    /// The same page in every language; where a document is not written in
    /// a language, the list it belongs to.
    fn language_menu(&self, page: &Page) -> Value {
        let entries: Vec<Value> = self
            .archive
            .config
            .languages
            .iter()
            .map(|language| {
                let other = language.code.as_str();
                let translation = translation_of(self.archive, page, other);
                let target = translation.clone().unwrap_or_else(|| match *page {
                    Page::Document { index, .. } => {
                        let d = &self.archive.documents[index];
                        Page::List {
                            lang: other,
                            year: d.year,
                            kind: d.kind,
                        }
                    }
                    _ => Page::Home { lang: other },
                });
                object! {
                    "code": other,
                    "name": language.name.as_str(),
                    "dir": language.direction.attribute(),
                    "url": self.page_url(&target),
                    "translation": translation.is_some(),
                }
            })
            .collect();
        Value::Array(entries)
    }

    fn local(&self, text: &Localized, lang: &str) -> Value {
        object! {
            "text": text.get(lang, self.default_lang()),
            "lang": text.fallback_language(lang, self.default_lang()),
        }
    }

    fn date(&self, date: Date, lang: &str) -> Cow<'_, str> {
        match self
            .labels()
            .dates
            .get(&(date, self.archive.config.language_rank(lang)))
        {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(self.make_date(date, lang)),
        }
    }

    fn make_date(&self, date: Date, lang: &str) -> String {
        let month = self.month(lang, date.month);
        self.theme.text(
            lang,
            "date_format",
            &[
                ("day", &date.day.to_string()),
                ("month", &month),
                ("year", &date.year.to_string()),
            ],
        )
    }

    fn weekday_date(&self, date: Date, lang: &str) -> String {
        let month = self.month(lang, date.month);
        let weekday = self
            .theme
            .strings(lang)
            .get("weekdays")
            .and_then(|w| w.get(date.weekday()))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        self.theme.text(
            lang,
            "weekday_date_format",
            &[
                ("weekday", &weekday),
                ("day", &date.day.to_string()),
                ("month", &month),
                ("year", &date.year.to_string()),
            ],
        )
    }

    fn month(&self, lang: &str, month: u32) -> String {
        self.theme
            .strings(lang)
            .get("months")
            .and_then(|m| m.get(month as usize - 1))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    }

    fn date_range(&self, meeting: &Meeting, lang: &str) -> String {
        let (start, end) = (self.date(meeting.start, lang), self.date(meeting.end, lang));
        self.theme.text(
            lang,
            "date_range_format",
            &[("start", &start), ("end", &end)],
        )
    }

    fn meeting_summary(&self, meeting: &Meeting, lang: &str) -> Value {
        let count = |kind| self.archive.documents_of(meeting.year, kind).count();
        object! {
            "year": meeting.year,
            "label": self.theme.text(lang, "igf_year", &[("year", &meeting.year.to_string())]),
            "number": meeting.number,
            "title": self.local(&meeting.title, lang),
            "theme": self.local(&meeting.theme, lang),
            "location": self.local(&meeting.location, lang),
            "dates": self.date_range(meeting, lang),
            "url": self.page_url(&Page::Year { lang, year: meeting.year }),
            "sessions_url": self.page_url(&Page::List { lang, year: meeting.year, kind: Kind::Session }),
            "messages_url": self.page_url(&Page::List { lang, year: meeting.year, kind: Kind::Messages }),
            "outputs_url": self.page_url(&Page::List { lang, year: meeting.year, kind: Kind::Output }),
            "takeaways_url": self.page_url(&Page::Takeaways { lang, year: meeting.year }),
            "sessions": count(Kind::Session),
            "messages": count(Kind::Messages),
            "outputs": count(Kind::Output),
            "tracks": meeting.tracks.iter().map(|(id, track)| object! {
                "id": id.as_str(),
                "title": self.local(&track.title, lang),
                "description": self.local(&track.description, lang),
                "url": self.page_url(&Page::YearTrack { lang, year: meeting.year, track: id }),
                "all_years_url": self.page_url(&Page::Track { lang, track: id }),
            }).collect::<Vec<_>>(),
        }
    }

    fn track_link(&self, year: u16, id: &str, lang: &str) -> Cow<'_, Value> {
        let of_year =
            (self.labels().track_links).get(&(year, self.archive.config.language_rank(lang)));
        match of_year.and_then(|links| links.get(id)) {
            Some(link) => Cow::Borrowed(link),
            None => Cow::Owned(self.make_track_link(year, id, lang)),
        }
    }

    fn make_track_link(&self, year: u16, id: &str, lang: &str) -> Value {
        let title = self
            .archive
            .meeting(year)
            .and_then(|m| m.tracks.get(id))
            .map_or_else(
                || object! {"text": id, "lang": Value::Null},
                |t| self.local(&t.title, lang),
            );
        object! {"id": id, "title": title, "url": self.page_url(&Page::YearTrack { lang, year, track: id })}
    }

    /// A document as lists show it to a reader of `lang`.
    fn list_item(&self, index: usize, lang: &str) -> entries::Item<'_> {
        let document = &self.archive.documents[index];
        let version = document.version_for(lang);
        let other_language = (version.lang != lang)
            .then(|| self.archive.config.language(&version.lang))
            .flatten();
        let (code, type_label, date, calls_to_action) = match &*version.meta {
            Meta::Session(s) => (
                Some(s.code.as_str()),
                Some(
                    self.theme
                        .nested_str(lang, "session_types", s.session_type.name()),
                ),
                Some(self.date(s.date, lang)),
                Some(s.calls_to_action.as_slice()),
            ),
            Meta::Output(o) => (
                None,
                Some(
                    self.theme
                        .nested_str(lang, "output_types", o.output_type.name()),
                ),
                None,
                None,
            ),
            Meta::Messages(_) => (None, None, None, None),
        };
        entries::Item {
            title: version.meta.title(),
            url: self.page_url(&Page::Document {
                lang: &version.lang,
                index,
            }),
            kind: document.kind.name(),
            kind_label: self.theme.nested_str(lang, "kinds", document.kind.name()),
            year: document.year,
            lang: other_language.map(|l| l.code.as_str()),
            lang_note: other_language
                .map(|l| self.theme.text(lang, "only_in", &[("language", &l.name)])),
            dir: other_language.map(|l| l.direction.attribute()),
            tracks: (version.meta.tracks().iter())
                .map(|t| self.track_link(document.year, t, lang))
                .collect(),
            key_takeaways: version.meta.key_takeaways(),
            code,
            type_label,
            date,
            calls_to_action,
        }
    }

    /// `list_item` as templates see it.
    fn item(&self, index: usize, lang: &str) -> Value {
        self.list_item(index, lang).to_value()
    }

    fn items(&self, indices: impl Iterator<Item = usize>, lang: &str) -> Vec<Value> {
        indices.map(|i| self.item(i, lang)).collect()
    }

    /// Documents as a list on a page at `root` shows them: their HTML,
    /// made once and reused by every list of the language.
    fn entries(
        &self,
        indices: impl Iterator<Item = usize>,
        lang: &str,
        style: Entry,
        root: &str,
    ) -> Result<Vec<Value>, Diagnostic> {
        let language = self.archive.config.language_rank(lang);
        indices
            .map(|index| {
                let key = entries::Key {
                    index,
                    language,
                    style,
                    depth: root.len(),
                };
                let html = match self.entries.get(key) {
                    Some(html) => html,
                    None => self.entries.keep(key, self.entry(key, lang, root)?),
                };
                Ok(Value::from(&*html))
            })
            .collect()
    }

    fn entry(&self, key: entries::Key, lang: &str, root: &str) -> Result<String, Diagnostic> {
        let item = self.list_item(key.index, lang);
        if self.theme.builtin_entries {
            let mut html = String::with_capacity(1024);
            entries::write(&mut html, &item, key.style, root, self.theme.strings(lang));
            return Ok(html);
        }
        self.entry_by_template(item.to_value(), key, lang, root)
    }

    /// An entry as the theme's templates render it.
    fn entry_by_template(
        &self,
        item: Value,
        key: entries::Key,
        lang: &str,
        root: &str,
    ) -> Result<String, Diagnostic> {
        let template = key.style.template();
        let mut context = match self.entries.take_context(key) {
            Some(context) => context,
            None => self.entry_context(lang, key.style, root)?,
        };
        let item = tera::Context::from_value(object! { "item": item })
            .map_err(|e| self.template_error(template, &e))?;
        context.extend(item);
        let html = self.theme.tera.render(template, &context);
        context.remove("item");
        self.entries.put_back_context(key, context);
        // The file's last line break, which tera drops from an include.
        html.map(|html| html.strip_suffix('\n').map(str::to_string).unwrap_or(html))
            .map_err(|e| self.template_error(template, &e))
    }

    /// What an entry's template is given besides `item`.
    fn entry_context(
        &self,
        lang: &str,
        style: Entry,
        root: &str,
    ) -> Result<tera::Context, Diagnostic> {
        let language = self.archive.config.language(lang);
        tera::Context::from_value(object! {
            "root": root,
            "heading": style.heading(),
            "show_takeaways": style.shows_takeaways(),
            "t": self.theme.strings(lang).clone(),
            "lang": lang,
            "dir": language.map_or(Direction::Ltr, |l| l.direction).attribute(),
        })
        .map_err(|e| self.template_error(style.template(), &e))
    }

    fn chooser(&self) -> Value {
        let config = &self.archive.config;
        let languages: Vec<Value> = config
            .languages
            .iter()
            .map(|l| {
                object! {
                    "code": l.code.as_str(),
                    "name": l.name.as_str(),
                    "dir": l.direction.attribute(),
                    "url": self.page_url(&Page::Home { lang: &l.code }),
                    "title": config.title.get(&l.code, &config.default_language),
                    "choose": self.theme.text(&l.code, "choose_language", &[]),
                }
            })
            .collect();
        object! { "choices": languages }
    }

    fn home(&self, lang: &str) -> Value {
        let latest = self.archive.meetings.last();
        let latest_messages = latest
            .map(|m| {
                self.items(
                    self.archive
                        .documents_of(m.year, Kind::Messages)
                        .map(|(i, _)| i),
                    lang,
                )
            })
            .unwrap_or_default();
        object! {
            "page_title": self.archive.config.title.get(lang, self.default_lang()),
            "latest": latest.map(|m| self.summary(m, lang)),
            "latest_messages": latest_messages,
            "meetings": self.archive.meetings.iter().rev().map(|m| self.summary(m, lang)).collect::<Vec<_>>(),
            "tracks": self.track_summaries(lang),
        }
    }

    fn track_summaries(&self, lang: &str) -> Vec<Value> {
        self.archive
            .track_ids()
            .into_iter()
            .filter_map(|id| {
                let track = self.archive.latest_track(id)?;
                let years: Vec<u16> = self.archive.meetings.iter().filter(|m| m.tracks.contains_key(id)).map(|m| m.year).collect();
                Some(object! {
                    "id": id,
                    "title": self.local(&track.title, lang),
                    "description": self.local(&track.description, lang),
                    "url": self.page_url(&Page::Track { lang, track: id }),
                    "years": years.iter().map(|y| self.theme.text(lang, "igf_year", &[("year", &y.to_string())])).collect::<Vec<_>>(),
                })
            })
            .collect()
    }

    fn search(&self, lang: &str) -> Value {
        let types: Vec<Value> = SessionType::NAMES
            .iter()
            .map(|t| object! {"id": *t, "label": self.theme.nested(lang, "session_types", t)})
            .collect();
        let kinds: Vec<Value> = Kind::ALL
            .iter()
            .map(|k| object! {"id": k.name(), "label": self.theme.nested(lang, "kinds", k.name())})
            .collect();
        object! {
            "page_title": self.theme.text(lang, "search", &[]),
            "tracks": self.track_summaries(lang),
            "years": self.archive.meetings.iter().rev().map(|m| m.year).collect::<Vec<_>>(),
            "types": types,
            "kinds": kinds,
        }
    }

    fn data(&self, lang: &str) -> Value {
        let years: Vec<Value> = self
            .archive
            .meetings
            .iter()
            .rev()
            .map(|m| {
                object! {
                    "year": m.year,
                    "label": self.theme.text(lang, "igf_year", &[("year", &m.year.to_string())]),
                    "json": crate::pages::json_path(m.year),
                    "csv": crate::pages::csv_path(m.year),
                }
            })
            .collect();
        object! { "page_title": self.theme.text(lang, "footer_data", &[]), "years": years }
    }

    fn tracks(&self, lang: &str) -> Value {
        object! {
            "page_title": self.theme.text(lang, "tracks", &[]),
            "tracks": self.track_summaries(lang),
        }
    }

    /// A track index: one year's, or every year's when `year` is `None`.
    fn track(
        &self,
        lang: &str,
        id: &str,
        only_year: Option<u16>,
        root: &str,
    ) -> Result<Value, Diagnostic> {
        let track = match only_year {
            Some(year) => self.archive.meeting(year).and_then(|m| m.tracks.get(id)),
            None => self.archive.latest_track(id),
        };
        let title = track.map_or_else(
            || object! {"text": id, "lang": Value::Null},
            |t| self.local(&t.title, lang),
        );
        let description = track.map(|t| self.local(&t.description, lang));
        let years: Vec<Value> = self
            .archive
            .meetings
            .iter()
            .rev()
            .filter(|m| m.tracks.contains_key(id) && only_year.is_none_or(|y| y == m.year))
            .map(|meeting| {
                let on_track = |kind| {
                    let indices = self
                        .archive
                        .documents_of(meeting.year, kind)
                        .filter(|(_, d)| d.original().meta.tracks().iter().any(|t| t == id))
                        .map(|(i, _)| i);
                    let mut items: Vec<usize> = indices.collect();
                    if kind == Kind::Session {
                        items.sort_by_key(|&i| (self.archive.documents[i].date(), i));
                    }
                    // Across years, a year with many sessions lists them by
                    // title (its own track page has their takeaways), so
                    // that the page stays readable.
                    let style = match kind {
                        Kind::Session if only_year.is_none() && items.len() > 30 => Entry::Brief,
                        _ => Entry::Full,
                    };
                    self.entries(items.into_iter(), lang, style, root)
                };
                Ok(object! {
                    "year": meeting.year,
                    "label": self.theme.text(lang, "igf_year", &[("year", &meeting.year.to_string())]),
                    "track_title": meeting.tracks.get(id).map(|t| self.local(&t.title, lang)),
                    "url": self.page_url(&Page::YearTrack { lang, year: meeting.year, track: id }),
                    "meeting_url": self.page_url(&Page::Year { lang, year: meeting.year }),
                    "messages": on_track(Kind::Messages)?,
                    "outputs": on_track(Kind::Output)?,
                    "sessions": on_track(Kind::Session)?,
                })
            })
            .collect::<Result<_, Diagnostic>>()?;
        let other_years_url = only_year.map(|_| self.page_url(&Page::Track { lang, track: id }));
        let page_title = match only_year {
            Some(year) => format!(
                "{} · {}",
                title["text"].as_str().unwrap_or(id),
                self.theme
                    .text(lang, "igf_year", &[("year", &year.to_string())])
            ),
            None => title["text"].as_str().unwrap_or(id).to_string(),
        };
        let mut values = object! {
            "page_title": page_title,
            "track": object! {"id": id, "title": title, "description": description},
            "year": only_year,
            "years": years,
            "all_years_url": other_years_url,
            "feed": crate::pages::feed_path(lang, Some(id)),
        };
        // One year's page has its meeting from the pages of that meeting.
        if only_year.is_none() {
            values["meeting"] = Value::Null;
        }
        Ok(values)
    }

    fn year(&self, lang: &str, year: u16) -> Value {
        let messages = self.items(
            self.archive
                .documents_of(year, Kind::Messages)
                .map(|(i, _)| i),
            lang,
        );
        object! {
            "page_title": self.theme.text(lang, "igf_year", &[("year", &year.to_string())]),
            "messages": messages,
        }
    }

    /// Session reports grouped by day, then by type of session.
    fn sessions(&self, lang: &str, year: u16, root: &str) -> Result<Value, Diagnostic> {
        let mut sessions: Vec<(Date, SessionType, usize)> = self
            .archive
            .documents_of(year, Kind::Session)
            .filter_map(|(i, d)| {
                let s = d.original().meta.session()?;
                Some((s.date, s.session_type, i))
            })
            .collect();
        sessions.sort();
        let mut days: Vec<Value> = Vec::new();
        for day in sessions.chunk_by(|a, b| a.0 == b.0) {
            let types: Vec<Value> = day
                .chunk_by(|a, b| a.1 == b.1)
                .map(|group| {
                    let type_id = self.archive.documents[group[0].2]
                        .original()
                        .meta
                        .doc_type()
                        .unwrap_or("other");
                    let sessions = group.iter().map(|s| s.2);
                    Ok(object! {
                        "label": self.theme.nested(lang, "session_types", type_id),
                        "sessions": self.entries(sessions, lang, Entry::Brief, root)?,
                    })
                })
                .collect::<Result<_, Diagnostic>>()?;
            days.push(object! { "label": self.weekday_date(day[0].0, lang), "id": day[0].0.to_string(), "types": types });
        }
        Ok(object! {
            "page_title": self.theme.text(lang, "sessions_of_year", &[("year", &year.to_string())]),
            "days": days,
        })
    }

    fn list(&self, lang: &str, year: u16, kind: Kind, root: &str) -> Result<Value, Diagnostic> {
        let (title_key, intro_key) = match kind {
            Kind::Messages => ("messages_of_year", "messages_intro"),
            _ => ("outputs_of_year", "outputs_intro"),
        };
        let items = self.archive.documents_of(year, kind).map(|(i, _)| i);
        Ok(object! {
            "page_title": self.theme.text(lang, title_key, &[("year", &year.to_string())]),
            "intro": self.theme.text(lang, intro_key, &[]),
            "items": self.entries(items, lang, Entry::Listed, root)?,
        })
    }

    /// All key takeaways of a year, grouped by track: the compilation the
    /// IGF Secretariat used to assemble by hand.
    fn takeaways(&self, lang: &str, year: u16, root: &str) -> Result<Value, Diagnostic> {
        let tracks: Vec<Value> = self
            .archive
            .meeting(year)
            .map(|meeting| {
                meeting
                    .tracks
                    .keys()
                    .map(|id| {
                        let mut indices: Vec<usize> = self.archive
                            .documents_of(year, Kind::Session)
                            .filter(|(_, d)| d.original().meta.tracks().contains(id))
                            .map(|(i, _)| i)
                            .collect();
                        indices.sort_by_key(|&i| (self.archive.documents[i].date(), i));
                        let link = self.track_link(year, id, lang);
                        let sessions = self.entries(indices.into_iter(), lang, Entry::Compiled, root)?;
                        Ok(object! { "id": id.as_str(), "title": link["title"].clone(), "url": link["url"].clone(), "sessions": sessions })
                    })
                    .collect::<Result<_, Diagnostic>>()
            })
            .transpose()?
            .unwrap_or_default();
        Ok(object! {
            "page_title": self.theme.text(lang, "takeaways_of_year", &[("year", &year.to_string())]),
            "tracks": tracks,
        })
    }

    fn document(&self, lang: &str, index: usize, root: &str) -> Result<Value, Diagnostic> {
        let document = &self.archive.documents[index];
        let version = document
            .version(lang)
            .unwrap_or_else(|| document.original());
        let mut doc = self.item(index, lang);
        doc["html"] = Value::from(self.resolve_links(version, root)?);
        let toc_worthy = version.body.toc.iter().filter(|t| t.level == 2).count() >= 3;
        doc["toc"] = if toc_worthy {
            serde_json::to_value(&version.body.toc).unwrap_or_default()
        } else {
            Value::Array(Vec::new())
        };
        for key in [
            "organizers",
            "speakers",
            "moderator",
            "rapporteur",
            "participants",
            "room",
            "women_share",
            "video",
            "transcript",
        ] {
            doc[key] = Value::Null;
        }
        if let Meta::Session(s) = &*version.meta {
            doc["organizers"] = Value::from(s.organizers.clone());
            doc["speakers"] = Value::from(s.speakers.clone());
            doc["moderator"] = Value::from(s.moderator.clone());
            doc["rapporteur"] = Value::from(s.rapporteur.clone());
            doc["participants"] = Value::from(s.participants);
            doc["room"] = Value::from(s.room.clone());
            doc["women_share"] = Value::from(s.women_share);
            doc["video"] = Value::from(s.video.clone());
            doc["transcript"] = Value::from(s.transcript.clone());
        }
        let translations: Vec<Value> = document
            .versions
            .iter()
            .filter(|v| v.lang != lang)
            .filter_map(|v| self.archive.config.language(&v.lang))
            .map(|l| object! {"code": l.code.as_str(), "name": l.name.as_str(), "url": self.page_url(&Page::Document { lang: &l.code, index })})
            .collect();
        Ok(object! {
            "page_title": version.meta.title(),
            "doc": doc,
            "translations": translations,
            "cited_by": self.items(document.cited_by.iter().copied(), lang),
            "list_url": self.page_url(&Page::List { lang, year: document.year, kind: document.kind }),
            "list_title": self.theme.text(lang, document.kind.folder(), &[]),
        })
    }

    /// The HTML of a version's body: kept from the parse stage, or made
    /// again from its file when the parse stage had no room for it.
    fn body_html<'v>(&self, version: &'v Version) -> Result<Cow<'v, str>, Diagnostic> {
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

    /// Replaces `href="@/…"` targets in a body with relative URLs: the
    /// target in the page's language where it exists, else its original.
    fn resolve_links(&self, version: &Version, root: &str) -> Result<String, Diagnostic> {
        let html = self.body_html(version)?;
        let needle = concat!("href=\"", "@/");
        if !html.contains(needle) {
            return Ok(html.into_owned());
        }
        let mut out = String::with_capacity(html.len() + 256);
        let mut rest = &*html;
        while let Some(at) = rest.find(needle) {
            out.push_str(&rest[..at + 6]);
            let after = &rest[at + 6 + DOC_LINK_PREFIX.len()..];
            let end = after.find('"').unwrap_or(after.len());
            let target = &after[..end];
            let fragment = target.find('#').map_or("", |i| &target[i..]);
            match self.archive.resolve(target) {
                Some((index, named)) => {
                    let document: &Document = &self.archive.documents[index];
                    let lang = named
                        .as_deref()
                        .unwrap_or_else(|| &document.version_for(&version.lang).lang);
                    out.push_str(root);
                    out.push_str(&self.page_url(&Page::Document { lang, index }));
                    out.push_str(fragment);
                }
                None => out.push('#'),
            }
            rest = &after[end..];
        }
        out.push_str(rest);
        Ok(out)
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Pages share template contexts and list entries; a page comes out the
    /// same whatever was rendered before it.
    #[test]
    fn pages_do_not_depend_on_the_order_they_are_rendered_in() {
        let folder = Path::new("tests/fixtures/basic");
        let (archive, _) = crate::load_archive(folder).unwrap();
        let theme = crate::theme::load(folder, &archive.config).unwrap();
        let mut forward = pages(&archive);
        let mut backward = forward.clone();
        backward.reverse();
        // Every other page first, then the rest: languages interleave.
        let (even, odd): (Vec<_>, Vec<_>) =
            forward.drain(..).enumerate().partition(|(i, _)| i % 2 == 0);
        let mixed: Vec<Page> = even.into_iter().chain(odd).map(|(_, p)| p).collect();
        let sorted = |pages: &[Page]| {
            let mut files = render_pages(&archive, &theme, pages).unwrap();
            files.sort_by(|a, b| a.path.cmp(&b.path));
            files
        };
        let reference = sorted(&pages(&archive));
        assert!(reference.len() > 50);
        assert!(sorted(&backward) == reference, "reversed order differs");
        assert!(sorted(&mixed) == reference, "interleaved order differs");
    }

    /// A body's HTML kept from the parse stage gives the same page as one
    /// made again from its file, and a budget that runs out partway gives
    /// both kinds in one build.
    #[test]
    fn kept_html_makes_the_same_pages_as_html_made_again() {
        use crate::content::parse::{HtmlBudget, Keep};
        let folder = Path::new(".");
        let site = |budget: Option<usize>| {
            let budget = budget.map(HtmlBudget::new);
            let keep = Keep {
                search: None,
                html: budget.as_ref(),
            };
            let (archive, _) = crate::load_archive_with(folder, keep).unwrap();
            let kept = archive
                .documents
                .iter()
                .flat_map(|d| &d.versions)
                .filter(|v| v.body.html.is_some())
                .count();
            let theme = crate::theme::load(folder, &archive.config).unwrap();
            let mut files = render_pages(&archive, &theme, &pages(&archive)).unwrap();
            files.sort_by(|a, b| a.path.cmp(&b.path));
            (kept, files)
        };
        let (none, made_again) = site(None);
        let (all, kept) = site(Some(usize::MAX));
        let (some, mixed) = site(Some(40_000));
        assert_eq!(none, 0);
        assert!(0 < some && some < all, "kept {some} of {all}");
        assert!(kept == made_again, "kept HTML changes pages");
        assert!(mixed == made_again, "a spent budget changes pages");
    }

    /// The built-in theme's entries, written by Rust, are byte for byte
    /// what its partials render with tera: for every document, language,
    /// style and depth of page, in the test fixture and the repo's archive.
    #[test]
    fn written_entries_are_what_the_partials_render() {
        for folder in ["tests/fixtures/basic", "."] {
            let (archive, _) = crate::load_archive(Path::new(folder)).unwrap();
            let theme = crate::theme::load(Path::new(folder), &archive.config).unwrap();
            assert!(
                theme.builtin_entries,
                "{folder} keeps the built-in partials"
            );
            let renderer = Renderer::new(&archive, &theme);
            let mut compared = 0;
            for (language_number, language) in archive.config.languages.iter().enumerate() {
                let lang = language.code.as_str();
                for index in 0..archive.documents.len() {
                    // The compilation lists sessions only.
                    let styles = Entry::ALL.into_iter().filter(|&style| {
                        style != Entry::Compiled || archive.documents[index].kind == Kind::Session
                    });
                    for (style, root) in
                        styles.flat_map(|style| [(style, "../../../"), (style, "../../../../")])
                    {
                        let item = renderer.list_item(index, lang);
                        let mut written = String::new();
                        entries::write(&mut written, &item, style, root, theme.strings(lang));
                        let item = item.to_value();
                        let key = entries::Key {
                            index,
                            language: language_number,
                            style,
                            depth: root.len(),
                        };
                        let rendered = renderer.entry_by_template(item, key, lang, root).unwrap();
                        assert_eq!(
                            written, rendered,
                            "{folder}: {} in {lang}, {style:?} at {root}",
                            archive.documents[index].slug
                        );
                        compared += 1;
                    }
                }
            }
            assert!(compared > 100, "{folder}: only {compared} entries compared");
        }
    }

    #[test]
    fn page_files_name_their_index() {
        assert_eq!(page_file(""), "index.html");
        assert_eq!(page_file("en/2020/"), "en/2020/index.html");
        assert_eq!(page_file("404.html"), "404.html");
    }
}
