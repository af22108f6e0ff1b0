//! The pages and files of the site: which there are, where each one
//! lives, and how one links to another. Every link is relative to the
//! page, so the output works from disk. Feeds, open data, the search index
//! and the renderer all name their files here.

use crate::content::{Archive, Kind};
use crate::sync::lock;
use std::sync::Mutex;

/// One file of the output, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where made files go: written to disk as they come by `build`, kept in
/// memory by `serve`. Called from many threads at once.
pub type Emit<'e> = &'e (dyn Fn(OutputFile) + Sync);

/// Runs `make` with an `Emit` that gathers what it makes into a list.
pub fn collect<R>(make: impl FnOnce(Emit) -> R) -> (R, Vec<OutputFile>) {
    let files = Mutex::new(Vec::new());
    let result = make(&|file| lock(&files).push(file));
    let files = files
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    (result, files)
}

/// Where a feed lives, relative to the output root.
pub fn feed_path(lang: &str, track: Option<&str>) -> String {
    match track {
        Some(track) => format!("{lang}/tracks/{track}/feed.xml"),
        None => format!("{lang}/feed.xml"),
    }
}

/// Where a year's open data lives, as JSON.
pub fn json_path(year: u16) -> String {
    format!("data/{year}.json")
}

/// Where a year's session reports live, as CSV.
pub fn csv_path(year: u16) -> String {
    format!("data/{year}-sessions.csv")
}

/// The pages of the site.
#[derive(Debug, Clone, PartialEq)]
pub enum Page<'a> {
    Chooser,
    NotFound,
    Home {
        lang: &'a str,
    },
    Search {
        lang: &'a str,
    },
    Data {
        lang: &'a str,
    },
    /// The translation status, under the data page.
    Translations {
        lang: &'a str,
    },
    Tracks {
        lang: &'a str,
    },
    Track {
        lang: &'a str,
        track: &'a str,
    },
    Year {
        lang: &'a str,
        year: u16,
    },
    List {
        lang: &'a str,
        year: u16,
        kind: Kind,
    },
    Takeaways {
        lang: &'a str,
        year: u16,
    },
    /// The archive in figures, across meetings.
    Figures {
        lang: &'a str,
    },
    /// One meeting in figures.
    YearFigures {
        lang: &'a str,
        year: u16,
    },
    YearTrack {
        lang: &'a str,
        year: u16,
        track: &'a str,
    },
    Document {
        lang: &'a str,
        index: usize,
    },
}

/// Where pages live. Paths are folders ending in `/` (the page is their
/// `index.html`), except for root files such as `404.html`.
pub fn page_path(archive: &Archive, page: &Page) -> String {
    let mut path = String::with_capacity(48);
    push_page_path(&mut path, archive, page);
    path
}

/// `page_path`, appended to `out`: pieces pushed one after another, which
/// costs a fraction of formatting them (every entry of every list links).
fn push_page_path(out: &mut String, archive: &Archive, page: &Page) {
    let mut push = |pieces: &[&str]| pieces.iter().for_each(|piece| out.push_str(piece));
    let mut digits = itoa::Buffer::new();
    let year = page.year(archive).map_or("", |year| digits.format(year));
    match *page {
        Page::Chooser => {}
        Page::NotFound => push(&["404.html"]),
        Page::Home { lang } => push(&[lang, "/"]),
        Page::Search { lang } => push(&[lang, "/search/"]),
        Page::Data { lang } => push(&[lang, "/data/"]),
        Page::Translations { lang } => push(&[lang, "/data/translations/"]),
        Page::Tracks { lang } => push(&[lang, "/tracks/"]),
        Page::Track { lang, track } => push(&[lang, "/tracks/", track, "/"]),
        Page::Year { lang, .. } => push(&[lang, "/", year, "/"]),
        Page::List { lang, kind, .. } => push(&[lang, "/", year, "/", kind.folder(), "/"]),
        Page::Takeaways { lang, .. } => push(&[lang, "/", year, "/takeaways/"]),
        Page::Figures { lang } => push(&[lang, "/figures/"]),
        Page::YearFigures { lang, .. } => push(&[lang, "/", year, "/figures/"]),
        Page::YearTrack { lang, track, .. } => push(&[lang, "/", year, "/tracks/", track, "/"]),
        Page::Document { lang, index } => {
            let d = &archive.documents[index];
            push(&[lang, "/", year, "/", d.kind.folder(), "/", &d.slug, "/"])
        }
    }
}

/// The file a page is written to.
pub fn page_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// A link target relative to the output root (pages put their `root`,
/// `../` as many times as they are deep, in front): the page's file, or
/// its folder with `pretty_urls`.
pub fn link_target(config: &crate::config::SiteConfig, path: &str) -> String {
    let mut link = String::with_capacity(path.len() + 10);
    link.push_str(path);
    end_link(config, &mut link);
    link
}

