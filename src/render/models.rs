//! What each page's template is given: one typed model per kind of page,
//! borrowing from the archive and the theme. tera gets a model serialised;
//! the names of the fields are the names templates use, so a field the
//! templates read cannot be misspelt here without the compiler noticing
//! that the struct has no such field.
//!
//! A field that is `None` is given to templates as `null` unless marked to
//! be left out, as some are: templates test both the same way, and an
//! archive's own templates may rely on either.

use super::entries::Item;
use crate::markdown::TocEntry;
use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;

/// A text in the reader's language, or in another one (`lang`) when the
/// reader's is missing: the `text` macro of `macros.html` marks it.
#[derive(Debug, Clone, Serialize)]
pub struct Local<'a> {
    pub text: &'a str,
    pub lang: Option<&'a str>,
}

/// A link to one year's page of a track.
#[derive(Debug, Clone, Serialize)]
pub struct TrackLink<'a> {
    pub id: &'a str,
    pub title: Local<'a>,
    pub url: String,
}

/// What every page of a language shares, and of a meeting when it has one.
#[derive(Serialize)]
pub struct Shared<'a> {
    pub lang: &'a str,
    pub dir: &'static str,
    /// The UI strings.
    pub t: &'a Value,
    pub site_title: &'a str,
    pub nav: Nav,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting: Option<Arc<MeetingSummary<'a>>>,
}

#[derive(Serialize)]
pub struct Nav {
    pub home: String,
    pub tracks: String,
    pub search: String,
    pub data: String,
    pub feed: String,
}

/// What every page has of its own besides its model.
#[derive(Serialize)]
pub struct Common<'a> {
    /// `../` as many times as the page is deep: links are relative.
    pub root: String,
    pub languages: Vec<LanguageLink<'a>>,
    pub canonical: String,
    /// The page in every language it exists in, and `x-default`.
    pub alternates: Vec<Alternate>,
    /// What the page is, in its language, for search engines' results.
    pub description: String,
}

/// A version of the page for `<link rel="alternate" hreflang>`.
#[derive(Serialize)]
pub struct Alternate {
    pub hreflang: String,
    /// Absolute, under `base_url`.
    pub href: String,
}

/// The same page in another language, or the page that stands for it.
#[derive(Serialize)]
pub struct LanguageLink<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub dir: &'static str,
    pub url: String,
    /// Whether `url` is this page's translation.
    pub translation: bool,
}

/// A meeting, as every page of its year and the home page show it.
#[derive(Serialize)]
pub struct MeetingSummary<'a> {
    pub year: u16,
    pub label: String,
    pub number: u32,
    pub title: Local<'a>,
    pub theme: Local<'a>,
    pub location: Local<'a>,
    pub dates: String,
    pub url: String,
    pub sessions_url: String,
    pub messages_url: String,
    pub outputs_url: String,
    pub takeaways_url: String,
    pub sessions: usize,
    pub messages: usize,
    pub outputs: usize,
    pub tracks: Vec<MeetingTrack<'a>>,
}

#[derive(Serialize)]
pub struct MeetingTrack<'a> {
    pub id: &'a str,
    pub title: Local<'a>,
    pub description: Local<'a>,
    pub url: String,
    pub all_years_url: String,
}

/// What an entry's partial is given besides `item`.
#[derive(Serialize)]
pub struct EntryShared<'a> {
    pub root: &'a str,
    pub heading: &'static str,
    pub show_takeaways: bool,
    pub t: &'a Value,
    pub lang: &'a str,
    pub dir: &'static str,
}

/// The language chooser (`chooser.html`) and the page for a missing one
/// (`404.html`).
#[derive(Serialize)]
pub struct ChooserPage<'a> {
    pub choices: Vec<Choice<'a>>,
}

#[derive(Serialize)]
pub struct Choice<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub dir: &'static str,
    pub url: String,
    pub title: &'a str,
    pub choose: String,
}

