//! One full-page snapshot per page kind of the basic fixture, so a change to
//! what a reader sees shows up as a reviewable diff of the whole page.
//!
//! After an intended change, run `cargo insta review` (or
//! `cargo insta test --review`) and accept the new pages; in CI (`CI` set)
//! a mismatch fails instead of writing anything. The snapshots live in
//! `tests/snapshots/`.

mod common;

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Every HTML page of the basic fixture, built once for all the tests of
/// this file, by `/`-separated path (the temporary folder is gone).
fn pages() -> &'static BTreeMap<String, String> {
    static PAGES: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let (_dir, out) = common::built_fixture();
        common::read_tree(&out)
            .into_iter()
            .filter(|(path, _)| path.ends_with(".html"))
            .map(|(path, bytes)| {
                let html =
                    String::from_utf8(bytes).unwrap_or_else(|e| panic!("{path} is not UTF-8: {e}"));
                (path, html)
            })
            .collect()
    })
}

/// Snapshots the page at `path` under `name`, after checking it is a whole
/// page in the expected language and direction.
fn snapshot(name: &str, path: &str, lang: &str, dir: &str) {
    let html = pages()
        .get(path)
        .unwrap_or_else(|| panic!("the build wrote no {path}"));
    assert!(
        html.starts_with("<!DOCTYPE html>\n") && html.trim_end().ends_with("</html>"),
        "{path} is not a whole page"
    );
    let root = format!("<html lang=\"{lang}\" dir=\"{dir}\">");
    assert!(html.contains(&root), "{path} is not {root}");
    // The page's path heads the snapshot, to tell pages apart in review.
    insta::with_settings!({ description => path, omit_expression => true }, {
        insta::assert_snapshot!(name, html);
    });
}

#[test]
fn language_chooser() {
    snapshot("language-chooser", "index.html", "en", "ltr");
}

#[test]
fn not_found() {
    snapshot("not-found", "404.html", "en", "ltr");
}

#[test]
fn home() {
    snapshot("home-en", "en/index.html", "en", "ltr");
    snapshot("home-fr", "fr/index.html", "fr", "ltr");
}

#[test]
fn search() {
    snapshot("search-en", "en/search/index.html", "en", "ltr");
}

#[test]
fn open_data() {
    snapshot("data-en", "en/data/index.html", "en", "ltr");
}

#[test]
fn all_tracks() {
    snapshot("tracks-en", "en/tracks/index.html", "en", "ltr");
}

#[test]
fn track_across_years() {
    snapshot("track-trust-en", "en/tracks/trust/index.html", "en", "ltr");
}

/// The French year's track: lists the English-only session as a fallback,
/// marked with its language.
#[test]
fn year_track_with_fallbacks() {
    snapshot(
        "year-2020-track-trust-fr",
        "fr/2020/tracks/trust/index.html",
        "fr",
        "ltr",
    );
}

#[test]
fn year_overview() {
    snapshot("year-2020-en", "en/2020/index.html", "en", "ltr");
}

#[test]
fn sessions_list() {
    snapshot(
        "year-2020-sessions-en",
        "en/2020/sessions/index.html",
        "en",
        "ltr",
    );
}

#[test]
fn messages_list() {
    snapshot(
        "year-2020-messages-en",
        "en/2020/messages/index.html",
        "en",
        "ltr",
    );
}

#[test]
fn outputs_list() {
    snapshot(
        "year-2020-outputs-en",
        "en/2020/outputs/index.html",
        "en",
        "ltr",
    );
}

#[test]
fn takeaways_compilation() {
    snapshot(
        "year-2020-takeaways-en",
        "en/2020/takeaways/index.html",
        "en",
        "ltr",
    );
}

#[test]
fn session_document_and_its_translation() {
    snapshot(
        "session-ws-1-en",
        "en/2020/sessions/ws-1/index.html",
        "en",
        "ltr",
    );
    snapshot(
        "session-ws-1-fr",
        "fr/2020/sessions/ws-1/index.html",
        "fr",
        "ltr",
    );
}

#[test]
fn output_document() {
    snapshot(
        "output-bpf-data-en",
        "en/2020/outputs/bpf-data/index.html",
        "en",
        "ltr",
    );
}

#[test]
fn right_to_left_messages_document() {
    snapshot(
        "messages-trust-ar",
        "ar/2020/messages/trust/index.html",
        "ar",
        "rtl",
    );
}
