//! `igf-archive new`: a template that `check` walks a rapporteur through,
//! and a fresh archive that builds at once.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_igf-archive"))
        .args(args)
        .output()
        .unwrap()
}

fn check_lines(root: &Path) -> (bool, Vec<(String, usize)>) {
    let output = run(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let found: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let lines = found
        .iter()
        .map(|d| {
            (
                d["message"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    (output.status.success(), lines)
}

/// The current year: `new archive` starts its archive in it.
fn this_year() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    igf_archive::history::rfc3339(now as i64)[..4].to_string()
}

#[test]
fn new_archive_builds_at_once() {
    let year = this_year();
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    assert!(
        run(&["new", "archive", archive.to_str().unwrap()])
            .status
            .success()
    );
    let output = run(&["build", "--root", archive.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        archive
            .join(format!("public/en/{year}/sessions/example-1/index.html"))
            .is_file()
    );
    assert!(
        !run(&["new", "archive", archive.to_str().unwrap()])
            .status
            .success(),
        "an existing archive is not overwritten"
    );
}

#[test]
fn check_names_what_is_left_to_fill_in_until_the_report_is_done() {
    let year = this_year();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    run(&["new", "archive", root.to_str().unwrap()]);
    let created = run(&[
        "new",
        "session",
        "--root",
        root.to_str().unwrap(),
        "--year",
        year.as_str(),
        "--code",
        "WS #42",
        "--title",
        "Data and trust",
        "--track",
        "data",
    ]);
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let report = root.join(format!("content/{year}/sessions/ws-42.md"));
    let template = fs::read_to_string(&report).unwrap();
    assert!(template.contains("code: \"WS #42\"") && template.contains("tracks: [data]"));
    assert!(
        template.contains("## Key policy questions and related issues")
            && template.contains("## Summary of issues discussed")
    );

    let (ok, left) = check_lines(root);
    assert!(!ok);
    let messages: Vec<&str> = left.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`type` is empty",
            "`` is not a date",
            "item 1 of `key_takeaways` is empty",
            "item 1 of `calls_to_action` is empty"
        ]
    );
    for (message, line) in &left {
        let quoted = template.lines().nth(line - 1).unwrap();
        let field = ["type", "date", "  - \"\"", "  - \"\""]
            [messages.iter().position(|m| m == message).unwrap()];
        assert!(
            quoted.starts_with(field),
            "{message} points at line {line}: {quoted}"
        );
    }

    let filled = template
        .replace("type: \"\"", "type: workshop")
        .replace("date: \"\"", &format!("date: {year}-11-12"))
        .replacen("  - \"\"", "  - \"Data governance needs trust.\"", 1)
        .replacen("  - \"\"", "  - \"Build interoperable frameworks.\"", 1);
    fs::write(&report, &filled).unwrap();
    let (ok, left) = check_lines(root);
    assert!(ok, "{left:?}");
    assert_eq!(
        left.iter().map(|(m, _)| m.as_str()).collect::<Vec<_>>(),
        ["the report still holds the template's instructions"]
    );

    let done: String = filled
        .lines()
        .filter(|l| !l.starts_with("<!-- igf-archive:"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(
        &report,
        done.replace(
            "## Summary of issues discussed\n",
            "## Summary of issues discussed\n\nThe session discussed data.\n",
        ),
    )
    .unwrap();
    assert_eq!(check_lines(root), (true, Vec::new()));
}

#[test]
fn new_session_refuses_to_overwrite_and_needs_a_meeting() {
    let year = this_year();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    run(&["new", "archive", root]);
    let args = [
        "new",
        "session",
        "--root",
        root,
        "--year",
        year.as_str(),
        "--code",
        "WS 1",
        "--title",
        "T",
    ];
    assert!(run(&args).status.success());
    let again = run(&args);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let no_meeting = run(&[
        "new", "session", "--root", root, "--year", "2019", "--code", "WS 1", "--title", "T",
    ]);
    assert!(
        String::from_utf8_lossy(&no_meeting.stderr)
            .contains("the year 2019 has no content/2019/meeting.yaml")
    );
    let bad_track = run(&[
        "new",
        "session",
        "--root",
        root,
        "--year",
        year.as_str(),
        "--code",
        "WS 2",
        "--title",
        "T",
        "--track",
        "dta",
    ]);
    assert!(
        String::from_utf8_lossy(&bad_track.stderr).contains("data, environment, inclusion, trust")
    );
}

#[test]
fn a_translation_copies_its_originals_facts() {
    let year = this_year();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    run(&["new", "archive", root]);
    run(&[
        "new",
        "session",
        "--root",
        root,
        "--year",
        year.as_str(),
        "--code",
        "WS 7",
        "--title",
        "T",
        "--type",
        "open-forum",
        "--track",
        "trust",
    ]);
    let original = dir.path().join(format!("content/{year}/sessions/ws-7.md"));
    fs::write(
        &original,
        fs::read_to_string(&original)
            .unwrap()
            .replace("date: \"\"", &format!("date: {year}-11-13")),
    )
    .unwrap();
    assert!(
        run(&[
            "new",
            "session",
            "--root",
            root,
            "--year",
            year.as_str(),
            "--code",
            "WS 7",
            "--title",
            "Confiance",
            "--lang",
            "fr"
        ])
        .status
        .success()
    );
    let translation = fs::read_to_string(
        dir.path()
            .join(format!("content/{year}/sessions/ws-7.fr.md")),
    )
    .unwrap();
    for fact in [
        "type: open-forum",
        "tracks: [trust]",
        &format!("date: {year}-11-13"),
        "title: \"Confiance\"",
    ] {
        assert!(translation.contains(fact), "{fact} in {translation}");
    }
}

#[test]
fn check_walks_through_a_new_meeting_until_it_is_done() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    run(&["new", "archive", root.to_str().unwrap()]);
    let args = [
        "new",
        "meeting",
        "--root",
        root.to_str().unwrap(),
        "--year",
        "2030",
        "--start",
        "2030-11-04",
        "--track",
        "data",
    ];
    let created = run(&args);
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(
        String::from_utf8_lossy(&run(&args).stderr).contains("already exists"),
        "an existing meeting is not overwritten"
    );
    let meeting = root.join("content/2030/meeting.yaml");
    let template = fs::read_to_string(&meeting).unwrap();
    assert!(template.contains("number: 25\ntitle: \"25th Internet Governance Forum\""));

    let (ok, left) = check_lines(root);
    assert!(!ok);
    let named: Vec<(&str, &str)> = (left.iter())
        .map(|(message, line)| {
            let quoted = template.lines().nth(line - 1).unwrap().trim();
            (message.as_str(), quoted)
        })
        .collect();
    assert_eq!(
        named,
        [
            ("`theme` is empty", "theme: \"\""),
            ("`location` is empty", "location: \"\""),
            (
                "`` is not a date",
                "dates: {start: \"2030-11-04\", end: \"\"}"
            ),
            ("`title` is empty", "title: \"\""),
        ]
    );

    let filled = template
        .replace("theme: \"\"", "theme: A theme")
        .replace("location: \"\"", "location: Online")
        .replace("end: \"\"", "end: 2030-11-08")
        .replace("    title: \"\"", "    title: Data");
    fs::write(&meeting, filled).unwrap();
    assert_eq!(check_lines(root), (true, Vec::new()));
}

#[test]
fn a_meeting_without_tracks_is_named_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    run(&["new", "archive", root.to_str().unwrap()]);
    let root_arg = root.to_str().unwrap();
    let args = [
        "new",
        "meeting",
        "--root",
        root_arg,
        "--year",
        "2030",
        "--theme",
        "T",
        "--location",
        "Online",
        "--start",
        "2030-11-04",
        "--end",
        "2030-11-08",
    ];
    assert!(run(&args).status.success());
    let (ok, left) = check_lines(root);
    assert!(!ok);
    assert_eq!(left, [("`tracks` is empty".to_string(), 17)]);
    let early = run(&["new", "meeting", "--root", root_arg, "--year", "2005"]);
    assert!(String::from_utf8_lossy(&early.stderr).contains("the IGF first met in 2006"));
}
