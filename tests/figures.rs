//! The figures pages: their numbers equal a count made here, straight from
//! the archive's files (front matter read with serde_yaml, not through the
//! crate's model), for the figures fixture and for this repo's archive;
//! their charts are well-formed SVG that scales and mirrors in Arabic.

mod common;

use common::*;
use serde_yaml::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// One Markdown file of an archive, as the test reads it.
struct File {
    year: u16,
    kind: String,
    /// `None` for the default language (no suffix).
    lang: Option<String>,
    front: Value,
}

fn read_files(root: &Path) -> Vec<File> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("content")).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let rel: Vec<&str> = (path.strip_prefix(root.join("content")).unwrap().iter())
            .map(|p| p.to_str().unwrap())
            .collect();
        let stem = rel[2].strip_suffix(".md").unwrap();
        let lang = stem.rsplit_once('.').map(|(_, lang)| lang.to_string());
        let text = fs::read_to_string(path).unwrap();
        let yaml = text.split("---\n").nth(1).unwrap();
        files.push(File {
            year: rel[0].parse().unwrap(),
            kind: rel[1].to_string(),
            lang,
            front: serde_yaml::from_str(yaml).unwrap(),
        });
    }
    files
}

fn yaml(path: &Path) -> Value {
    serde_yaml::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// `tracks` (or `track`): a list or one id.
fn tracks(front: &Value) -> Vec<String> {
    let value = front.get("tracks").or_else(|| front.get("track"));
    match value {
        Some(Value::Sequence(items)) => items.iter().map(|t| t.as_str().unwrap().into()).collect(),
        Some(Value::String(one)) => vec![one.clone()],
        _ => Vec::new(),
    }
}

fn english(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Mapping(_) => value["en"].as_str().unwrap().to_string(),
        other => panic!("not a text: {other:?}"),
    }
}

fn list_len(front: &Value, key: &str) -> usize {
    front
        .get(key)
        .and_then(Value::as_sequence)
        .map_or(0, Vec::len)
}

fn median(mut values: Vec<u64>) -> String {
    values.sort();
    let n = values.len();
    match n {
        0 => "–".into(),
        _ if n % 2 == 1 => values[n / 2].to_string(),
        _ => {
            let twice = values[n / 2 - 1] + values[n / 2];
            match twice % 2 {
                0 => (twice / 2).to_string(),
                _ => format!("{}.5", twice / 2),
            }
        }
    }
}

