//! What mirrors and researchers rely on: `verify`, bundles, incremental
//! rebuilds, feeds, the sitemap and the open-data exports.

mod common;

use common::*;
use std::fs;
use std::path::Path;
use std::process::Command;

fn igf(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_igf-archive"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn verify_passes_a_fresh_copy_and_names_every_changed_missing_and_extra_file() {
    let (dir, out) = built_fixture();
    let copy = dir.path().join("mirror");
    copy_dir(&out, &copy);
    let whole = igf(&["verify", copy.to_str().unwrap()]);
    assert!(
        whole.status.success(),
        "{}",
        String::from_utf8_lossy(&whole.stdout)
    );

    fs::write(copy.join("en/index.html"), "tampered").unwrap();
    fs::remove_file(copy.join("fr/2020/index.html")).unwrap();
    fs::write(copy.join("extra.html"), "x").unwrap();
    let broken = igf(&["verify", copy.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&broken.stdout);
    assert_eq!(broken.status.code(), Some(1));
    assert!(report.contains("altered:    en/index.html"), "{report}");
    assert!(
        report.contains("missing:    fr/2020/index.html"),
        "{report}"
    );
    assert!(report.contains("unexpected: extra.html"), "{report}");

    let sums = fs::read_to_string(out.join("SHA256SUMS")).unwrap();
    assert!(
        sums.lines()
            .all(|l| l.len() > 66 && l.as_bytes()[64] == b' ' && l.as_bytes()[65] == b' '),
        "sha256sum format"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["title"], "Fixture Archive");
    assert!(
        manifest["generator"]
            .as_str()
            .unwrap()
            .starts_with("igf-archive ")
    );
    let first = &manifest["files"][0];
    assert!(
        first["path"].is_string()
            && first["size"].is_u64()
            && first["sha256"].as_str().unwrap().len() == 64
    );
}

#[test]
fn bundles_are_verified_and_identical_from_build_to_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = fixture("basic");
    let (a, b) = (dir.path().join("a.tar.gz"), dir.path().join("b.tar.gz"));
    for (out, bundle) in [("one", &a), ("two", &b)] {
        let status = igf(&[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output",
            dir.path().join(out).join("public").to_str().unwrap(),
            "--bundle",
            bundle.to_str().unwrap(),
            "--quiet",
        ]);
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
    }
    assert_eq!(fs::read(&a).unwrap(), fs::read(&b).unwrap());
    let unpacked = dir.path().join("unpacked");
    fs::create_dir(&unpacked).unwrap();
    tar::Archive::new(flate2::read::GzDecoder::new(fs::File::open(&a).unwrap()))
        .unpack(&unpacked)
        .unwrap();
    assert!(
        igf(&["verify", unpacked.join("public").to_str().unwrap()])
            .status
            .success()
    );
}

