//! Citations: the "Cite this" block of every version of every document
//! offers its CSL-JSON and BibTeX to download (in `data:` URLs, saved
//! under the reference's key), and `data/` has each year's CSL-JSON.
//! `tests/citations/check.py` validates the CSL-JSON against the CSL
//! schema and parses the BibTeX with pybtex,
//! decoding each title back; without python3 and its packages the check is
//! skipped with a note, and fails where `CI` is set.

mod common;

use common::*;
use std::io::Write;
use std::path::Path;
use std::process::Command;

/// The page folders of every document version of a built site:
/// `<lang>/<year>/<kind>/<slug>/`.
fn document_folders(out: &Path) -> Vec<String> {
    (read_tree(out).into_keys())
        .filter(|p| {
            let parts: Vec<&str> = p.split('/').collect();
            parts.len() == 5
                && parts[1].len() == 4
                && ["sessions", "messages", "outputs"].contains(&parts[2])
                && parts[4] == "index.html"
        })
        .map(|p| p.trim_end_matches("index.html").to_string())
        .collect()
}

/// The file a "Cite this" block offers as `mime`: its name and its text.
fn download(cite: &str, mime: &str) -> (String, String) {
    use base64::Engine as _;
    let start = format!("<a href=\"data:{mime};charset=utf-8;base64,");
    let link = &between(cite, &start, "</a>")[start.len()..];
    let (data, rest) = link.split_once('"').unwrap();
    let name = between(rest, "download=\"", ">");
    let name = &name["download=\"".len()..name.len() - 2];
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .unwrap();
    (name.to_string(), String::from_utf8(bytes).unwrap())
}

#[test]
fn every_document_page_offers_its_citation_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&fixture("figures"), &out);
    let folders = document_folders(&out);
    // 8 documents, 4 translations.
    assert_eq!(folders.len(), 12, "{folders:?}");
    for folder in &folders {
        let page = read(&out, &format!("{folder}index.html"));
        let cite = between(&page, "<section class=\"cite\"", "</section>");
        let (json_name, json) = download(cite, "application/vnd.citationstyles.csl+json");
        let (bib_name, bib) = download(cite, "application/x-bibtex");
        let csl: serde_json::Value = serde_json::from_str(&json).unwrap();
        let key = csl[0]["id"].as_str().unwrap();
        assert_eq!(
            (json_name, bib_name),
            (format!("{key}.json"), format!("{key}.bib"))
        );
        assert!(
            bib.starts_with(&format!("@misc{{{key},\n")),
            "{folder}: {bib}"
        );
        let url = csl[0]["URL"].as_str().unwrap();
        assert_eq!(
            url,
            format!("https://figures.example.org/igf/{folder}index.html")
        );
        assert!(cite.contains(url), "{folder}: the text names its URL");
    }
    let page = read(&out, "en/2020/sessions/ws-1/index.html");
    let cite = between(&page, "<p class=\"citation\">", "</p>");
    assert!(cite.contains("(2 November 2020)"), "{cite}");
    assert!(cite.contains("(WS #1). 15th IGF."), "{cite}");
    for year in [2020, 2021] {
        let all: serde_json::Value =
            serde_json::from_str(&read(&out, &format!("data/{year}-cite.json"))).unwrap();
        let versions = folders
            .iter()
            .filter(|f| f.contains(&format!("/{year}/")))
            .count();
        assert_eq!(
            all.as_array().unwrap().len(),
            versions,
            "data/{year}-cite.json"
        );
    }
}

/// Whether `check.py` can run here; when it cannot, a note, or a panic
/// where `CI` is set.
fn python_tools_available() -> bool {
    let probe = Command::new("python3")
        .args(["-c", "import jsonschema, pybtex, pylatexenc"])
        .output();
    if probe.is_ok_and(|o| o.status.success()) {
        return true;
    }
    let why = "the citation check needs python3 with jsonschema, pybtex and pylatexenc \
               (pip install jsonschema pybtex pylatexenc; .ci/run installs them)";
    if std::env::var_os("CI").is_some() {
        panic!("{why}");
    }
    let _ = writeln!(std::io::stderr(), "skipped: {why}");
    false
}

fn check_citations(root: &Path) {
    if !python_tools_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(root, &out);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/citations/check.py");
    let output = Command::new("python3")
        .arg(script)
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the citations of {} are not valid:\n{stdout}{}",
        root.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    println!("{}", stdout.trim_end());
}

#[test]
fn citations_with_braces_quotes_and_other_scripts_are_valid() {
    check_citations(&fixture("figures"));
}

#[test]
fn citations_of_this_archive_are_valid() {
    check_citations(Path::new(env!("CARGO_MANIFEST_DIR")));
}
