//! The web's own validators over the built sites of the repo's archive
//! (`content/`) and of the `basic` fixture: the Nu HTML Checker (vnu) on
//! every page, and every Atom feed against RFC 4287's RELAX NG grammar
//! (jing, `tests/validators/atom.rnc`) and the rules no schema states
//! (RFC 3339 dates, absolute and unique ids, the self link). W3C's own
//! feed validator is on neither PyPI nor Debian, so it cannot be installed
//! here; jing and the checks below stand in for it.
//!
//! Needs Java, `npm ci` in `tests/validators` (for vnu) and jing, as
//! `.ci/run` installs them. Without them a check is skipped with a note on
//! stderr; where the `CI` variable is set it fails instead.

mod common;

use std::collections::HashSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The two sites the validators look at, built once for all the tests
/// into Cargo's folder for them: (name, base_url, output).
fn built_sites() -> &'static [(&'static str, &'static str, PathBuf)] {
    static SITES: std::sync::OnceLock<Vec<(&str, &str, PathBuf)>> = std::sync::OnceLock::new();
    SITES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("validators");
        let repo = dir.join("repo");
        let fixture = dir.join("basic");
        common::build(&manifest_dir(), &repo);
        common::build(&common::fixture("basic"), &fixture);
        vec![
            ("content/", "https://archive.example.org/igf", repo),
            (
                "tests/fixtures/basic",
                "https://fixture.example.org/archive",
                fixture,
            ),
        ]
    })
}

/// False (after a note) when a tool is missing; panics instead when `CI`
/// is set, since CI must run every validator.
fn available(tool: &str, missing: Option<String>) -> bool {
    let Some(why) = missing else {
        return true;
    };
    let message = format!("{tool} needs {why}");
    if std::env::var_os("CI").is_some() {
        panic!("{message}");
    }
    // Straight to stderr, past the harness's capture, so that a skip is seen.
    let _ = writeln!(std::io::stderr(), "skipping the {tool} check: {message}");
    false
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program).arg(arg).output().is_ok()
}

fn files_named(dir: &Path, end: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy().ends_with(end))
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    let jar = std::env::var_os("VNU_JAR").map_or_else(
        || manifest_dir().join("tests/validators/node_modules/vnu-jar/build/dist/vnu.jar"),
        PathBuf::from,
    );
    let missing = if !runs("java", "-version") {
        Some("java on the PATH".to_string())
    } else if !jar.is_file() {
        Some(format!(
            "{} (run `npm ci` in tests/validators, or set VNU_JAR)",
            jar.display()
        ))
    } else {
        None
    };
    if !available("Nu HTML Checker", missing) {
        return;
    }
    let sites = built_sites();
    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .args(sites.iter().map(|(_, _, out)| out))
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && report.trim().is_empty(),
        "the Nu HTML Checker found errors:\n{report}"
    );
}