/// Turns a page's path into a link target (`link_target`).
fn end_link(config: &crate::config::SiteConfig, path: &mut String) {
    let names_a_file = !(path.is_empty() || path.ends_with('/'));
    match (config.pretty_urls || names_a_file, path.is_empty()) {
        (true, true) => path.push_str("./"),
        (true, false) => {}
        (false, _) => path.push_str("index.html"),
    }
}

pub fn page_link(archive: &Archive, page: &Page) -> String {
    let mut link = String::with_capacity(64);
    push_page_path(&mut link, archive, page);
    end_link(&archive.config, &mut link);
    link
}

/// The absolute URL of a page, from `base_url`: for feeds, the sitemap and
/// canonical links, where a relative one will not do.
pub fn absolute_url(archive: &Archive, page: &Page) -> String {
    let target = page_link(archive, page);
    let target = if target == "./" { "" } else { target.as_str() };
    format!("{}/{target}", archive.config.base_url)
}

/// The path of `base_url` on its server, ending with `/` (`/igf/` for
/// `https://archive.example.org/igf`): where the links of `404.html`
/// start, since a server shows that page in place of a missing one at any
/// depth, where relative links would lead nowhere.
pub fn base_path(config: &crate::config::SiteConfig) -> String {
    let after_scheme = config
        .base_url
        .split_once("://")
        .map_or("", |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |at| &after_scheme[at..]);
    format!("{}/", path.trim_end_matches('/'))
}

/// The same page in another language, if it exists there. Navigation pages
/// exist in every language; a document only in those it is written in.
pub fn translation_of<'a>(archive: &Archive, page: &Page<'a>, other: &'a str) -> Option<Page<'a>> {
    Some(match *page {
        Page::Chooser | Page::NotFound => return None,
        Page::Home { .. } => Page::Home { lang: other },
        Page::Search { .. } => Page::Search { lang: other },
        Page::Tracks { .. } => Page::Tracks { lang: other },
        Page::Data { .. } => Page::Data { lang: other },
        Page::Translations { .. } => Page::Translations { lang: other },
        Page::Track { track, .. } => Page::Track { lang: other, track },
        Page::Year { year, .. } => Page::Year { lang: other, year },
        Page::List { year, kind, .. } => Page::List {
            lang: other,
            year,
            kind,
        },
        Page::Takeaways { year, .. } => Page::Takeaways { lang: other, year },
        Page::Figures { .. } => Page::Figures { lang: other },
        Page::YearFigures { year, .. } => Page::YearFigures { lang: other, year },
        Page::YearTrack { year, track, .. } => Page::YearTrack {
            lang: other,
            year,
            track,
        },
        Page::Document { index, .. } => {
            archive.documents[index].version(other)?;
            Page::Document { lang: other, index }
        }
    })
}

impl Page<'_> {
    /// The meeting a page belongs to, if one.
    pub(super) fn year(&self, archive: &Archive) -> Option<u16> {
        match *self {
            Page::Year { year, .. }
            | Page::List { year, .. }
            | Page::Takeaways { year, .. }
            | Page::YearFigures { year, .. }
            | Page::YearTrack { year, .. } => Some(year),
            Page::Document { index, .. } => Some(archive.documents[index].year),
            _ => None,
        }
    }

    /// The language of a page that lists documents; `None` for a document
    /// page and the root pages.
    pub(super) fn list_language(&self) -> Option<&str> {
        match *self {
            Page::Chooser | Page::NotFound | Page::Document { .. } => None,
            Page::Home { lang }
            | Page::Search { lang }
            | Page::Data { lang }
            | Page::Translations { lang }
            | Page::Tracks { lang }
            | Page::Track { lang, .. }
            | Page::Year { lang, .. }
            | Page::List { lang, .. }
            | Page::Takeaways { lang, .. }
            | Page::Figures { lang }
            | Page::YearFigures { lang, .. }
            | Page::YearTrack { lang, .. } => Some(lang),
        }
    }
}

/// Lists every page of the site in a stable order.
pub fn pages(archive: &Archive) -> Vec<Page<'_>> {
    let mut pages = vec![Page::Chooser, Page::NotFound];
    let track_ids = archive.track_ids();
    for language in &archive.config.languages {
        let lang = language.code.as_str();
        pages.push(Page::Home { lang });
        pages.push(Page::Search { lang });
        pages.push(Page::Data { lang });
        pages.push(Page::Translations { lang });
        pages.push(Page::Tracks { lang });
        pages.push(Page::Figures { lang });
        pages.extend(track_ids.iter().map(|track| Page::Track { lang, track }));
        for meeting in &archive.meetings {
            let year = meeting.year;
            pages.push(Page::Year { lang, year });
            pages.extend(Kind::ALL.map(|kind| Page::List { lang, year, kind }));
            pages.push(Page::Takeaways { lang, year });
            pages.push(Page::YearFigures { lang, year });
            pages.extend(
                meeting
                    .tracks
                    .keys()
                    .map(|track| Page::YearTrack { lang, year, track }),
            );
        }
    }
    for (index, document) in archive.documents.iter().enumerate() {
        pages.extend(document.versions.iter().map(|v| Page::Document {
            lang: &v.lang,
            index,
        }));
    }
    pages
}
