//! Translations that know what they translate: `check` warns at an
//! outdated one's `translates` field, naming only what changed; its page
//! tells readers in their language; the status command and page count it;
//! recording it again clears it. The fixture `translations` has, per
//! language: fr current (sessions) and outdated (messages), ar outdated
//! (sessions) and current (messages), es outdated, ru unmarked, zh missing.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

fn run(root: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_igf-archive"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap() + &String::from_utf8(output.stderr).unwrap(),
    )
}

/// Each outdated-translation warning of `check --format json`: (file,
/// line, field).
fn outdated_warnings(root: &Path) -> Vec<(String, u64, String)> {
    let (_, report) = run(root, &["check", "--format", "json"]);
    let found: serde_json::Value = serde_json::from_str(&report).unwrap();
    found
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "outdated-translation")
        .map(|d| {
            assert_eq!(d["severity"], "warning", "{d}");
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["field"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn owned(list: &[(&str, u64, &str)]) -> Vec<(String, u64, String)> {
    list.iter()
        .map(|&(p, l, f)| (p.to_string(), l, f.to_string()))
        .collect()
}

#[test]
fn check_warns_at_each_outdated_translations_field_naming_what_changed() {
    assert_eq!(
        outdated_warnings(&fixture("translations")),
        owned(&[
            ("content/2020/messages/trust.fr.md", 4, "translates.body"),
            (
                "content/2020/sessions/ws-1.ar.md",
                12,
                "translates.key_takeaways"
            ),
            (
                "content/2020/sessions/ws-1.es.md",
                12,
                "translates.key_takeaways"
            ),
        ])
    );
    let (status, report) = run(&fixture("translations"), &["check"]);
    assert_eq!(status, 0, "warnings alone pass: {report}");
    assert!(
        report.contains("key_takeaways changed in content/2020/sessions/ws-1.md"),
        "{report}"
    );
    assert!(
        report.contains("igf-archive translations --record content/2020/sessions/ws-1.es.md"),
        "{report}"
    );
}

#[test]
fn deny_warnings_fails_on_outdated_translations_unless_they_are_allowed() {
    let root = fixture("translations");
    assert_eq!(run(&root, &["check", "--deny-warnings"]).0, 1);
    let (status, report) = run(
        &root,
        &["check", "--deny-warnings", "--allow-outdated-translations"],
    );
    assert_eq!(status, 0, "{report}");
    assert!(report.contains("outdated translation"), "still reported");
}

#[test]
fn editing_a_takeaway_outdates_every_translation_until_it_is_recorded_again() {
    let dir = copy_fixture("translations");
    let root = dir.path();
    let original = root.join("content/2020/sessions/ws-1.md");
    let text = std::fs::read_to_string(&original).unwrap();
    std::fs::write(
        &original,
        text.replace("across borders.", "across borders and regions."),
    )
    .unwrap();
    let warnings = outdated_warnings(root);
    for lang in ["fr", "ar", "es"] {
        let file = format!("content/2020/sessions/ws-1.{lang}.md");
        assert!(
            warnings.contains(&(file.clone(), 12, "translates.key_takeaways".into())),
            "{file}: {warnings:?}"
        );
    }
    // The unmarked Russian translation is not known to be current, which
    // is not a warning.
    assert!(!warnings.iter().any(|(p, ..)| p.contains(".ru.")));

    let (status, said) = run(
        root,
        &[
            "translations",
            "--record",
            root.join("content/2020/sessions/ws-1.fr.md")
                .to_str()
                .unwrap(),
            root.join("content/2020/sessions/ws-1.ar.md")
                .to_str()
                .unwrap(),
        ],
    );
    assert_eq!(status, 0, "{said}");
    assert!(said.contains("Recorded content/2020/sessions/ws-1.ar.md as current"));
    let left: Vec<String> = outdated_warnings(root).into_iter().map(|w| w.0).collect();
    assert_eq!(
        left,
        [
            "content/2020/messages/trust.fr.md",
            "content/2020/sessions/ws-1.es.md"
        ]
    );
    let ar = std::fs::read_to_string(root.join("content/2020/sessions/ws-1.ar.md")).unwrap();
    assert_eq!(
        ar.matches("translates:").count(),
        1,
        "replaced, not added: {ar}"
    );
}

#[test]
fn reformatting_and_untranslated_facts_do_not_outdate_a_translation() {
    let dir = copy_fixture("translations");
    let root = dir.path();
    let original = root.join("content/2020/sessions/ws-1.md");
    let text = std::fs::read_to_string(&original).unwrap();
    let moved = text
        .replace("room: Room 2\n", "")
        .replace(
            "title: Data flows and privacy\n",
            "title: 'Data  flows and privacy'\nroom: Room 3\n",
        )
        .replace(
            "## Summary of issues discussed\n\n",
            "## Summary of issues discussed\n\n\n",
        );
    assert_ne!(moved, text);
    std::fs::write(&original, moved).unwrap();
    let before = outdated_warnings(&fixture("translations"));
    assert_eq!(outdated_warnings(root), before);
}

#[test]
fn record_refuses_an_original_and_a_file_outside_the_archive() {
    let root = fixture("translations");
    let (status, said) = run(
        &root,
        &[
            "translations",
            "--record",
            root.join("content/2020/sessions/ws-2.md").to_str().unwrap(),
        ],
    );
    assert_eq!(status, 1);
    assert!(said.contains("is an original"), "{said}");
    let (status, said) = run(&root, &["translations", "--record", "Cargo.toml"]);
    assert_eq!(status, 1);
    assert!(
        said.contains("not in the archive's content/ folder"),
        "{said}"
    );
}

#[test]
fn status_counts_each_language_by_year_and_kind_as_json() {
    let (status, json) = run(
        &fixture("translations"),
        &["translations", "--format", "json"],
    );
    assert_eq!(status, 0, "{json}");
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let totals = |lang: &str| {
        let language = report["languages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["lang"] == lang)
            .unwrap();
        let t = &language["totals"];
        ["current", "outdated", "unmarked", "missing"].map(|s| t[s].as_u64().unwrap())
    };
    assert_eq!(totals("fr"), [1, 1, 0, 1]);
    assert_eq!(totals("ar"), [1, 1, 0, 1]);
    assert_eq!(totals("es"), [0, 1, 0, 2]);
    assert_eq!(totals("ru"), [0, 0, 1, 2]);
    assert_eq!(totals("zh"), [0, 0, 0, 3]);
    assert!(
        !json.contains("\"lang\": \"en\""),
        "originals are not translations"
    );
    let ar_sessions = &report["languages"][4]["groups"][0];
    assert_eq!(ar_sessions["year"], 2020);
    assert_eq!(ar_sessions["kind"], "session");
    let ws1 = &ar_sessions["documents"][0];
    assert_eq!(ws1["state"], "outdated");
    assert_eq!(ws1["translation"], "content/2020/sessions/ws-1.ar.md");
    assert_eq!(ws1["changed"], serde_json::json!(["key_takeaways"]));
    assert_eq!(ar_sessions["documents"][1]["state"], "missing");
    assert_eq!(
        ar_sessions["documents"][1]["translation"],
        "content/2020/sessions/ws-2.ar.md"
    );

    let (_, text) = run(&fixture("translations"), &["translations"]);
    assert!(
        text.contains("    outdated  content/2020/sessions/ws-1.es.md (changed: key_takeaways)"),
        "{text}"
    );
    assert!(
        text.contains("    unmarked  content/2020/sessions/ws-1.ru.md"),
        "{text}"
    );
}

#[test]
fn readers_of_an_outdated_translation_are_told_in_their_language() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&fixture("translations"), &out);
    let page = |path: &str| std::fs::read_to_string(out.join(path)).unwrap();

    let ar = page("ar/2020/sessions/ws-1/index.html");
    assert!(
        ar.contains("<html lang=\"ar\" dir=\"rtl\""),
        "right to left"
    );
    assert!(ar.contains("class=\"notice outdated-notice\" role=\"note\""));
    assert!(ar.contains("قد لا تكون هذه الترجمة محدَّثة"), "in Arabic");
    assert!(ar.contains("الاستنتاجات الرئيسية."), "names the part");
    assert!(
        ar.contains("<a href=\"../../../../en/2020/sessions/ws-1/index.html\" hreflang=\"en\">قراءة الأصل</a>"),
        "links to the original"
    );
    let es = page("es/2020/sessions/ws-1/index.html");
    assert!(es.contains("el original (English) ha cambiado: las conclusiones principales."));
    let fr_messages = page("fr/2020/messages/trust/index.html");
    assert!(fr_messages.contains("l&#39;original (English) a changé : le texte."));
    for current in [
        "fr/2020/sessions/ws-1/index.html",
        "ar/2020/messages/trust/index.html",
        "ru/2020/sessions/ws-1/index.html",
        "en/2020/sessions/ws-1/index.html",
    ] {
        assert!(!page(current).contains("outdated-notice"), "{current}");
    }

    let ar_list = page("ar/2020/sessions/index.html");
    assert!(ar_list.contains("<span class=\"outdated-badge\">ترجمة غير محدَّثة</span>"));
    assert!(!page("fr/2020/sessions/index.html").contains("outdated-badge"));

    let json = page("data/translations.json");
    let (_, printed) = run(
        &fixture("translations"),
        &["translations", "--format", "json"],
    );
    assert_eq!(json, printed, "the site's JSON is the command's");
    let status = page("ar/data/translations/index.html");
    assert!(status.contains("<h1>حالة الترجمات</h1>"));
    assert!(status.contains("content/2020/sessions/ws-1.ar.md"));
    assert!(status.contains("(التغييرات: الاستنتاجات الرئيسية)"));
    assert!(page("en/data/index.html").contains("href=\"../../en/data/translations/index.html\""));
}

#[test]
fn a_new_translation_records_its_original_at_once() {
    let dir = copy_fixture("translations");
    let root = dir.path();
    let (status, said) = run(
        root,
        &[
            "new",
            "session",
            "--year",
            "2020",
            "--code",
            "WS #2",
            "--title",
            "信任与安全",
            "--lang",
            "zh",
        ],
    );
    assert_eq!(status, 0, "{said}");
    let text = std::fs::read_to_string(root.join("content/2020/sessions/ws-2.zh.md")).unwrap();
    assert!(
        text.contains("\ntranslates: {title: \"") && text.contains("\", body: \""),
        "{text}"
    );
}

#[test]
fn a_misplaced_or_broken_record_is_reported_at_its_line() {
    let dir = copy_fixture("translations");
    let root = dir.path();
    let edit = |file: &str, from: &str, to: &str| {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit(
        "content/2020/sessions/ws-2.md",
        "date: 2020-11-11\n",
        "date: 2020-11-11\ntranslates: {title: \"00000000\"}\n",
    );
    edit(
        "content/2020/sessions/ws-1.es.md",
        "key_takeaways: \"",
        "key_takeaways: \"zz",
    );
    let (status, report) = run(root, &["check", "--format", "json"]);
    assert_eq!(status, 1, "{report}");
    let found: serde_json::Value = serde_json::from_str(&report).unwrap();
    let at = |path: &str| {
        found
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["path"] == path)
            .cloned()
            .unwrap_or_else(|| panic!("nothing about {path}: {report}"))
    };
    let original = at("content/2020/sessions/ws-2.md");
    assert_eq!(original["severity"], "warning");
    assert_eq!(original["line"], 7);
    assert_eq!(original["message"], "an original translates nothing");
    let broken = at("content/2020/sessions/ws-1.es.md");
    assert_eq!(broken["severity"], "error");
    assert_eq!(broken["line"], 12);
    assert_eq!(broken["field"], "translates.key_takeaways");
}
