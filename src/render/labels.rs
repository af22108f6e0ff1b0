//! What pages say in the reader's language: dates, texts with their
//! language, links to tracks, meetings' summaries, the language menu, and
//! a document as lists show it. Labels that every entry needs are made once
//! per build (`Labels`); meetings' summaries once per language.

use super::Renderer;
use super::entries::Item;
use super::models::{LanguageLink, Local, MeetingSummary, MeetingTrack, TrackLink};
use crate::config::Localized;
use crate::content::{Kind, Meeting, Meta};
use crate::date::Date;
use crate::pages::{Page, page_link, translation_of};
use crate::sync::lock;
use foldhash::{HashMap, HashMapExt};
use serde_json::Value;
use std::borrow::Cow;
use std::sync::Arc;

/// The session dates and track links of every language (by its place in
/// `site.yaml`), as lists show them.
pub(super) struct Labels<'a> {
    dates: HashMap<(Date, usize), String>,
    track_links: HashMap<(u16, usize), HashMap<&'a str, TrackLink<'a>>>,
}

impl<'a> Renderer<'a> {
    pub(super) fn labels(&self) -> &Labels<'a> {
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

    pub(super) fn page_url(&self, page: &Page) -> String {
        page_link(self.archive, page)
    }

    pub(super) fn local(&self, text: &'a Localized, lang: &str) -> Local<'a> {
        Local {
            text: text.get(lang, self.default_lang()),
            lang: text.fallback_language(lang, self.default_lang()),
        }
    }

    /// A UI string of the year of a meeting: "IGF 2020".
    pub(super) fn igf_year(&self, lang: &str, year: u16) -> String {
        self.theme
            .text(lang, "igf_year", &[("year", &year.to_string())])
    }

    pub(super) fn date(&self, date: Date, lang: &str) -> Cow<'_, str> {
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

    pub(super) fn weekday_date(&self, date: Date, lang: &str) -> String {
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

    /// A meeting's summary, as pages show it: made once per language, when
    /// a page first needs it (`serve` renders only a few pages at a time).
    pub(super) fn summary(&self, meeting: &'a Meeting, lang: &str) -> Arc<MeetingSummary<'a>> {
        let key = (meeting.year, lang.to_string());
        if let Some(summary) = lock(&self.summaries).get(&key) {
            return Arc::clone(summary);
        }
        let summary = Arc::new(self.meeting_summary(meeting, lang));
        lock(&self.summaries).insert(key, Arc::clone(&summary));
        summary
    }

    fn meeting_summary(&self, meeting: &'a Meeting, lang: &str) -> MeetingSummary<'a> {
        let year = meeting.year;
        let count = |kind| self.archive.documents_of(year, kind).count();
        let list = |kind| self.page_url(&Page::List { lang, year, kind });
        MeetingSummary {
            year,
            label: self.igf_year(lang, year),
            number: meeting.number,
            title: self.local(&meeting.title, lang),
            theme: self.local(&meeting.theme, lang),
            location: self.local(&meeting.location, lang),
            dates: self.date_range(meeting, lang),
            url: self.page_url(&Page::Year { lang, year }),
            sessions_url: list(Kind::Session),
            messages_url: list(Kind::Messages),
            outputs_url: list(Kind::Output),
            takeaways_url: self.page_url(&Page::Takeaways { lang, year }),
            sessions: count(Kind::Session),
            messages: count(Kind::Messages),
            outputs: count(Kind::Output),
            tracks: (meeting.tracks.iter())
                .map(|(id, track)| MeetingTrack {
                    id,
                    title: self.local(&track.title, lang),
                    description: self.local(&track.description, lang),
                    url: self.page_url(&Page::YearTrack {
                        lang,
                        year,
                        track: id,
                    }),
                    all_years_url: self.page_url(&Page::Track { lang, track: id }),
                })
                .collect(),
        }
    }

    pub(super) fn track_link(&self, year: u16, id: &'a str, lang: &str) -> Cow<'_, TrackLink<'_>> {
        let of_year =
            (self.labels().track_links).get(&(year, self.archive.config.language_rank(lang)));
        match of_year.and_then(|links| links.get(id)) {
            Some(link) => Cow::Borrowed(link),
            None => Cow::Owned(self.make_track_link(year, id, lang)),
        }
    }

    fn make_track_link(&self, year: u16, id: &'a str, lang: &str) -> TrackLink<'a> {
        let title = (self.archive.meeting(year))
            .and_then(|m| m.tracks.get(id))
            .map_or(
                Local {
                    text: id,
                    lang: None,
                },
                |t| self.local(&t.title, lang),
            );
        TrackLink {
            id,
            title,
            url: self.page_url(&Page::YearTrack {
                lang,
                year,
                track: id,
            }),
        }
    }

    /// A document as lists show it to a reader of `lang`.
    pub(super) fn list_item(&self, index: usize, lang: &str) -> Item<'_> {
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
        Item {
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
            outdated: self.outdated_mark(lang, index),
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

    pub(super) fn items(&self, indices: impl Iterator<Item = usize>, lang: &str) -> Vec<Item<'_>> {
        indices.map(|i| self.list_item(i, lang)).collect()
    }

    /// The same page in every language; where a document is not written in
    /// a language, the list it belongs to.
    pub(super) fn language_menu(&self, page: &Page) -> Vec<LanguageLink<'a>> {
        (self.archive.config.languages.iter())
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
                LanguageLink {
                    code: other,
                    name: &language.name,
                    dir: language.direction.attribute(),
                    url: self.page_url(&target),
                    translation: translation.is_some(),
                }
            })
            .collect()
    }
}
