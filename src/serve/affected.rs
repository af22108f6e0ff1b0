//! Which pages an edit to documents changes: the documents' own pages,
//! shown first, then the navigation pages that list them and the pages of
//! the documents they cite — as the archive is now and as it was before
//! the edit.

use crate::content::{Archive, Kind};
use crate::pages::{Page, page_path};
use std::collections::BTreeSet;

/// A document by year, kind and slug: what stays the same across an edit
/// while its index in `Archive::documents` may not.
pub(super) type DocumentKey = (u16, Kind, String);

/// The indices in `archive` of the documents `keys` that it has.
pub(super) fn indices_of(archive: &Archive, keys: &[DocumentKey]) -> Vec<usize> {
    keys.iter()
        .filter_map(|(y, k, s)| {
            archive
                .by_link_path
                .get(&format!("{y}/{}/{s}.md", k.folder()))
                .copied()
        })
        .collect()
}

/// Every language version's page of documents `indices`.
pub(super) fn own_pages<'a>(archive: &'a Archive, indices: &[usize]) -> Vec<Page<'a>> {
    indices
        .iter()
        .flat_map(|&i| {
            archive.documents[i]
                .versions
                .iter()
                .map(move |v| Page::Document {
                    lang: &v.lang,
                    index: i,
                })
        })
        .collect()
}

/// The pages that show the edited documents `keys` (at `indices` in
/// `archive`), but not their `own` pages, each once: as the archive is now,
/// as it was before (`previous`), and the pages an earlier rebuild
/// `deferred`.
pub(super) fn pages_showing<'a>(
    archive: &'a Archive,
    previous: Option<&Archive>,
    (keys, indices): (&[DocumentKey], &[usize]),
    own: &[Page],
    deferred: &BTreeSet<String>,
) -> Vec<Page<'a>> {
    let mut pages = affected_pages(archive, indices);
    if let Some(old) = previous {
        let old_pages: BTreeSet<String> = affected_pages(old, &indices_of(old, keys))
            .iter()
            .map(|p| page_path(old, p))
            .collect();
        pages.extend(
            crate::pages::pages(archive)
                .into_iter()
                .filter(|p| old_pages.contains(&page_path(archive, p))),
        );
    }
    if !deferred.is_empty() {
        pages.extend(
            crate::pages::pages(archive)
                .into_iter()
                .filter(|p| deferred.contains(&page_path(archive, p))),
        );
    }
    pages.retain(|p| !own.contains(p));
    let mut seen = BTreeSet::new();
    pages.retain(|p| seen.insert(page_path(archive, p)));
    pages
}

/// The navigation pages that show documents `indices`, in every language,
/// and the pages of the documents they link to (which list them as citing).
fn affected_pages<'a>(archive: &'a Archive, indices: &[usize]) -> Vec<Page<'a>> {
    let mut pages = Vec::new();
    for &index in indices {
        let document = &archive.documents[index];
        let year = document.year;
        let tracks: BTreeSet<&str> = document
            .versions
            .iter()
            .flat_map(|v| v.meta.tracks().iter().map(String::as_str))
            .collect();
        let targets: BTreeSet<usize> = document
            .versions
            .iter()
            .flat_map(|v| v.body.links.iter())
            .filter_map(|l| archive.resolve(&l.target).map(|(t, _)| t))
            .collect();
        for language in &archive.config.languages {
            let lang = language.code.as_str();
            pages.extend([
                Page::Home { lang },
                Page::Year { lang, year },
                Page::List {
                    lang,
                    year,
                    kind: document.kind,
                },
                Page::Takeaways { lang, year },
                Page::Translations { lang },
                Page::YearFigures { lang, year },
                Page::Figures { lang },
            ]);
            for &track in &tracks {
                if let Some(track) = archive
                    .meeting(year)
                    .and_then(|m| m.tracks.get_key_value(track))
                    .map(|(k, _)| k.as_str())
                {
                    pages.push(Page::YearTrack { lang, year, track });
                    pages.push(Page::Track { lang, track });
                }
            }
        }
        for &target in &targets {
            pages.extend(
                archive.documents[target]
                    .versions
                    .iter()
                    .map(|v| Page::Document {
                        lang: &v.lang,
                        index: target,
                    }),
            );
        }
    }
    pages
}
