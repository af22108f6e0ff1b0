//! `igf-archive check` as a rapporteur and a CI job see it: every problem of
//! an archive at once, at its line, in human, JSON and GitHub formats.

mod common;

use common::*;
use std::process::Command;

fn check(root: &std::path::Path, args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_igf-archive"))
        .arg("check")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn human_report_of_every_error_and_warning_matches_the_golden_file() {
    let (status, report) = check(&fixture("broken"), &[]);
    assert_eq!(status, 1);
    assert_golden("check-broken.txt", &report);
}

#[test]
fn json_report_matches_the_golden_file() {
    let (status, report) = check(&fixture("broken"), &["--format", "json"]);
    assert_eq!(status, 1);
    let parsed: serde_json::Value = serde_json::from_str(&report).unwrap();
    let first = &parsed[0];
    for field in [
        "severity", "path", "line", "column", "field", "message", "expected", "hint",
    ] {
        assert!(
            first.get(field).is_some(),
            "JSON diagnostics have `{field}`"
        );
    }
    assert_golden("check-broken.json", &report);
}

#[test]
fn github_format_annotates_each_line() {
    let (_, report) = check(&fixture("broken"), &["--format", "github"]);
    assert!(report.contains("::error file=content/2020/sessions/bad-track.md,line=5,col=16,title=tracks::unknown track `trsut`"), "{report}");
    assert!(
        report
            .contains("::warning file=content/2020/sessions/outside.md,line=6,col=1,title=date::"),
        "{report}"
    );
}

#[test]
fn a_clean_archive_passes_and_warnings_fail_only_when_denied() {
    let (status, report) = check(&fixture("basic"), &[]);
    assert_eq!(status, 0, "{report}");
    // The hostile report's unsafe link, and the six elements left out of
    // its raw HTML (script, iframe, svg, circle, form and input, object).
    assert!(report.ends_with("0 error(s), 7 warning(s)\n"), "{report}");
    let (status, _) = check(&fixture("basic"), &["--deny-warnings"]);
    assert_eq!(status, 1);
}

#[test]
fn a_folder_that_is_not_an_archive_exits_with_2() {
    let dir = tempfile::tempdir().unwrap();
    let (status, _) = check(dir.path(), &[]);
    assert_eq!(status, 2);
}

#[test]
fn the_repos_own_archive_is_clean() {
    let (status, report) = check(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")),
        &["--deny-warnings"],
    );
    assert_eq!(status, 0, "{report}");
}
