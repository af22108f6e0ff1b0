//! File names as web upload forms make them: spaces and capitals build
//! under a slug with a warning naming it; two files that make one slug are
//! an error naming both.

mod common;

use common::{build, copy_fixture};
use std::fs;

const REPORT: &str = "---\ncode: \"WS #3\"\ntitle: Mixed case\ntype: workshop\ntracks: [trust]\ndate: 2020-11-12\nkey_takeaways:\n  - Names from upload forms still build.\n---\nText.\n";

#[test]
fn a_name_with_spaces_and_capitals_builds_under_its_slug_with_a_warning() {
    let dir = copy_fixture("basic");
    let sessions = dir.path().join("content/2020/sessions");
    fs::write(sessions.join("WS 3 Mixed Case.md"), REPORT).unwrap();
    let out = dir.path().join("public");
    let summary = build(dir.path(), &out);
    assert!(
        out.join("en/2020/sessions/ws-3-mixed-case/index.html")
            .is_file()
    );
    let warning = (summary.warnings.iter())
        .find(|w| w.path == "content/2020/sessions/WS 3 Mixed Case.md")
        .expect("a warning for the file");
    assert!(warning.message.contains("`ws-3-mixed-case`"), "{warning:?}");
    assert!(
        warning
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("ws-3-mixed-case.md"),
        "{warning:?}"
    );
}

#[test]
fn two_files_that_make_one_slug_are_an_error_naming_both() {
    let dir = copy_fixture("basic");
    let sessions = dir.path().join("content/2020/sessions");
    fs::write(sessions.join("WS 3 Mixed Case.md"), REPORT).unwrap();
    fs::write(
        sessions.join("ws-3-mixed-case.md"),
        REPORT.replace("WS #3", "WS #4"),
    )
    .unwrap();
    let Err(igf_archive::BuildError::Content(diagnostics)) =
        igf_archive::build(dir.path(), &dir.path().join("public"))
    else {
        panic!("the build must fail");
    };
    let error = (diagnostics.iter())
        .find(|d| d.message.contains("both make the slug `ws-3-mixed-case`"))
        .unwrap_or_else(|| panic!("{diagnostics:#?}"));
    let both = format!("{} {}", error.path, error.message);
    assert!(
        both.contains("content/2020/sessions/WS 3 Mixed Case.md"),
        "{both}"
    );
    assert!(
        both.contains("content/2020/sessions/ws-3-mixed-case.md"),
        "{both}"
    );
}