/// `home.html`.
#[derive(Serialize)]
pub struct HomePage<'a> {
    pub page_title: &'a str,
    pub latest: Option<Arc<MeetingSummary<'a>>>,
    pub latest_messages: Vec<Item<'a>>,
    pub meetings: Vec<Arc<MeetingSummary<'a>>>,
    pub tracks: Vec<TrackSummary<'a>>,
}

/// A track across years.
#[derive(Serialize)]
pub struct TrackSummary<'a> {
    pub id: &'a str,
    pub title: Local<'a>,
    pub description: Local<'a>,
    pub url: String,
    /// The labels of the meetings that had it.
    pub years: Vec<String>,
}

/// `search.html`.
#[derive(Serialize)]
pub struct SearchPage<'a> {
    pub page_title: String,
    pub tracks: Vec<TrackSummary<'a>>,
    pub years: Vec<u16>,
    pub types: Vec<Facet<'a>>,
    pub kinds: Vec<Facet<'a>>,
}

/// A value to filter search results by, and its label.
#[derive(Serialize)]
pub struct Facet<'a> {
    pub id: &'static str,
    pub label: &'a str,
}

/// `data.html`.
#[derive(Serialize)]
pub struct DataPage {
    pub page_title: String,
    pub years: Vec<DataYear>,
    /// The translation status page.
    pub translations_url: String,
    /// The archive's figures page.
    pub figures_url: String,
}

#[derive(Serialize)]
pub struct DataYear {
    pub year: u16,
    pub label: String,
    pub json: String,
    pub csv: String,
    /// Every document's reference, as CSL-JSON.
    pub csl: String,
}

/// `tracks.html`.
#[derive(Serialize)]
pub struct TracksPage<'a> {
    pub page_title: String,
    pub tracks: Vec<TrackSummary<'a>>,
}

/// `track.html`: one year's page of a track (`year` set), or every
/// year's.
#[derive(Serialize)]
pub struct TrackPage<'a> {
    pub page_title: String,
    pub track: TrackHead<'a>,
    pub year: Option<u16>,
    pub years: Vec<TrackYear<'a>>,
    pub all_years_url: Option<String>,
    pub feed: String,
    /// `null` on the page of every year, which belongs to no meeting;
    /// one year's page has its meeting from the pages of that meeting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting: Option<()>,
}

#[derive(Serialize)]
pub struct TrackHead<'a> {
    pub id: &'a str,
    pub title: Local<'a>,
    pub description: Option<Local<'a>>,
}

#[derive(Serialize)]
pub struct TrackYear<'a> {
    pub year: u16,
    pub label: String,
    pub track_title: Option<Local<'a>>,
    pub url: String,
    pub meeting_url: String,
    /// Entries' HTML, as the partials make them.
    pub messages: Vec<Arc<str>>,
    pub outputs: Vec<Arc<str>>,
    pub sessions: Vec<Arc<str>>,
}

/// `year.html`.
#[derive(Serialize)]
pub struct YearPage<'a> {
    pub page_title: String,
    pub messages: Vec<Item<'a>>,
    pub figures_url: String,
}

/// `sessions.html`: a year's programme, by day and type of session.
#[derive(Serialize)]
pub struct SessionsPage<'a> {
    pub page_title: String,
    pub days: Vec<Day<'a>>,
}

#[derive(Serialize)]
pub struct Day<'a> {
    pub label: String,
    pub id: String,
    pub types: Vec<TypeGroup<'a>>,
}

#[derive(Serialize)]
pub struct TypeGroup<'a> {
    pub label: &'a str,
    pub sessions: Vec<Arc<str>>,
}

/// `list.html`: a year's messages or outputs.
#[derive(Serialize)]
pub struct ListPage {
    pub page_title: String,
    pub intro: String,
    pub items: Vec<Arc<str>>,
}

/// `takeaways.html`: a year's key takeaways by track.
#[derive(Serialize)]
pub struct TakeawaysPage<'a> {
    pub page_title: String,
    pub tracks: Vec<TakeawayTrack<'a>>,
}