#[test]
fn every_feed_is_valid_atom_by_rfc_4287s_grammar() {
    let missing = (!runs("jing", "-h")).then(|| "jing on the PATH (Debian: jing)".to_string());
    if !available("Atom schema", missing) {
        return;
    }
    let sites = built_sites();
    let feeds: Vec<PathBuf> = (sites.iter())
        .flat_map(|(_, _, out)| files_named(out, "feed.xml"))
        .collect();
    assert!(feeds.len() > 10, "{feeds:?}");
    let output = Command::new("jing")
        .arg("-c")
        .arg(manifest_dir().join("tests/validators/atom.rnc"))
        .args(&feeds)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "jing found feeds that are not Atom:\n{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

/// True for an RFC 3339 date-time in UTC, as feeds write them:
/// `2021-12-10T14:03:22Z`.
fn is_utc_date_time(text: &str) -> bool {
    let shape = "dddd-dd-ddTdd:dd:ddZ";
    text.len() == shape.len()
        && (text.bytes().zip(shape.bytes())).all(|(c, s)| match s {
            b'd' => c.is_ascii_digit(),
            _ => c == s,
        })
}

#[test]
fn feeds_keep_the_rules_no_schema_states() {
    let sites = built_sites();
    for (name, base_url, out) in sites {
        for path in files_named(out, "feed.xml") {
            let relative = path.strip_prefix(out).unwrap().to_string_lossy();
            let text = std::fs::read_to_string(&path).unwrap();
            let doc = roxmltree::Document::parse(&text).unwrap();
            let feed = doc.root_element();
            let place = format!("{name}: {relative}");
            let child = |node: roxmltree::Node<'_, '_>, tag: &str| {
                (node.children())
                    .find(|c| c.has_tag_name(("http://www.w3.org/2005/Atom", tag)))
                    .and_then(|c| c.text())
                    .map(str::to_string)
            };
            let self_link = (feed.children())
                .find(|c| c.has_tag_name("link") && c.attribute("rel") == Some("self"))
                .and_then(|c| c.attribute("href"));
            assert_eq!(
                self_link,
                Some(format!("{base_url}/{relative}").as_str()),
                "{place}: its self link is where it is"
            );
            assert!(
                feed.children().any(|c| c.has_tag_name("author")),
                "{place}: a feed author covers entries without one"
            );
            let updated = child(feed, "updated").unwrap();
            assert!(is_utc_date_time(&updated), "{place}: {updated}");
            let mut ids = HashSet::new();
            for entry in feed.children().filter(|c| c.has_tag_name("entry")) {
                let id = child(entry, "id").unwrap();
                assert!(id.starts_with(base_url), "{place}: id {id}");
                assert!(ids.insert(id.clone()), "{place}: id {id} twice");
                let entry_updated = child(entry, "updated").unwrap();
                assert!(is_utc_date_time(&entry_updated), "{place}: {entry_updated}");
                assert!(
                    entry_updated <= updated,
                    "{place}: the feed is updated ({updated}) when its newest entry is ({entry_updated})"
                );
            }
            assert!(updated.as_str() > "2006-12-31", "{place}: {updated}");
        }
    }
}

/// `/igf/` for `https://archive.example.org/igf`.
fn base_path(base_url: &str) -> String {
    format!("/{}/", base_url.splitn(4, '/').nth(3).unwrap_or(""))
}

#[test]
fn the_not_found_page_works_at_any_depth_from_the_sites_path() {
    let sites = built_sites();
    for (name, base_url, out) in sites {
        let page = common::read(out, "404.html");
        let base_path = base_path(base_url);
        let links: Vec<&str> = ["href", "src"]
            .iter()
            .flat_map(|a| common::attribute_values(&page, a))
            .collect();
        assert!(
            links.iter().any(|l| l.ends_with("static/style.css")),
            "{name}: styled: {links:?}"
        );
        for link in links {
            let file = link
                .strip_prefix(&base_path)
                .unwrap_or_else(|| panic!("{name}: {link} starts from {base_path}"));
            assert!(out.join(file).is_file(), "{name}: {link} leads nowhere");
        }
    }
}

#[test]
fn every_page_has_an_icon_a_description_and_its_alternates() {
    let sites = built_sites();
    for (name, base_url, out) in sites {
        assert!(
            std::fs::read(out.join("favicon.ico"))
                .unwrap()
                .starts_with(&[0, 0, 1, 0]),
            "{name}: /favicon.ico is an icon"
        );
        for path in files_named(out, ".html") {
            let relative = path
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .to_string();
            let page = std::fs::read_to_string(&path).unwrap();
            let head = &page[..page.find("</head>").unwrap()];
            let depth = relative.matches('/').count();
            let icon = match relative.as_str() {
                "404.html" => format!("{}favicon.ico", base_path(base_url)),
                _ => format!("{}favicon.ico", "../".repeat(depth)),
            };
            assert!(
                head.contains(&format!("<link rel=\"icon\" href=\"{icon}\">")),
                "{name}: {relative} links its icon {icon}"
            );
            let description = common::between(head, "<meta name=\"description\" content=\"", "\">");
            assert!(
                description.len() > "<meta name=\"description\" content=\"\">".len() + 5,
                "{name}: {relative}: {description}"
            );
            if relative == "404.html" {
                continue;
            }
            let alternates: Vec<&str> = head
                .lines()
                .filter(|l| l.starts_with("<link rel=\"alternate\" hreflang="))
                .collect();
            let lang = page.split("<html lang=\"").nth(1).unwrap();
            let lang = &lang[..lang.find('"').unwrap()];
            assert!(
                alternates
                    .iter()
                    .any(|l| l.contains(&format!("hreflang=\"{lang}\""))),
                "{name}: {relative} names its own language {lang}: {alternates:?}"
            );
            assert!(
                alternates
                    .iter()
                    .any(|l| l.contains("hreflang=\"x-default\"")),
                "{name}: {relative}: {alternates:?}"
            );
            for link in alternates {
                assert!(
                    link.contains(&format!("href=\"{base_url}/")),
                    "{name}: {relative}: {link}"
                );
            }
        }
    }
}
