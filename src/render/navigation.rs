//! The models of the pages that lead to the documents: the language
//! chooser, each language's home, search, open data and track pages, and
//! each meeting's overview.

use super::Renderer;
use super::models::{
    Choice, ChooserPage, DataPage, DataYear, Facet, HomePage, SearchPage, TrackSummary, TracksPage,
    YearPage,
};
use crate::content::{Kind, SessionType};
use crate::pages::{Page, csv_path, json_path};

impl<'a> Renderer<'a> {
    pub(super) fn chooser(&self) -> ChooserPage<'a> {
        let config = &self.archive.config;
        let choices = (config.languages.iter())
            .map(|l| Choice {
                code: &l.code,
                name: &l.name,
                dir: l.direction.attribute(),
                url: self.page_url(&Page::Home { lang: &l.code }),
                title: config.title.get(&l.code, &config.default_language),
                choose: self.theme.text(&l.code, "choose_language", &[]),
            })
            .collect();
        ChooserPage { choices }
    }

    pub(super) fn home(&self, lang: &str) -> HomePage<'_> {
        let archive = self.archive;
        let latest = archive.meetings.last();
        let latest_messages = latest
            .map(|m| {
                let messages = archive.documents_of(m.year, Kind::Messages);
                self.items(messages.map(|(i, _)| i), lang)
            })
            .unwrap_or_default();
        HomePage {
            page_title: archive.config.title.get(lang, self.default_lang()),
            latest: latest.map(|m| self.summary(m, lang)),
            latest_messages,
            meetings: (archive.meetings.iter().rev())
                .map(|m| self.summary(m, lang))
                .collect(),
            tracks: self.track_summaries(lang),
        }
    }

    fn track_summaries(&self, lang: &str) -> Vec<TrackSummary<'a>> {
        let archive = self.archive;
        (archive.track_ids().into_iter())
            .filter_map(|id| {
                let track = archive.latest_track(id)?;
                let years = (archive.meetings.iter())
                    .filter(|m| m.tracks.contains_key(id))
                    .map(|m| self.igf_year(lang, m.year))
                    .collect();
                Some(TrackSummary {
                    id,
                    title: self.local(&track.title, lang),
                    description: self.local(&track.description, lang),
                    url: self.page_url(&Page::Track { lang, track: id }),
                    years,
                })
            })
            .collect()
    }

    pub(super) fn search(&self, lang: &str) -> SearchPage<'_> {
        let types = (SessionType::ALL.iter())
            .map(|t| Facet {
                id: t.name(),
                label: self.theme.nested_str(lang, "session_types", t.name()),
            })
            .collect();
        let kinds = (Kind::ALL.iter())
            .map(|k| Facet {
                id: k.name(),
                label: self.theme.nested_str(lang, "kinds", k.name()),
            })
            .collect();
        SearchPage {
            page_title: self.theme.text(lang, "search", &[]),
            tracks: self.track_summaries(lang),
            years: self.archive.meetings.iter().rev().map(|m| m.year).collect(),
            types,
            kinds,
        }
    }

    pub(super) fn data(&self, lang: &str) -> DataPage {
        let years = (self.archive.meetings.iter().rev())
            .map(|m| DataYear {
                year: m.year,
                label: self.igf_year(lang, m.year),
                json: json_path(m.year),
                csv: csv_path(m.year),
                csl: crate::citations::csl_year_path(m.year),
            })
            .collect();
        DataPage {
            page_title: self.theme.text(lang, "footer_data", &[]),
            years,
            translations_url: self.page_url(&Page::Translations { lang }),
            figures_url: self.page_url(&Page::Figures { lang }),
        }
    }

    pub(super) fn tracks(&self, lang: &str) -> TracksPage<'a> {
        TracksPage {
            page_title: self.theme.text(lang, "tracks", &[]),
            tracks: self.track_summaries(lang),
        }
    }

    pub(super) fn year(&self, lang: &str, year: u16) -> YearPage<'_> {
        let messages = self.archive.documents_of(year, Kind::Messages);
        YearPage {
            page_title: self.igf_year(lang, year),
            messages: self.items(messages.map(|(i, _)| i), lang),
            figures_url: self.page_url(&Page::YearFigures { lang, year }),
        }
    }
}
