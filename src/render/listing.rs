//! The models of the pages that list documents — a track's across years
//! or in one year, a year's programme, messages, outputs and compiled
//! takeaways — and the entries they list, made once and reused.

use super::Renderer;
use super::entries::{self, Entry, Item};
use super::models::{
    CompiledMessages, Day, EntryShared, ListPage, Local, SessionsPage, TakeawayTrack,
    TakeawaysPage, TrackHead, TrackPage, TrackYear, TypeGroup,
};
use crate::config::Direction;
use crate::content::{Kind, Meeting, SessionType};
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::pages::Page;
use serde::Serialize;
use std::sync::Arc;

/// Across years, a year with more sessions on a track than this lists
/// them by title (its own track page has their takeaways), so that the
/// page stays readable.
const FULL_SESSIONS_ACROSS_YEARS: usize = 30;

impl<'a> Renderer<'a> {
    /// A track index: one year's, or every year's when `only_year` is
    /// `None`.
    pub(super) fn track(
        &self,
        lang: &str,
        id: &'a str,
        only_year: Option<u16>,
        root: &str,
    ) -> Result<TrackPage<'a>, Diagnostic> {
        let track = match only_year {
            Some(year) => self.archive.meeting(year).and_then(|m| m.tracks.get(id)),
            None => self.archive.latest_track(id),
        };
        let title = track.map_or(
            Local {
                text: id,
                lang: None,
            },
            |t| self.local(&t.title, lang),
        );
        let years = (self.archive.meetings.iter().rev())
            .filter(|m| m.tracks.contains_key(id) && only_year.is_none_or(|y| y == m.year))
            .map(|meeting| self.track_year(meeting, lang, id, only_year.is_none(), root))
            .collect::<Result<_, Diagnostic>>()?;
        let page_title = match only_year {
            Some(year) => format!("{} · {}", title.text, self.igf_year(lang, year)),
            None => title.text.to_string(),
        };
        Ok(TrackPage {
            page_title,
            track: TrackHead {
                id,
                title,
                description: track.map(|t| self.local(&t.description, lang)),
            },
            year: only_year,
            years,
            all_years_url: only_year.map(|_| self.page_url(&Page::Track { lang, track: id })),
            feed: crate::pages::feed_path(lang, Some(id)),
            meeting: only_year.is_none().then_some(()),
        })
    }

    /// One meeting's documents on a track.
    fn track_year(
        &self,
        meeting: &'a Meeting,
        lang: &str,
        id: &'a str,
        across_years: bool,
        root: &str,
    ) -> Result<TrackYear<'a>, Diagnostic> {
        let year = meeting.year;
        let on_track = |kind| {
            let indices = (self.archive.documents_of(year, kind))
                .filter(|(_, d)| d.original().meta.tracks().iter().any(|t| t == id))
                .map(|(i, _)| i);
            let mut items: Vec<usize> = indices.collect();
            if kind == Kind::Session {
                items.sort_by_key(|&i| (self.archive.documents[i].date(), i));
            }
            let style = match kind {
                Kind::Session if across_years && items.len() > FULL_SESSIONS_ACROSS_YEARS => {
                    Entry::Brief
                }
                _ => Entry::Full,
            };
            self.entries(items.into_iter(), lang, style, root)
        };
        Ok(TrackYear {
            year,
            label: self.igf_year(lang, year),
            track_title: meeting.tracks.get(id).map(|t| self.local(&t.title, lang)),
            url: self.page_url(&Page::YearTrack {
                lang,
                year,
                track: id,
            }),
            meeting_url: self.page_url(&Page::Year { lang, year }),
            messages: on_track(Kind::Messages)?,
            outputs: on_track(Kind::Output)?,
            sessions: on_track(Kind::Session)?,
        })
    }

    /// Session reports grouped by day, then by type of session.
    pub(super) fn sessions(
        &self,
        lang: &str,
        year: u16,
        root: &str,
    ) -> Result<SessionsPage<'_>, Diagnostic> {
        let mut sessions: Vec<(Date, SessionType, usize)> = (self.archive)
            .documents_of(year, Kind::Session)
            .filter_map(|(i, d)| {
                let s = d.original().meta.session()?;
                Some((s.date, s.session_type, i))
            })
            .collect();
        sessions.sort();
        let mut days = Vec::new();
        for day in sessions.chunk_by(|a, b| a.0 == b.0) {
            let types = day
                .chunk_by(|a, b| a.1 == b.1)
                .map(|group| {
                    let sessions = group.iter().map(|s| s.2);
                    Ok(TypeGroup {
                        label: (self.theme).nested_str(lang, "session_types", group[0].1.name()),
                        sessions: self.entries(sessions, lang, Entry::Brief, root)?,
                    })
                })
                .collect::<Result<_, Diagnostic>>()?;
            days.push(Day {
                label: self.weekday_date(day[0].0, lang),
                id: day[0].0.to_string(),
                types,
            });
        }
        Ok(SessionsPage {
            page_title: self.year_text(lang, "sessions_of_year", year),
            days,
        })
    }

    /// A year's messages or outputs.
    pub(super) fn list(
        &self,
        lang: &str,
        year: u16,
        kind: Kind,
        root: &str,
    ) -> Result<ListPage, Diagnostic> {
        let (title_key, intro_key) = match kind {
            Kind::Messages => ("messages_of_year", "messages_intro"),
            _ => ("outputs_of_year", "outputs_intro"),
        };
        let items = self.archive.documents_of(year, kind).map(|(i, _)| i);
        Ok(ListPage {
            page_title: self.year_text(lang, title_key, year),
            intro: self.theme.text(lang, intro_key, &[]),
            items: self.entries(items, lang, Entry::Listed, root)?,
        })
    }

    /// All key takeaways of a year, grouped by track: the compilation the
    /// IGF Secretariat used to assemble by hand.
    pub(super) fn takeaways(
        &self,
        lang: &str,
        year: u16,
        root: &str,
    ) -> Result<TakeawaysPage<'_>, Diagnostic> {
        let tracks = match self.archive.meeting(year) {
            Some(meeting) => (meeting.tracks.keys())
                .map(|id| {
                    let mut indices: Vec<usize> = (self.archive)
                        .documents_of(year, Kind::Session)
                        .filter(|(_, d)| d.original().meta.tracks().contains(id))
                        .map(|(i, _)| i)
                        .collect();
                    indices.sort_by_key(|&i| (self.archive.documents[i].date(), i));
                    let link = self.track_link(year, id, lang).into_owned();
                    Ok(TakeawayTrack {
                        id,
                        title: link.title,
                        url: link.url,
                        messages: self.compiled_messages(year, id, lang, root)?,
                        sessions: self.entries(indices.into_iter(), lang, Entry::Compiled, root)?,
                    })
                })
                .collect::<Result<_, Diagnostic>>()?,
            None => Vec::new(),
        };
        Ok(TakeawaysPage {
            page_title: self.year_text(lang, "takeaways_of_year", year),
            tracks,
        })
    }

    /// The IGF Messages of a meeting's track, as the compilation shows them.
    fn compiled_messages(
        &self,
        year: u16,
        track: &str,
        lang: &str,
        root: &str,
    ) -> Result<Vec<CompiledMessages<'a>>, Diagnostic> {
        let archive = self.archive;
        (archive.documents_of(year, Kind::Messages))
            .filter(|(_, d)| d.original().meta.tracks().iter().any(|t| t == track))
            .map(|(index, document)| {
                let version = document.version_for(lang);
                let other = (version.lang != lang)
                    .then(|| archive.config.language(&version.lang))
                    .flatten();
                Ok(CompiledMessages {
                    title: version.meta.title(),
                    url: self.page_url(&Page::Document {
                        lang: &version.lang,
                        index,
                    }),
                    lang: other.map(|l| l.code.as_str()),
                    dir: other.map_or(Direction::Ltr, |l| l.direction).attribute(),
                    html: self.resolve_links(version, root)?,
                })
            })
            .collect()
    }

    fn year_text(&self, lang: &str, key: &str, year: u16) -> String {
        self.theme.text(lang, key, &[("year", &year.to_string())])
    }

    /// Documents as a list on a page at `root` shows them: their HTML,
    /// made once and reused by every list of the language.
    fn entries(
        &self,
        indices: impl Iterator<Item = usize>,
        lang: &str,
        style: Entry,
        root: &str,
    ) -> Result<Vec<Arc<str>>, Diagnostic> {
        let language = self.archive.config.language_rank(lang);
        indices
            .map(|index| {
                let key = entries::Key {
                    index,
                    language,
                    style,
                    depth: root.len(),
                };
                match self.entries.get(key) {
                    Some(html) => Ok(html),
                    None => Ok(self.entries.keep(key, self.entry(key, lang, root)?)),
                }
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
        self.entry_by_template(&item, key, lang, root)
    }

    /// An entry as the theme's templates render it.
    pub(super) fn entry_by_template(
        &self,
        item: &Item,
        key: entries::Key,
        lang: &str,
        root: &str,
    ) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Own<'i, 'r> {
            item: &'i Item<'r>,
        }
        let template = key.style.template();
        let mut context = match self.entries.take_context(key) {
            Some(context) => context,
            None => self.entry_context(lang, key.style, root)?,
        };
        let item = tera::Context::from_serialize(Own { item })
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
        tera::Context::from_serialize(EntryShared {
            root,
            heading: style.heading(),
            show_takeaways: style.shows_takeaways(),
            t: self.theme.strings(lang),
            lang,
            dir: language.map_or(Direction::Ltr, |l| l.direction).attribute(),
        })
        .map_err(|e| self.template_error(style.template(), &e))
    }
}