/// The rows of a figure's table (header first), read as XML.
fn table(html: &str, id: &str) -> Vec<Vec<String>> {
    let xml = between(
        html,
        &format!("<table class=\"figure-table\" id=\"table-{id}\""),
        "</table>",
    );
    let doc = roxmltree::Document::parse(xml)
        .unwrap_or_else(|e| panic!("table {id} is not well-formed: {e}\n{xml}"));
    doc.descendants()
        .filter(|n| n.has_tag_name("tr"))
        .map(|tr| {
            (tr.children().filter(|c| c.is_element()))
                .map(|c| {
                    (c.descendants().filter(|t| t.is_text()))
                        .filter_map(|t| t.text())
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// A table's rows without the header.
fn body(html: &str, id: &str) -> Vec<Vec<String>> {
    table(html, id).into_iter().skip(1).collect()
}

fn row(cells: &[&dyn ToString]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// Every figure of both pages of `root`, against a count of its files.
fn figures_match_the_files(root: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(root, &out);
    let files = read_files(root);
    let site = yaml(&root.join("site.yaml"));
    let languages: Vec<(String, String)> = (site["languages"].as_mapping().unwrap().iter())
        .map(|(code, l)| {
            (
                code.as_str().unwrap().into(),
                l["name"].as_str().unwrap().into(),
            )
        })
        .collect();
    let strings = yaml(Path::new("themes/default/i18n/en.yaml"));
    let mut years: Vec<u16> = files.iter().map(|f| f.year).collect();
    years.sort();
    years.dedup();
    let originals = |year: u16, kind: &str| -> Vec<&File> {
        (files.iter())
            .filter(|f| f.year == year && f.kind == kind && f.lang.is_none())
            .collect()
    };
    let percent = |v: &str| format!("{v}%");
    let mut across = BTreeMap::new();
    for &year in &years {
        let html = read(&out, &format!("en/{year}/figures/index.html"));
        let meeting = yaml(&root.join(format!("content/{year}/meeting.yaml")));
        let track_ids: Vec<(String, String)> = (meeting["tracks"].as_mapping().unwrap().iter())
            .map(|(id, t)| (id.as_str().unwrap().into(), english(&t["title"])))
            .collect();
        let sessions = originals(year, "sessions");
        let on = |kind: &str, id: &str| {
            (originals(year, kind).into_iter())
                .filter(|f| tracks(&f.front).contains(&id.to_string()))
                .collect::<Vec<_>>()
        };
        let number = |f: &File, key: &str| f.front.get(key).and_then(Value::as_u64);
        let stated = |list: &[&File], key: &str| -> Vec<u64> {
            list.iter().filter_map(|f| number(f, key)).collect()
        };

        let expected: Vec<_> = (track_ids.iter())
            .map(|(id, title)| row(&[title, &on("sessions", id).len()]))
            .collect();
        assert_eq!(body(&html, "by-track"), expected, "{year} by track");

        let types = strings["session_types"].as_mapping().unwrap();
        let expected: Vec<_> = (types.iter())
            .filter_map(|(name, label)| {
                let n = (sessions.iter())
                    .filter(|f| f.front["type"].as_str() == name.as_str())
                    .count();
                (n > 0).then(|| row(&[&label.as_str().unwrap(), &n]))
            })
            .collect();
        assert_eq!(body(&html, "by-type"), expected, "{year} by type");

        let mut per_day: BTreeMap<String, usize> = BTreeMap::new();
        for f in &sessions {
            *per_day
                .entry(f.front["date"].as_str().unwrap().into())
                .or_default() += 1;
        }
        let counts: Vec<String> = per_day.values().map(usize::to_string).collect();
        let shown: Vec<String> = body(&html, "by-day")
            .into_iter()
            .map(|r| r[1].clone())
            .collect();
        assert_eq!(shown, counts, "{year} by day");

        let with = |key| {
            sessions
                .iter()
                .filter(|f| list_len(&f.front, key) > 0)
                .count()
        };
        let expected = vec![
            row(&[&"With key takeaways", &with("key_takeaways")]),
            row(&[&"With calls to action", &with("calls_to_action")]),
        ];
        assert_eq!(body(&html, "content"), expected, "{year} content");

        let expected: Vec<_> = (track_ids.iter())
            .map(|(id, title)| {
                let counts = stated(&on("sessions", id), "participants");
                let sum: u64 = counts.iter().sum();
                row(&[title, &sum, &median(counts.clone()), &counts.len()])
            })
            .collect();
        assert_eq!(body(&html, "participants"), expected, "{year} participants");
        let all = stated(&sessions, "participants");
        let caption = match all.len() {
            0 => format!(
                "None of the {} reports states a participant count.",
                sessions.len()
            ),
            n => format!(
                "{n} of {} reports state a participant count",
                sessions.len()
            ),
        };
        assert!(html.contains(&caption), "{year}: no caption `{caption}`");

        let shares = stated(&sessions, "women_share");
        let mut bins = [0usize; 10];
        for &s in &shares {
            bins[(s as usize / 10).min(9)] += 1;
        }
        let expected: Vec<_> = (bins.iter().enumerate())
            .map(|(b, n)| {
                let to = if b == 9 { 100 } else { b * 10 + 9 };
                row(&[&percent(&format!("{}–{to}", b * 10)), n])
            })
            .collect();
        assert_eq!(body(&html, "women-share"), expected, "{year} women's share");

        let of_year: Vec<&File> = files.iter().filter(|f| f.year == year).collect();
        let default = site["default_language"].as_str().unwrap_or("en");
        let expected: Vec<_> = (languages.iter())
            .map(|(code, name)| {
                let written = (of_year.iter())
                    .filter(|f| f.lang.is_none() && default == code)
                    .count();
                let translated = (of_year.iter())
                    .filter(|f| f.lang.as_deref() == Some(code.as_str()))
                    .count();
                row(&[name, &written, &translated])
            })
            .collect();
        assert_eq!(body(&html, "languages"), expected, "{year} languages");

        let expected: Vec<_> = (track_ids.iter())
            .map(|(id, title)| row(&[title, &on("outputs", id).len(), &on("messages", id).len()]))
            .collect();
        assert_eq!(
            body(&html, "outputs-messages"),
            expected,
            "{year} outputs and messages"
        );

        across.insert(
            year,
            (
                sessions.len(),
                all,
                shares,
                originals(year, "outputs").len(),
                originals(year, "messages").len(),
            ),
        );
    }

    let html = read(&out, "en/figures/index.html");
    let label = |y: &u16| format!("IGF {y}");
    let expected: Vec<_> = (across.iter())
        .map(|(y, (n, ..))| row(&[&label(y), n]))
        .collect();
    assert_eq!(body(&html, "by-year"), expected, "sessions by year");
    let expected: Vec<_> = (across.iter())
        .map(|(y, (_, p, ..))| {
            row(&[
                &label(y),
                &p.iter().sum::<u64>(),
                &median(p.clone()),
                &p.len(),
            ])
        })
        .collect();
    assert_eq!(
        body(&html, "participants-years"),
        expected,
        "participants by year"
    );
    let expected: Vec<_> = (across.iter())
        .map(|(y, (_, _, s, ..))| row(&[&label(y), &percent(&median(s.clone())), &s.len()]))
        .collect();
    assert_eq!(
        body(&html, "women-share-years"),
        expected,
        "women's share by year"
    );
    let expected: Vec<_> = (across.iter())
        .map(|(y, (_, _, _, o, m))| row(&[&label(y), o, m]))
        .collect();
    assert_eq!(
        body(&html, "outputs-messages-years"),
        expected,
        "outputs by year"
    );
}

#[test]
fn figures_of_the_fixture_match_its_files() {
    figures_match_the_files(&fixture("figures"));
}

#[test]
fn figures_of_this_archive_match_its_files() {
    figures_match_the_files(Path::new(env!("CARGO_MANIFEST_DIR")));
}

/// Every `<svg>…</svg>` of a page.
fn svgs(html: &str) -> Vec<&str> {
    html.match_indices("<svg")
        .map(|(at, _)| {
            let end = html[at..].find("</svg>").unwrap() + at + "</svg>".len();
            &html[at..end]
        })
        .collect()
}

#[test]
fn charts_are_well_formed_svg_that_scale_and_mirror() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&fixture("figures"), &out);
    for lang in ["en", "fr", "es", "ru", "zh", "ar"] {
        for page in [
            format!("{lang}/figures/index.html"),
            format!("{lang}/2020/figures/index.html"),
        ] {
            let html = read(&out, &page);
            let charts = svgs(&html);
            assert_eq!(charts.len(), 8, "{page}: one chart a figure");
            for svg in charts {
                let doc = roxmltree::Document::parse(svg)
                    .unwrap_or_else(|e| panic!("{page}: not well-formed SVG: {e}\n{svg}"));
                let root = doc.root_element();
                assert_eq!(
                    root.attribute("width"),
                    Some("100%"),
                    "{page}: a chart scales"
                );
                let view: Vec<u32> = (root.attribute("viewBox").unwrap().split(' '))
                    .map(|n| n.parse().unwrap())
                    .collect();
                let rtl = lang == "ar";
                assert_eq!(
                    root.attribute("direction"),
                    Some(if rtl { "rtl" } else { "ltr" })
                );
                for rect in doc.descendants().filter(|n| n.has_tag_name("rect")) {
                    let at = |name| rect.attribute(name).unwrap().parse::<u32>().unwrap();
                    let (x, width) = (at("x"), at("width"));
                    assert!(x + width <= view[2] && at("y") + at("height") <= view[3]);
                    // Bars grow from the start of the line: the left, or
                    // the right in Arabic.
                    match rtl {
                        true => assert_eq!(
                            x + width,
                            view[2],
                            "{page}: an Arabic bar starts on the right"
                        ),
                        false => assert_eq!(x, 0, "{page}: a bar starts on the left"),
                    }
                }
            }
        }
    }
}
