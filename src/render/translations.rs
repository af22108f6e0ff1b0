//! What pages tell readers and coordinators about translations: the notice
//! on an outdated translation's page, the mark lists give it, and the
//! status page of each language (`translations.html`).

use super::Renderer;
use super::models::{
    LanguageStatusRow, OutdatedNotice, TranslationGroup, TranslationToDo, TranslationsPage,
};
use crate::content::translation::{Part, Status};
use crate::pages::Page;
use crate::translations::{JSON_PATH, State};

impl<'a> Renderer<'a> {
    /// The parts of a document, as a list in the reader's language.
    fn part_list(&self, lang: &str, parts: &[Part]) -> String {
        let separator = self.theme.text(lang, "part_separator", &[]);
        let names: Vec<&str> = (parts.iter())
            .map(|p| self.theme.nested_str(lang, "translation_parts", p.name()))
            .collect();
        names.join(&separator)
    }

    /// The notice on the page of document `index` in `lang`, when that is
    /// a translation whose original changed since it was recorded.
    pub(super) fn outdated_notice(&self, lang: &str, index: usize) -> Option<OutdatedNotice<'a>> {
        let document = &self.archive.documents[index];
        let Some(Status::Outdated(parts)) = document.translation_status(lang) else {
            return None;
        };
        let original = document.original();
        let language = self.archive.config.language(&original.lang)?;
        Some(OutdatedNotice {
            text: self.theme.text(
                lang,
                "translation_outdated",
                &[
                    ("language", &language.name),
                    ("parts", &self.part_list(lang, &parts)),
                ],
            ),
            original_url: self.page_url(&Page::Document {
                lang: &original.lang,
                index,
            }),
            original_lang: &language.code,
            original_dir: language.direction.attribute(),
        })
    }

    /// The mark of an outdated translation in lists: `Some` when the
    /// version a reader of `lang` sees is their own, outdated.
    pub(super) fn outdated_mark(&self, lang: &str, index: usize) -> Option<&'a str> {
        let document = &self.archive.documents[index];
        match document.translation_status(lang) {
            Some(Status::Outdated(_)) => Some(
                self.theme
                    .strings(lang)
                    .get("outdated_badge")
                    .and_then(|v| v.as_str())
                    .unwrap_or("outdated"),
            ),
            _ => None,
        }
    }

    /// The status page in `lang`: every language's totals, then what is
    /// left to do in `lang`, by meeting and kind of document.
    pub(super) fn translations(&self, lang: &str) -> TranslationsPage<'a> {
        let report = crate::translations::report(self.archive);
        let languages = (report.languages.iter())
            .filter_map(|status| {
                let language = self.archive.config.language(status.lang)?;
                Some(LanguageStatusRow {
                    code: &language.code,
                    name: &language.name,
                    dir: language.direction.attribute(),
                    url: self.page_url(&Page::Translations {
                        lang: &language.code,
                    }),
                    counts: status.totals,
                })
            })
            .collect();
        let mine = report.languages.into_iter().find(|l| l.lang == lang);
        let groups = mine.map_or_else(Vec::new, |status| {
            (status.groups.into_iter())
                .map(|group| TranslationGroup {
                    label: format!(
                        "{} · {}",
                        self.igf_year(lang, group.year),
                        self.theme.text(lang, group.kind.folder(), &[])
                    ),
                    counts: group.counts,
                    to_do: (group.documents.into_iter())
                        .filter(|e| e.state != State::Current)
                        .map(|entry| self.to_do(lang, entry))
                        .collect(),
                })
                .collect()
        });
        TranslationsPage {
            page_title: self.theme.text(lang, "translations_title", &[]),
            json: JSON_PATH,
            statuses: languages,
            groups,
        }
    }

    fn to_do(&self, lang: &str, entry: crate::translations::Entry<'a>) -> TranslationToDo<'a> {
        let document = &self.archive.documents[entry.index];
        let original = &document.original().lang;
        let direction = self.archive.config.language(original).map(|l| l.direction);
        TranslationToDo {
            original_lang: original,
            original_dir: direction.unwrap_or_default().attribute(),
            state: entry.state.name(),
            state_label: self
                .theme
                .nested_str(lang, "translation_states", entry.state.name()),
            code: entry.code,
            title: entry.title,
            url: self.page_url(&Page::Document {
                lang: &document.original().lang,
                index: entry.index,
            }),
            file: entry.translation,
            changed: self.part_list(lang, &entry.changed),
        }
    }
}
