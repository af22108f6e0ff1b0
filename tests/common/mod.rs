//! Helpers shared by the integration tests: building fixtures into
//! temporary folders and reading what came out.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies a fixture archive into a temporary folder, to change it in a test.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Builds `root` into `output` and panics with the diagnostics on failure.
pub fn build(root: &Path, output: &Path) -> igf_archive::BuildSummary {
    match igf_archive::build(root, output) {
        Ok(summary) => summary,
        Err(igf_archive::BuildError::Content(d)) => panic!("build failed: {d:#?}"),
        Err(igf_archive::BuildError::Io(e)) => panic!("build failed: {e}"),
    }
}

/// The basic fixture built into a temporary folder: (folder, output).
pub fn built_fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&fixture("basic"), &out);
    (dir, out)
}

/// Every file of a folder, by `/`-separated relative path.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

pub fn read(dir: &Path, path: &str) -> String {
    fs::read_to_string(dir.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The values of every `name="…"` attribute in some HTML.
pub fn attribute_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    let mut values = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        let after = &rest[at + needle.len()..];
        let end = after.find('"').unwrap_or(after.len());
        values.push(&after[..end]);
        rest = &after[end..];
    }
    values
}

/// The first element starting with `start` up to and including the first
/// `end` after it.
pub fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in the page"));
    let to = html[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end} after {start}"))
        + from
        + end.len();
    &html[from..to]
}

/// Compares `actual` with the golden file `tests/golden/<name>`; with
/// `UPDATE_GOLDEN=1` in the environment, rewrites the golden file instead.
pub fn assert_golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no golden file {}; run with UPDATE_GOLDEN=1",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{name} differs from its golden file.\n--- expected\n{expected}\n--- actual\n{actual}\n(run with UPDATE_GOLDEN=1 to accept)"
    );
}

/// Makes the archive at `root` use its own theme `name` (`themes/<name>/`).
pub fn use_theme(root: &Path, name: &str) {
    let config = root.join("site.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("{text}theme: {name}\n")).unwrap();
}

/// Replaces `from` with `to` in the file at `path`, as an editor would.
pub fn replace_in(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    fs::write(path, text.replace(from, to)).unwrap();
}

/// Makes a named pipe at `path`; false, with a message, where `mkfifo`
/// is not available (the test is then skipped).
pub fn make_fifo(path: &Path) -> bool {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipped: mkfifo is not available");
    }
    made
}
