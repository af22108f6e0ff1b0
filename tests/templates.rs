//! The templates are the only source of page markup: an edit to any
//! built-in template, made in an archive's own theme, shows on every page
//! that template makes, and on no other.

mod common;

use common::*;
use std::fs;
use std::path::Path;

/// Which pages of the basic fixture each page template makes, by the
/// shape of their paths; `None` for templates that only some pages use in
/// part (macros and partials).
fn made_by(template: &str, path: &str) -> Option<bool> {
    let parts: Vec<&str> = path.trim_end_matches("index.html").split('/').collect();
    let is_year = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    let shape = match parts.as_slice() {
        [""] => "chooser.html",
        ["404.html"] => "404.html",
        [_, ""] => "home.html",
        [_, "search", ""] => "search.html",
        [_, "data", ""] => "data.html",
        [_, "data", "translations", ""] => "translations.html",
        [_, "tracks", ""] => "tracks.html",
        [_, "figures", ""] => "figures.html",
        [_, y, "figures", ""] if is_year(y) => "figures.html",
        [_, "tracks", _, ""] => "track.html",
        [_, y, "tracks", _, ""] if is_year(y) => "track.html",
        [_, y, ""] if is_year(y) => "year.html",
        [_, y, "sessions", ""] if is_year(y) => "sessions.html",
        [_, y, "messages" | "outputs", ""] if is_year(y) => "list.html",
        [_, y, "takeaways", ""] if is_year(y) => "takeaways.html",
        [_, y, _, _, ""] if is_year(y) => "document.html",
        _ => panic!("a page of no known kind: {path}"),
    };
    match template {
        "base.html" => Some(!matches!(shape, "chooser.html" | "404.html")),
        "macros.html" => None,
        t if t.starts_with("partials/") => None,
        t => Some(t == shape),
    }
}

#[test]
fn editing_any_built_in_template_changes_every_page_that_uses_it() {
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let names: Vec<String> = walkdir::WalkDir::new(&templates)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(&templates).unwrap();
            relative.to_string_lossy().replace('\\', "/")
        })
        .collect();
    assert!(names.len() > 15, "{names:?}");
    for name in &names {
        // Only an outdated translation shows the notice; the basic
        // fixture has none.
        let archive = copy_fixture(match name.as_str() {
            "partials/outdated-notice.html" => "translations",
            _ => "basic",
        });
        let original = fs::read_to_string(templates.join(name)).unwrap();
        let marker = format!("data-edited=\"{name}\"");
        // The page's heading, which every page template writes whatever
        // its values; else the first element with a class.
        let edited = if original.contains("<h1") {
            original.replacen("<h1", &format!("<h1 {marker}"), 1)
        } else {
            assert!(
                original.contains("class=\""),
                "{name} has no element to mark"
            );
            original.replacen("class=\"", &format!("{marker} class=\""), 1)
        };
        let own = archive.path().join("themes/edited/templates").join(name);
        fs::create_dir_all(own.parent().unwrap()).unwrap();
        fs::write(&own, edited).unwrap();
        use_theme(archive.path(), "edited");
        let out = archive.path().join("public");
        build(archive.path(), &out);
        let pages: Vec<(String, Vec<u8>)> = read_tree(&out)
            .into_iter()
            .filter(|(path, _)| path.ends_with(".html"))
            .collect();
        let mut marked = 0;
        for (path, bytes) in &pages {
            let shows = String::from_utf8_lossy(bytes).contains(&marker);
            marked += usize::from(shows);
            if let Some(expected) = made_by(name, path) {
                assert_eq!(shows, expected, "{name} edited: {path}");
            }
        }
        assert!(marked > 0, "no page shows the edit of {name}");
    }
}
