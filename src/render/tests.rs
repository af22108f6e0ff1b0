//! The renderer's own tests: pages independent of their order, bodies
//! kept or made again, and the entries Rust writes equal to the partials.

use super::entries::{self, Entry};
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
            html: budget.as_ref(),
            ..Keep::default()
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
    for folder in ["tests/fixtures/basic", "tests/fixtures/translations", "."] {
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
                    let key = entries::Key {
                        index,
                        language: language_number,
                        style,
                        depth: root.len(),
                    };
                    let rendered = renderer.entry_by_template(&item, key, lang, root).unwrap();
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
