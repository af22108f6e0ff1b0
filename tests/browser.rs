//! The built site in a real browser: `tests/browser/a11y.mjs` opens one page
//! of every kind from disk in Chromium and checks it with axe-core (WCAG 2.1
//! A/AA, light and dark mode), for sideways scrolling on a phone and for
//! requests leaving the site; `tests/browser/search.mjs` searches the
//! fixture from disk in all six languages, and ranks the small archives of
//! the ranking cases of `tests/search-vectors.json` as they say;
//! `tests/browser/translations.mjs` checks the notice of an outdated
//! translation, right to left, and the translation status pages;
//! `tests/browser/print.mjs` prints each year's compilation to PDF in
//! English and Arabic.
//!
//! Needs node, Chromium (`/usr/bin/chromium`, or the `CHROMIUM` variable) and
//! `npm install` in `tests/browser`. Without them the tests are skipped, with
//! a note on stderr; where the `CI` variable is set they fail instead.

mod common;

use common::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What the browser check needs and this machine lacks.
fn missing_requirements() -> Vec<String> {
    let mut missing = Vec::new();
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.is_file() {
        missing.push(format!(
            "Chromium at {} (install it or set CHROMIUM)",
            chromium.display()
        ));
    }
    if Command::new("node").arg("--version").output().is_err() {
        missing.push("node on the PATH".into());
    }
    let modules = manifest_dir().join("tests/browser/node_modules");
    for package in ["playwright-core", "axe-core"] {
        if !modules.join(package).join("package.json").is_file() {
            missing.push(format!(
                "{} (run `npm ci` in tests/browser)",
                modules.join(package).display()
            ));
        }
    }
    missing
}

/// False (after a note) when the check cannot run here; panics instead when
/// `CI` is set, since CI must run it.
fn browser_available() -> bool {
    let missing = missing_requirements();
    if missing.is_empty() {
        return true;
    }
    let why = format!("the browser check needs {}", missing.join("; "));
    if std::env::var_os("CI").is_some() {
        panic!("{why}");
    }
    // Straight to stderr, past the test harness's capture, so that the skip
    // shows in a plain `cargo test`.
    let _ = writeln!(std::io::stderr(), "skipped: {why}");
    false
}

/// Builds `root` into a temporary folder and runs a browser check,
/// `tests/browser/<script>`, on it, with `more` arguments.
fn check_in_browser(root: &Path, script: &str, more: &[&Path]) {
    if !browser_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(root, &out);
    let script = manifest_dir().join("tests/browser").join(script);
    let output = Command::new("node")
        .arg(&script)
        .arg(&out)
        .args(more)
        .current_dir(manifest_dir())
        .output()
        .unwrap_or_else(|e| panic!("could not run node {}: {e}", script.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the browser check of {} failed ({}):\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        root.display(),
        output.status
    );
    // Passing runs print their summary with --nocapture.
    println!("{}", stdout.trim_end());
}

#[test]
fn fixture_pages_are_accessible_in_a_browser() {
    check_in_browser(&fixture("basic"), "a11y.mjs", &[]);
}

#[test]
fn search_works_from_disk_in_six_languages() {
    let ranking = tempfile::tempdir().unwrap();
    build_ranking_cases(ranking.path());
    check_in_browser(&fixture("basic"), "search.mjs", &[ranking.path()]);
}

/// A document of a ranking case of `tests/search-vectors.json`.
#[derive(serde::Deserialize)]
struct CaseDocument {
    slug: String,
    year: u16,
    title: String,
    body: String,
    #[serde(default)]
    takeaways: Vec<String>,
}

#[derive(serde::Deserialize)]
struct RankingCase {
    lang: String,
    docs: Vec<CaseDocument>,
}

/// Writes the archive of each ranking case, in the case's one language,
/// and builds it into `<dir>/<n>/public`, for `search.mjs` to query.
fn build_ranking_cases(dir: &Path) {
    #[derive(serde::Deserialize)]
    struct Vectors {
        ranking: Vec<RankingCase>,
    }
    let vectors: Vectors = serde_json::from_str(include_str!("search-vectors.json")).unwrap();
    for (n, case) in vectors.ranking.iter().enumerate() {
        let root = dir.join(n.to_string());
        let lang = &case.lang;
        let site = format!(
            "title: Ranking case {n}\nbase_url: https://example.org/\n\
             default_language: {lang}\nlanguages:\n  {lang}: {{name: {lang}}}\n"
        );
        write(&root.join("site.yaml"), &site);
        for (i, doc) in case.docs.iter().enumerate() {
            let year = doc.year;
            let meeting = format!(
                "number: 1\ntitle: IGF {year}\ntheme: Cases\nlocation: Online\n\
                 dates: {{start: {year}-11-02, end: {year}-11-17}}\n\
                 tracks:\n  cases:\n    title: Cases\n"
            );
            write(&root.join(format!("content/{year}/meeting.yaml")), &meeting);
            let quoted = |text: &str| serde_json::to_string(text).unwrap();
            let mut front = format!(
                "code: \"WS {}\"\ntitle: {}\ntype: workshop\ntracks: [cases]\ndate: {year}-11-10\n",
                i + 1,
                quoted(&doc.title)
            );
            // Reports need a takeaway: the same one, when a case gives none.
            let none = ["See the report.".to_string()];
            let takeaways = if doc.takeaways.is_empty() {
                &none[..]
            } else {
                &doc.takeaways
            };
            front.push_str("key_takeaways:\n");
            for takeaway in takeaways {
                front.push_str(&format!("  - {}\n", quoted(takeaway)));
            }
            let path = format!("content/{year}/sessions/{}.md", doc.slug);
            write(
                &root.join(path),
                &format!("---\n{front}---\n{}\n", doc.body),
            );
        }
        build(&root, &root.join("public"));
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn outdated_translations_are_marked_accessibly_right_to_left() {
    check_in_browser(&fixture("translations"), "translations.mjs", &[]);
}

#[test]
fn archive_pages_are_accessible_in_a_browser() {
    check_in_browser(&manifest_dir(), "a11y.mjs", &[]);
}

#[test]
fn compilation_prints_as_a_document() {
    check_in_browser(&manifest_dir(), "print.mjs", &[]);
}
