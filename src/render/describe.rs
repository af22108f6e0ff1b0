//! What a page's head tells search engines and link previews: its
//! description, in the page's language (a document's first takeaway, a
//! list's purpose), and its versions in every language, as absolute URLs
//! under `base_url` with an `x-default` for a reader of any other.

use super::Renderer;
use super::models::Alternate;
use crate::content::Kind;
use crate::pages::{Page, absolute_url, translation_of};

/// A description longer than this is cut: search engines show about as
/// much.
const DESCRIPTION_CHARS: usize = 200;

impl Renderer<'_> {
    pub(super) fn description(&self, page: &Page) -> String {
        let text = |lang: &str, key: &str| self.theme.text(lang, key, &[]);
        let track_description = |lang: &str, year: Option<u16>, id: &str| {
            let track = match year {
                Some(year) => self.archive.meeting(year).and_then(|m| m.tracks.get(id)),
                None => self.archive.latest_track(id),
            };
            match track {
                Some(t) if !t.description.get(lang, self.default_lang()).is_empty() => {
                    self.local(&t.description, lang).text.to_string()
                }
                Some(t) => self.local(&t.title, lang).text.to_string(),
                None => id.to_string(),
            }
        };
        let description = match *page {
            Page::NotFound => text(self.default_lang(), "not_found_text"),
            Page::Chooser => text(self.default_lang(), "footer_about"),
            Page::Home { lang } => text(lang, "footer_about"),
            Page::Search { lang } => text(lang, "search_description"),
            Page::Data { lang } => text(lang, "data_intro"),
            Page::Tracks { lang } => text(lang, "tracks_intro"),
            Page::Track { lang, track } => track_description(lang, None, track),
            Page::YearTrack { lang, year, track } => track_description(lang, Some(year), track),
            Page::Year { lang, year } => match self.archive.meeting(year) {
                Some(meeting) => {
                    let summary = self.summary(meeting, lang);
                    format!(
                        "{}: {}. {}, {}.",
                        summary.title.text,
                        summary.theme.text,
                        summary.location.text,
                        summary.dates
                    )
                }
                None => self.igf_year(lang, year),
            },
            Page::List { lang, kind, .. } => text(
                lang,
                match kind {
                    Kind::Session => "sessions_intro",
                    Kind::Messages => "messages_intro",
                    Kind::Output => "outputs_intro",
                },
            ),
            Page::Takeaways { lang, .. } => text(lang, "takeaways_intro"),
            Page::Translations { lang } => text(lang, "translations_intro"),
            Page::Figures { lang } | Page::YearFigures { lang, .. } => text(lang, "figures_intro"),
            Page::Document { lang, index } => {
                let document = &self.archive.documents[index];
                let version = document.version_for(lang);
                match version.meta.key_takeaways().first() {
                    Some(takeaway) => takeaway.clone(),
                    None if !version.body.text.trim().is_empty() => version.body.text.clone(),
                    None => version.meta.title().to_string(),
                }
            }
        };
        crate::text::excerpt(
            description
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .as_str(),
            DESCRIPTION_CHARS,
        )
    }

    /// The page in each language it exists in, and `x-default`: the
    /// language chooser for the homes (and the chooser itself), the
    /// default language's page for the others, or a document's original
    /// where it has no version in the default language. None for the page
    /// of a missing one, which is no page of the site.
    pub(super) fn alternates(&self, page: &Page) -> Vec<Alternate> {
        let archive = self.archive;
        let languages = &archive.config.languages;
        let versions: Vec<(&str, Page)> = match page {
            Page::NotFound => return Vec::new(),
            Page::Chooser => (languages.iter())
                .map(|l| (l.code.as_str(), Page::Home { lang: &l.code }))
                .collect(),
            _ => (languages.iter())
                .filter_map(|l| Some((l.code.as_str(), translation_of(archive, page, &l.code)?)))
                .collect(),
        };
        let x_default = match page {
            Page::Chooser | Page::Home { .. } => Page::Chooser,
            Page::Document { index, .. } => {
                let document = &archive.documents[*index];
                let lang = match document.version(self.default_lang()) {
                    Some(version) => &version.lang,
                    None => &document.original().lang,
                };
                Page::Document {
                    lang,
                    index: *index,
                }
            }
            _ => translation_of(archive, page, self.default_lang()).unwrap_or(page.clone()),
        };
        (versions.iter())
            .map(|(code, version)| Alternate {
                hreflang: code.to_string(),
                href: absolute_url(archive, version),
            })
            .chain(std::iter::once(Alternate {
                hreflang: "x-default".into(),
                href: absolute_url(archive, &x_default),
            }))
            .collect()
    }
}