#[test]
fn a_rebuild_after_one_edit_touches_only_the_pages_that_show_it() {
    let archive = copy_fixture("basic");
    let out = archive.path().join("public");
    build(archive.path(), &out);
    let before: std::collections::BTreeMap<String, std::time::SystemTime> = read_tree(&out)
        .keys()
        .map(|p| {
            (
                p.clone(),
                fs::metadata(out.join(p)).unwrap().modified().unwrap(),
            )
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let session = archive.path().join("content/2021/sessions/of-1.md");
    fs::write(
        &session,
        fs::read_to_string(&session).unwrap().replace(
            "Trust needs transparency.",
            "Trust needs transparency and accountability.",
        ),
    )
    .unwrap();
    build(archive.path(), &out);
    let changed: Vec<&String> = before
        .iter()
        .filter(|(p, t)| fs::metadata(out.join(p)).unwrap().modified().unwrap() != **t)
        .map(|(p, _)| p)
        .collect();
    for expected in [
        "en/2021/sessions/of-1/index.html",
        "fr/2021/tracks/trust/index.html",
        "en/2021/takeaways/index.html",
        "en/tracks/trust/index.html",
        "data/2021.json",
    ] {
        assert!(
            changed.iter().any(|p| *p == expected),
            "{expected} was not rewritten: {changed:?}"
        );
    }
    for untouched in [
        "en/2020/sessions/ws-1/index.html",
        "en/index.html",
        "static/style.css",
        // Lists sessions by title: a takeaway is not on it.
        "fr/2020/sessions/index.html",
    ] {
        assert!(
            !changed.iter().any(|p| *p == untouched),
            "{untouched} was rewritten"
        );
    }
    assert!(
        changed.len() < before.len() / 3,
        "{} of {} files rewritten",
        changed.len(),
        before.len()
    );
}

#[test]
fn feeds_are_valid_atom_with_takeaways_as_summaries() {
    let (_dir, out) = built_fixture();
    let text = read(&out, "fr/feed.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    for required in ["title", "id", "updated", "author"] {
        assert!(
            feed.children().any(|c| c.tag_name().name() == required),
            "feed needs <{required}>"
        );
    }
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .collect();
    assert!(entries.len() >= 4);
    let child_text = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.tag_name().name() == name)
            .and_then(|c| c.text())
            .unwrap_or("")
            .to_string()
    };
    let newest = entries[0];
    assert_eq!(
        child_text(newest, "title"),
        "OF #1: Trust in a connected world"
    );
    assert_eq!(child_text(newest, "summary"), "Trust needs transparency.");
    assert_eq!(
        child_text(newest, "id"),
        "https://fixture.example.org/archive/en/2021/sessions/of-1/index.html"
    );
    assert_eq!(
        newest.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("en"),
        "an English-only entry in the French feed is marked"
    );
    let french = entries
        .iter()
        .find(|e| child_text(**e, "title").contains("Flux de données"))
        .expect("the French version in the French feed");
    assert_eq!(
        child_text(*french, "id"),
        "https://fixture.example.org/archive/fr/2020/sessions/ws-1/index.html"
    );
    let track_feed = read(&out, "en/tracks/data/feed.xml");
    roxmltree::Document::parse(&track_feed).unwrap();
    assert!(
        track_feed.contains("Best Practice Forum on Data")
            && !track_feed.contains("Trust in a connected world")
    );
    let page = read(&out, "en/index.html");
    assert!(
        page.contains("type=\"application/atom+xml\""),
        "pages point to their feed"
    );
}

#[test]
fn the_sitemap_lists_every_page_with_its_translations() {
    let (_dir, out) = built_fixture();
    let text = read(&out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&text).unwrap();
    let urls: Vec<_> = doc
        .root_element()
        .children()
        .filter(|c| c.tag_name().name() == "url")
        .collect();
    let pages = read_tree(&out)
        .keys()
        .filter(|p| p.ends_with(".html") && *p != "404.html")
        .count();
    assert_eq!(urls.len(), pages);
    let ws1 = urls
        .iter()
        .find(|u| {
            u.children().any(|c| {
                c.text()
                    == Some("https://fixture.example.org/archive/ar/2020/sessions/ws-1/index.html")
            })
        })
        .unwrap();
    let alternates: Vec<_> = ws1
        .children()
        .filter(|c| c.tag_name().name() == "link")
        .map(|l| l.attribute("hreflang").unwrap())
        .collect();
    assert_eq!(alternates, ["en", "fr", "es", "ru", "zh", "ar"]);
    assert_eq!(
        read(&out, "robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://fixture.example.org/archive/sitemap.xml\n"
    );
}

#[test]
fn open_data_holds_every_document_and_a_spreadsheet_of_sessions() {
    let (_dir, out) = built_fixture();
    let year: serde_json::Value = serde_json::from_str(&read(&out, "data/2020.json")).unwrap();
    assert_eq!(year["meeting"]["number"], 15);
    let documents = year["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 5);
    let ws1 = documents.iter().find(|d| d["slug"] == "ws-1").unwrap();
    assert_eq!(ws1["code"], "WS #1");
    assert_eq!(
        ws1["translations"],
        serde_json::json!(["fr", "es", "ru", "zh", "ar"])
    );
    assert_eq!(
        ws1["key_takeaways"][0],
        "Data protection needs cooperation across borders."
    );
    assert_eq!(ws1["url"], "en/2020/sessions/ws-1/index.html");
    assert!(
        Path::new(&out)
            .join(ws1["versions"][4]["url"].as_str().unwrap())
            .is_file()
    );

    let bytes = fs::read(out.join("data/2020-sessions.csv")).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a BOM, so spreadsheets read UTF-8"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[..5], ["code", "title", "type", "tracks", "date"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3, "three session reports in 2020");
    let of2 = rows.iter().find(|r| &r[0] == "OF #2").unwrap();
    assert_eq!(&of2[3], "trust;data");
    let data_page = read(&out, "es/data/index.html");
    assert!(
        data_page.contains("href=\"../../data/2020-sessions.csv\"")
            && data_page.contains("href=\"../../data/2021.json\"")
    );
}
