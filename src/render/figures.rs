//! The models of the figures pages (`figures.html`): one meeting's, and
//! the archive's across meetings. Each figure is a bar chart (`chart`),
//! the same numbers as a table, a title and a caption that says what is
//! counted and what is missing. The counting is `crate::figures`'s; this
//! module only labels it in the reader's language.

use super::Renderer;
use super::chart::{self, Chart, Row};
use crate::config::Direction;
use crate::content::SessionType;
use crate::figures::{self as count, LanguageFigures, Median, Participants, YearFigures};
use crate::pages::Page;
use serde::Serialize;

/// `figures.html`.
#[derive(Serialize)]
pub struct FiguresPage<'a> {
    pub page_title: String,
    pub figures: Vec<Figure<'a>>,
    /// The other figures pages: every meeting's from the archive's, the
    /// archive's from a meeting's.
    pub related: Vec<FiguresLink>,
}

#[derive(Serialize)]
pub struct FiguresLink {
    pub label: String,
    pub url: String,
}

/// One chart with its table.
#[derive(Serialize)]
pub struct Figure<'a> {
    /// Unique on the page: `fig-<id>` is its heading, `table-<id>` its table.
    pub id: &'static str,
    pub title: String,
    pub caption: String,
    /// The table's column headings, the rows' own first.
    pub columns: Vec<String>,
    pub rows: Vec<FigureRow<'a>>,
    /// The names of the charted series, when more than one.
    pub legend: Vec<String>,
    pub chart: Chart<'a>,
}

#[derive(Serialize)]
pub struct FigureRow<'a> {
    pub label: String,
    pub lang: Option<&'a str>,
    pub cells: Vec<String>,
}

/// A figure's rows before layout: label, charted values, other cells.
struct Data<'a> {
    label: String,
    lang: Option<&'a str>,
    charted: Vec<f64>,
    cells: Vec<String>,
}

impl<'a> Data<'a> {
    fn counts(label: String, counts: &[usize]) -> Self {
        Data {
            label,
            lang: None,
            charted: counts.iter().map(|&n| n as f64).collect(),
            cells: counts.iter().map(usize::to_string).collect(),
        }
    }
}

fn median_text(median: Option<Median>) -> String {
    median.map_or_else(|| "–".to_string(), |m| m.to_string())
}

fn median_value(median: Option<Median>) -> f64 {
    median.map_or(0.0, |m| m.twice as f64 / 2.0)
}

impl<'a> Renderer<'a> {
    fn direction(&self, lang: &str) -> Direction {
        (self.archive.config.language(lang)).map_or(Direction::Ltr, |l| l.direction)
    }