#[derive(Serialize)]
pub struct TakeawayTrack<'a> {
    pub id: &'a str,
    pub title: Local<'a>,
    pub url: String,
    /// The track's IGF Messages in full, so that the compilation prints
    /// as one document.
    pub messages: Vec<CompiledMessages<'a>>,
    pub sessions: Vec<Arc<str>>,
}

/// One track's IGF Messages in the compilation: the reader's version, or
/// the original marked with its language.
#[derive(Serialize)]
pub struct CompiledMessages<'a> {
    pub title: &'a str,
    pub url: String,
    pub lang: Option<&'a str>,
    pub dir: &'static str,
    /// The body's HTML, its links resolved.
    pub html: String,
}

/// `document.html`.
#[derive(Serialize)]
pub struct DocumentPage<'a> {
    pub page_title: &'a str,
    pub doc: Doc<'a>,
    pub translations: Vec<Translation<'a>>,
    pub cited_by: Vec<Item<'a>>,
    pub list_url: String,
    pub list_title: String,
    /// For a translation whose original changed since it was recorded.
    pub outdated: Option<OutdatedNotice<'a>>,
    pub cite: Cite<'a>,
}

/// What an outdated translation's page tells its readers.
#[derive(Serialize)]
pub struct OutdatedNotice<'a> {
    /// In the page's language, naming the parts that changed.
    pub text: String,
    /// The original's page, and its language.
    pub original_url: String,
    pub original_lang: &'a str,
    pub original_dir: &'static str,
}

/// `translations.html`: the status of every language's translations,
/// and the details of the page's own language.
#[derive(Serialize)]
pub struct TranslationsPage<'a> {
    pub page_title: String,
    pub json: &'static str,
    pub statuses: Vec<LanguageStatusRow<'a>>,
    /// The page's language's groups; empty for the originals' language.
    pub groups: Vec<TranslationGroup<'a>>,
}

/// One language's totals, linking to its page.
#[derive(Serialize)]
pub struct LanguageStatusRow<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub dir: &'static str,
    pub url: String,
    pub counts: crate::translations::Counts,
}

/// One meeting and kind of document, in one language.
#[derive(Serialize)]
pub struct TranslationGroup<'a> {
    pub label: String,
    pub counts: crate::translations::Counts,
    /// What is left to do: outdated, unmarked and missing translations.
    pub to_do: Vec<TranslationToDo<'a>>,
}

#[derive(Serialize)]
pub struct TranslationToDo<'a> {
    pub state: &'static str,
    pub state_label: &'a str,
    pub code: Option<&'a str>,
    pub title: &'a str,
    /// The original's page, and its language.
    pub url: String,
    pub original_lang: &'a str,
    pub original_dir: &'static str,
    pub file: String,
    /// The parts that changed, in the page's language; "" unless outdated.
    pub changed: String,
}

/// How to cite a document (`partials/cite.html`): the reference of
/// `crate::citations`, with its date in the reader's language and its
/// CSL-JSON and BibTeX as `data:` URLs to download, saved as
/// `file_name` with `.json` or `.bib`.
#[derive(Serialize)]
pub struct Cite<'a> {
    pub publisher: &'static str,
    pub title: &'a str,
    pub event_title: &'a str,
    pub code: Option<&'a str>,
    pub date: String,
    pub url: String,
    pub csl: String,
    pub bibtex: String,
    pub file_name: String,
}

/// A document: what lists show of it, its body, and a session's facts
/// (`null` for messages and outputs).
#[derive(Serialize)]
pub struct Doc<'a> {
    #[serde(flatten)]
    pub item: Item<'a>,
    /// The body's HTML, its links to documents resolved.
    pub html: String,
    /// Empty unless the body has enough sections to need one.
    pub toc: &'a [TocEntry],
    pub organizers: Option<&'a [String]>,
    pub speakers: Option<&'a [String]>,
    pub moderator: Option<&'a str>,
    pub rapporteur: Option<&'a str>,
    pub participants: Option<u32>,
    pub room: Option<&'a str>,
    pub women_share: Option<u32>,
    pub video: Option<&'a str>,
    pub transcript: Option<&'a str>,
}

#[derive(Serialize)]
pub struct Translation<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub url: String,
}