    /// A figure: its chart draws the first `charted` cells of each row.
    fn figure(
        &self,
        lang: &str,
        id: &'static str,
        caption: String,
        columns: &[&str],
        legend: &[&str],
        data: Vec<Data<'a>>,
    ) -> Figure<'a> {
        let t = |key: &str| self.theme.text(lang, key, &[]);
        let chart_rows = (data.iter())
            .map(|d| Row {
                label: d.label.clone(),
                lang: d.lang,
                values: (d.charted.iter().zip(&d.cells))
                    .map(|(&v, text)| (v, text.clone()))
                    .collect(),
            })
            .collect();
        Figure {
            id,
            title: t(&format!("fig_{}", id.replace('-', "_"))),
            caption,
            columns: columns.iter().map(|c| t(c)).collect(),
            legend: legend.iter().map(|c| t(c)).collect(),
            chart: chart::layout(chart_rows, self.direction(lang)),
            rows: (data.into_iter())
                .map(|d| FigureRow {
                    label: d.label,
                    lang: d.lang,
                    cells: d.cells,
                })
                .collect(),
        }
    }

    fn caption(&self, lang: &str, key: &str, fills: &[(&str, String)]) -> String {
        let fills: Vec<(&str, &str)> = fills.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.theme.text(lang, key, &fills)
    }

    fn percent(&self, lang: &str, value: &str) -> String {
        self.theme.text(lang, "percent", &[("value", value)])
    }

    fn track_title(&self, year: Option<u16>, id: &str, lang: &str) -> (String, Option<&'a str>) {
        let track = match year {
            Some(year) => self.archive.meeting(year).and_then(|m| m.tracks.get(id)),
            None => self.archive.latest_track(id),
        };
        match track {
            Some(t) => {
                let local = self.local(&t.title, lang);
                (local.text.to_string(), local.lang)
            }
            None => (id.to_string(), None),
        }
    }

    fn participants_caption(&self, lang: &str, p: &Participants, total: usize) -> String {
        match p.stated {
            0 => self.caption(
                lang,
                "cap_participants_none",
                &[("total", total.to_string())],
            ),
            _ => self.caption(
                lang,
                "cap_participants",
                &[
                    ("stated", p.stated.to_string()),
                    ("total", total.to_string()),
                    ("sum", p.sum.to_string()),
                    ("median", median_text(p.median)),
                ],
            ),
        }
    }

    fn languages_figure(&self, lang: &str, languages: &[LanguageFigures]) -> Figure<'a> {
        let total: usize = languages.iter().map(|l| l.originals).sum();
        let data = (languages.iter())
            .filter_map(|f| {
                let language = self.archive.config.language(&f.lang)?;
                let mut row = Data::counts(language.name.clone(), &[f.originals, f.translations]);
                row.lang = (language.code != lang).then_some(language.code.as_str());
                Some(row)
            })
            .collect();
        self.figure(
            lang,
            "languages",
            self.caption(lang, "cap_languages", &[("total", total.to_string())]),
            &["col_language", "col_originals", "col_translations"],
            &["col_originals", "col_translations"],
            data,
        )
    }

    /// One meeting's figures page.
    pub(super) fn year_figures(&self, lang: &str, year: u16) -> FiguresPage<'a> {
        let figures = count::year(self.archive, year)
            .map(|f| self.year_figure_list(lang, &f))
            .unwrap_or_default();
        FiguresPage {
            page_title: self
                .theme
                .text(lang, "figures_of_year", &[("year", &year.to_string())]),
            figures,
            related: vec![FiguresLink {
                label: self.theme.text(lang, "figures_all_years", &[]),
                url: self.page_url(&Page::Figures { lang }),
            }],
        }
    }

    /// Sessions by track and by type, the first figures of both pages;
    /// `year` is None across meetings (track titles of the latest meeting).
    fn by_track_and_type<'t>(
        &self,
        lang: &str,
        year: Option<u16>,
        by_track: impl Iterator<Item = (&'t str, usize)>,
        by_type: &[(SessionType, usize)],
        sessions: usize,
        caption: String,
    ) -> [Figure<'a>; 2] {
        let tracks = by_track
            .map(|(id, n)| {
                let (label, label_lang) = self.track_title(year, id, lang);
                let mut row = Data::counts(label, &[n]);
                row.lang = label_lang;
                row
            })
            .collect();
        let types = (by_type.iter())
            .map(|(t, n)| Data::counts(self.theme.nested(lang, "session_types", t.name()), &[*n]))
            .collect();
        let total = [("total", sessions.to_string())];
        [
            self.figure(
                lang,
                "by-track",
                self.caption(lang, "cap_by_track", &total),
                &["track", "col_reports"],
                &[],
                tracks,
            ),
            self.figure(
                lang,
                "by-type",
                caption,
                &["type", "col_reports"],
                &[],
                types,
            ),
        ]
    }

    fn year_figure_list(&self, lang: &str, f: &YearFigures) -> Vec<Figure<'a>> {
        let year = Some(f.year);
        let total = || ("total", f.sessions.to_string());
        let by_day = (f.by_day.iter())
            .map(|(day, n)| Data::counts(self.weekday_date(*day, lang), &[*n]))
            .collect();
        let content = [
            ("row_with_takeaways", f.with_takeaways),
            ("row_with_calls", f.with_calls),
        ]
        .into_iter()
        .map(|(key, n)| Data::counts(self.theme.text(lang, key, &[]), &[n]))
        .collect();
        let participants = (f.by_track.iter())
            .map(|t| {
                let (label, label_lang) = self.track_title(year, &t.id, lang);
                let p = &t.participants;
                Data {
                    label,
                    lang: label_lang,
                    charted: vec![p.sum as f64],
                    cells: vec![
                        p.sum.to_string(),
                        median_text(p.median),
                        p.stated.to_string(),
                    ],
                }
            })
            .collect();
        let share = &f.women_share;
        let women = (share.bins.iter().enumerate())
            .map(|(bin, &n)| {
                let from = bin as u32 * count::SHARE_BIN;
                let to = match bin + 1 == count::SHARE_BINS {
                    true => 100,
                    false => from + count::SHARE_BIN - 1,
                };
                let label = self.percent(lang, &format!("{from}–{to}"));
                Data::counts(label, &[n])
            })
            .collect();
        let women_caption = match share.stated {
            0 => self.caption(lang, "cap_women_share_none", &[total()]),
            _ => self.caption(
                lang,
                "cap_women_share",
                &[
                    ("stated", share.stated.to_string()),
                    total(),
                    ("median", self.percent(lang, &median_text(share.median))),
                ],
            ),
        };
        let outputs_messages = (f.by_track.iter())
            .map(|t| {
                let (label, label_lang) = self.track_title(year, &t.id, lang);
                let mut row = Data::counts(label, &[t.outputs, t.messages]);
                row.lang = label_lang;
                row
            })
            .collect();
        let sessions = self.caption(lang, "cap_sessions", &[total()]);
        let sessions_by_track = (f.by_track.iter()).map(|t| (t.id.as_str(), t.sessions));
        let [by_track, by_type] = self.by_track_and_type(
            lang,
            year,
            sessions_by_track,
            &f.by_type,
            f.sessions,
            sessions,
        );
        vec![
            by_track,
            by_type,
            self.figure(
                lang,
                "by-day",
                self.caption(lang, "cap_by_day", &[total()]),
                &["date", "col_reports"],
                &[],
                by_day,
            ),
            self.figure(
                lang,
                "content",
                self.caption(
                    lang,
                    "cap_content",
                    &[
                        ("takeaways", f.with_takeaways.to_string()),
                        ("calls", f.with_calls.to_string()),
                        total(),
                    ],
                ),
                &["col_reports", "col_count"],
                &[],
                content,
            ),
            self.figure(
                lang,
                "participants",
                self.participants_caption(lang, &f.participants, f.sessions),
                &[
                    "track",
                    "col_participants_sum",
                    "col_participants_median",
                    "col_reports_stating",
                ],
                &[],
                participants,
            ),
            self.figure(
                lang,
                "women-share",
                women_caption,
                &["col_share_range", "col_reports"],
                &[],
                women,
            ),
            self.languages_figure(lang, &f.languages),
            self.figure(
                lang,
                "outputs-messages",
                self.caption(
                    lang,
                    "cap_outputs_messages",
                    &[
                        ("outputs", f.outputs.to_string()),
                        ("messages", f.messages.to_string()),
                    ],
                ),
                &["track", "outputs", "messages"],
                &["outputs", "messages"],
                outputs_messages,
            ),
        ]
    }

    /// The archive's figures page, across meetings.
    pub(super) fn archive_figures(&self, lang: &str) -> FiguresPage<'a> {
        let f = count::archive(self.archive);
        let sessions: usize = f.years.iter().map(|y| y.sessions).sum();
        let total = || ("total", sessions.to_string());
        let year_label = |y: &YearFigures| self.igf_year(lang, y.year);
        let per_year = |cells: &dyn Fn(&YearFigures) -> Vec<usize>| -> Vec<Data<'a>> {
            (f.years.iter())
                .map(|y| Data::counts(year_label(y), &cells(y)))
                .collect()
        };
        let participants = (f.years.iter())
            .map(|y| {
                let p = &y.participants;
                Data {
                    label: year_label(y),
                    lang: None,
                    charted: vec![p.sum as f64],
                    cells: vec![
                        p.sum.to_string(),
                        median_text(p.median),
                        p.stated.to_string(),
                    ],
                }
            })
            .collect();
        let women = (f.years.iter())
            .map(|y| {
                let share = &y.women_share;
                Data {
                    label: year_label(y),
                    lang: None,
                    charted: vec![median_value(share.median)],
                    cells: vec![
                        self.percent(lang, &median_text(share.median)),
                        share.stated.to_string(),
                    ],
                }
            })
            .collect();
        let (with_takeaways, with_calls) =
            (f.years.iter()).fold((0, 0), |(t, c), y| (t + y.with_takeaways, c + y.with_calls));
        let (outputs, messages) =
            (f.years.iter()).fold((0, 0), |(o, m), y| (o + y.outputs, m + y.messages));
        let related = (f.years.iter().rev())
            .map(|y| FiguresLink {
                label: self
                    .theme
                    .text(lang, "figures_of_year", &[("year", &y.year.to_string())]),
                url: self.page_url(&Page::YearFigures { lang, year: y.year }),
            })
            .collect();
        let sessions_by_track = (f.by_track.iter()).map(|(id, n)| (id.as_str(), *n));
        let sessions_caption = self.caption(lang, "cap_sessions", &[total()]);
        let [by_track, by_type] = self.by_track_and_type(
            lang,
            None,
            sessions_by_track,
            &f.by_type,
            sessions,
            sessions_caption,
        );
        let figures = vec![
            self.figure(
                lang,
                "by-year",
                self.caption(lang, "cap_sessions", &[total()]),
                &["col_meeting", "col_reports"],
                &[],
                per_year(&|y| vec![y.sessions]),
            ),
            by_track,
            by_type,
            self.figure(
                lang,
                "content-years",
                self.caption(
                    lang,
                    "cap_content",
                    &[
                        ("takeaways", with_takeaways.to_string()),
                        ("calls", with_calls.to_string()),
                        total(),
                    ],
                ),
                &["col_meeting", "row_with_takeaways", "row_with_calls"],
                &["row_with_takeaways", "row_with_calls"],
                per_year(&|y| vec![y.with_takeaways, y.with_calls]),
            ),
            self.figure(
                lang,
                "participants-years",
                self.participants_caption(lang, &f.participants, sessions),
                &[
                    "col_meeting",
                    "col_participants_sum",
                    "col_participants_median",
                    "col_reports_stating",
                ],
                &[],
                participants,
            ),
            self.figure(
                lang,
                "women-share-years",
                self.caption(
                    lang,
                    "cap_women_share_years",
                    &[("stated", f.women_share.stated.to_string()), total()],
                ),
                &["col_meeting", "col_median_share", "col_reports_stating"],
                &[],
                women,
            ),
            self.languages_figure(lang, &f.languages),
            self.figure(
                lang,
                "outputs-messages-years",
                self.caption(
                    lang,
                    "cap_outputs_messages_years",
                    &[
                        ("outputs", outputs.to_string()),
                        ("messages", messages.to_string()),
                    ],
                ),
                &["col_meeting", "outputs", "messages"],
                &["outputs", "messages"],
                per_year(&|y| vec![y.outputs, y.messages]),
            ),
        ];
        FiguresPage {
            page_title: self.theme.text(lang, "figures_all_years", &[]),
            figures,
            related,
        }
    }
}
