//! The build from a reader's and a mirror's side: what pages exist, what
//! they show, that every link resolves from disk, that hostile content is
//! neutralised, that builds are reproducible and failures lose nothing.

mod common;

use common::*;
use std::fs;
use std::path::Path;

#[test]
fn session_page_puts_takeaways_and_calls_to_action_first() {
    let (_dir, out) = built_fixture();
    // The whole page: tests/snapshots/snapshots__session-ws-1-en.snap.
    let page = read(&out, "en/2020/sessions/ws-1/index.html");
    let body_at = page.find("<div class=\"body\">").unwrap();
    assert!(
        page.find("takeaways-box").unwrap() < body_at,
        "takeaways come before the report"
    );
}

#[test]
fn track_index_lists_messages_outputs_and_sessions_across_years() {
    let (_dir, out) = built_fixture();
    // The whole page: tests/snapshots/snapshots__track-trust-en.snap.
    let page = read(&out, "en/tracks/trust/index.html");
    let (y2021, y2020) = (
        page.find("id=\"year-2021\"").expect("IGF 2021 is listed"),
        page.find("id=\"year-2020\"").expect("IGF 2020 is listed"),
    );
    assert!(y2021 < y2020, "the newest meeting comes first");
    let (of_2021, of_2020) = (&page[y2021..y2020], &page[y2020..]);
    for (year, shown) in [
        (of_2021, "Trust in a connected world"),
        (of_2020, "IGF 2020 Messages on Trust"),
        (of_2020, "Cybersecurity norms in practice"),
    ] {
        assert!(year.contains(shown), "{shown} is listed under its year");
    }
    let year_index = read(&out, "fr/2020/tracks/data/index.html");
    assert!(
        year_index.contains("Flux de données et vie privée"),
        "the French version is listed for French readers"
    );
    assert!(
        year_index.contains("Best Practice Forum on Data"),
        "an English-only output is listed too"
    );
}

#[test]
fn lists_fall_back_to_the_original_and_mark_its_language() {
    let (_dir, out) = built_fixture();
    // A year's track page lists sessions with their takeaways, marked too
    // (the whole page: tests/snapshots/snapshots__year-2020-track-trust-fr.snap).
    let track = read(&out, "fr/2020/tracks/trust/index.html");
    let fallback = between(
        &track,
        "<a href=\"../../../../en/2020/sessions/of-2/",
        "</article>",
    );
    assert!(
        fallback.starts_with("<a href=\"../../../../en/2020/sessions/of-2/index.html\" lang=\"en\" dir=\"ltr\" hreflang=\"en\">"),
        "the year's track links the original, marked: {fallback}"
    );
    assert!(
        fallback.contains(
            "<span class=\"lang-badge\">Disponible uniquement dans cette langue : English</span>"
        ),
        "and says, in French, that it exists only in English: {fallback}"
    );
    assert!(
        fallback.contains("<ul class=\"takeaways\" lang=\"en\" dir=\"ltr\">"),
        "its takeaways are marked English too: {fallback}"
    );
    let list = read(&out, "fr/2020/sessions/index.html");
    assert!(
        list.contains("<a href=\"../../../en/2020/sessions/of-2/index.html\" lang=\"en\" dir=\"ltr\" hreflang=\"en\">"),
        "the sessions list links the original, marked"
    );
    assert!(
        list.contains("href=\"../../../fr/2020/sessions/ws-1/index.html\""),
        "the French translation is linked where it exists"
    );
}

#[test]
fn documents_exist_only_in_the_languages_they_are_written_in() {
    let (_dir, out) = built_fixture();
    for lang in ["en", "fr", "es", "ru", "zh", "ar"] {
        assert!(
            out.join(format!("{lang}/2020/sessions/ws-1/index.html"))
                .is_file(),
            "{lang}"
        );
        assert!(
            out.join(format!("{lang}/2020/takeaways/index.html"))
                .is_file(),
            "{lang}"
        );
        assert!(
            out.join(format!("{lang}/tracks/data/index.html")).is_file(),
            "{lang}"
        );
        assert!(
            out.join(format!("{lang}/2021/tracks/trust/index.html"))
                .is_file(),
            "{lang}"
        );
        assert!(
            out.join(format!("{lang}/search/index.html")).is_file(),
            "{lang}"
        );
    }
    assert!(
        !out.join("fr/2020/sessions/of-2").exists(),
        "an untranslated report is not copied into other languages"
    );
    assert!(out.join("ar/2020/messages/trust/index.html").is_file());
    assert!(!out.join("fr/2020/messages/trust").exists());
}

#[test]
fn pages_carry_their_language_direction_and_translations() {
    let (_dir, out) = built_fixture();
    let arabic = read(&out, "ar/2020/sessions/ws-1/index.html");
    assert!(arabic.starts_with("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"));
    // Alternates are absolute under base_url, the page's own language and
    // x-default (the default language's version) included.
    for (hreflang, lang) in [("zh", "zh"), ("ar", "ar"), ("x-default", "en")] {
        let link = format!(
            "<link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"https://fixture.example.org/archive/{lang}/2020/sessions/ws-1/index.html\">"
        );
        assert!(arabic.contains(&link), "{link}");
    }
    assert!(arabic.contains("<meta name=\"description\" content=\""));
    let chinese = read(&out, "zh/index.html");
    assert!(chinese.contains("<html lang=\"zh\" dir=\"ltr\">"));
    let chooser = read(&out, "index.html");
    for (code, name) in [("en", "English"), ("ar", "العربية"), ("zh", "中文")] {
        assert!(chooser.contains(&format!("<a href=\"{code}/index.html\" hreflang=\"{code}\"><span class=\"choice-name\">{name}</span>")), "{code}");
    }
}

#[test]
fn links_between_documents_resolve_to_the_readers_language_and_back() {
    let (_dir, out) = built_fixture();
    let arabic_messages = read(&out, "ar/2020/messages/trust/index.html");
    assert!(
        arabic_messages.contains("href=\"../../../../ar/2020/sessions/ws-1/index.html\""),
        "to the Arabic translation"
    );
    assert!(
        arabic_messages.contains("href=\"../../../../en/2020/sessions/of-2/index.html\""),
        "to the English original"
    );
    let english_messages = read(&out, "en/2020/messages/trust/index.html");
    assert!(english_messages.contains(
        "href=\"../../../../en/2020/sessions/ws-1/index.html#summary-of-issues-discussed\""
    ));
    let session = read(&out, "en/2020/sessions/of-2/index.html");
    let cited_by = between(&session, "<section class=\"cited-by\"", "</section>");
    assert!(
        cited_by.contains("IGF 2020 Messages on Trust"),
        "a session lists the messages that cite it: {cited_by}"
    );
}

#[test]
fn long_outputs_get_a_table_of_contents_tables_footnotes_and_highlighting() {
    let (_dir, out) = built_fixture();
    let page = read(&out, "en/2020/outputs/bpf-data/index.html");
    let toc = between(&page, "<nav class=\"toc\"", "</nav>");
    assert!(
        toc.contains("<a href=\"#executive-summary\">Executive summary</a>"),
        "{toc}"
    );
    assert!(
        toc.contains("<li class=\"toc-3\"><a href=\"#a-sub-case\">"),
        "{toc}"
    );
    assert!(page.contains("<h2 id=\"executive-summary\">"));
    assert!(page.contains("<div class=\"table-scroll\" tabindex=\"0\"><table>"));
    assert!(page.contains("class=\"footnote-definition\""));
    assert!(page.contains("<del>Old text</del>"));
    assert!(page.contains("<pre class=\"code\" data-lang=\"yaml\"><code><span class=\"hl-"));
}

#[test]
fn every_link_and_resource_resolves_to_a_file_from_disk() {
    let (_dir, out) = built_fixture();
    let files = read_tree(&out);
    let mut checked = 0;
    // 404.html is served in place of a missing page at any depth: its
    // links start from base_url's path (tests/validators.rs checks them).
    let pages = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && *p != "404.html");
    for (path, bytes) in pages {
        let html = String::from_utf8(bytes.clone()).unwrap();
        let dir = Path::new(path).parent().unwrap();
        for (attribute, value) in attribute_values(&html, "href")
            .into_iter()
            .map(|v| ("href", v))
            .chain(
                attribute_values(&html, "src")
                    .into_iter()
                    .map(|v| ("src", v)),
            )
        {
            if value.starts_with("https://")
                || value.starts_with("http://")
                || value.starts_with("mailto:")
            {
                assert_eq!(
                    attribute, "href",
                    "{path}: a resource from outside: {value}"
                );
                assert!(
                    !html.contains(&format!("<link rel=\"stylesheet\" href=\"{value}")),
                    "{path}: {value}"
                );
                continue;
            }
            // A citation to download carries its file (`partials/cite.html`);
            // nothing else may be a data: URL, least of all a resource.
            if value.starts_with("data:") {
                let citation = [
                    "application/vnd.citationstyles.csl+json;",
                    "application/x-bibtex;",
                ]
                .iter()
                .any(|mime| value["data:".len()..].starts_with(mime));
                assert!(
                    attribute == "href" && citation,
                    "{path}: a {attribute} data: URL that is no citation: {value}"
                );
                continue;
            }
            assert!(
                !value.starts_with('/') && !value.contains("://"),
                "{path}: not relative: {value}"
            );
            let (file, fragment) = value.split_once('#').unwrap_or((value, ""));
            let file = file.split('?').next().unwrap();
            let target = if file.is_empty() {
                path.clone()
            } else {
                normalize(&dir.join(file))
            };
            assert!(
                !target.ends_with('/') && !file.ends_with('/'),
                "{path}: link without a file name: {value}"
            );
            let target_html = files
                .get(&target)
                .unwrap_or_else(|| panic!("{path}: {value} → {target} does not exist"));
            if !fragment.is_empty() {
                let target_html = String::from_utf8_lossy(target_html);
                assert!(
                    target_html.contains(&format!("id=\"{fragment}\"")),
                    "{path}: {value}: no element with id {fragment}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} links checked");
}

/// The tags of some HTML, `<a href="…">`, without the text between them.
fn tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .filter_map(|piece| piece.split_once('>').map(|(tag, _)| tag))
        .collect()
}

fn normalize(path: &Path) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.iter().map(|p| p.to_str().unwrap()) {
        match part {
            "." => {}
            ".." => assert!(
                parts.pop().is_some(),
                "a link leaves the site: {}",
                path.display()
            ),
            other => parts.push(other),
        }
    }
    parts.join("/")
}

#[test]
fn hostile_content_is_neutralised_everywhere() {
    let (_dir, out) = built_fixture();
    for (path, bytes) in read_tree(&out).iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes).to_lowercase();
        let scripts = html.matches("<script").count();
        let own_scripts = html.matches("<script src=\"").count();
        assert_eq!(
            scripts, own_scripts,
            "{path}: a script that is not the theme's"
        );
        // The figures pages draw their charts as the theme's own inline SVG.
        assert_eq!(
            html.matches("<svg").count(),
            html.matches("<svg class=\"chart\"").count(),
            "{path}: an SVG that is not the theme's chart"
        );
        for bad in [
            "javascript:",
            "<iframe",
            "<object",
            "action=\"http",
            "<input name",
            "tracker.example",
            "evil.example",
        ] {
            assert!(!html.contains(bad), "{path} contains {bad}");
        }
        for tag in tags(&html) {
            // Attribute names only: quoted values are text ("Online").
            let names: Vec<&str> = tag.split('"').step_by(2).collect();
            let handler = (names.iter())
                .flat_map(|part| part.split_whitespace())
                .skip(1)
                .find(|attribute| attribute.starts_with("on"));
            assert!(handler.is_none(), "{path}: an event handler in {tag}");
        }
    }
    let page = read(&out, "en/2020/sessions/hostile/index.html");
    assert!(
        page.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Hostile"),
        "front matter is shown as text"
    );
    assert!(
        page.contains(
            "<a href=\"https://igf.example/ok\" rel=\"noopener noreferrer\">fine link</a>"
        ),
        "safe links stay"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("elsewhere/b"));
    build(&fixture("basic"), &a);
    build(&fixture("basic"), &b);
    let (first, second) = (read_tree(&a), read_tree(&b));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between builds");
    }
    let root = fixture("basic").canonicalize().unwrap();
    for (path, bytes) in &first {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(root.to_str().unwrap()) && !text.contains(dir.path().to_str().unwrap()),
            "{path} holds an absolute path"
        );
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let archive = copy_fixture("basic");
    let out = archive.path().join("public");
    build(archive.path(), &out);
    let before = read_tree(&out);
    let session = archive.path().join("content/2020/sessions/ws-1.md");
    fs::write(
        &session,
        fs::read_to_string(&session)
            .unwrap()
            .replace("tracks: [data]", "tracks: [dat]"),
    )
    .unwrap();
    let errors = match igf_archive::build(archive.path(), &out) {
        Err(igf_archive::BuildError::Content(errors)) => errors,
        other => panic!("the build should fail: {other:?}"),
    };
    let error = errors
        .iter()
        .find(|d| d.message == "unknown track `dat`")
        .expect("the broken field is reported");
    assert_eq!(
        (error.path.as_str(), error.line, error.column),
        ("content/2020/sessions/ws-1.md", 5, 10)
    );
    assert_eq!(error.hint.as_deref(), Some("did you mean `data`?"));
    assert_eq!(read_tree(&out), before, "the previous output is untouched");
}

#[test]
fn a_rebuild_rewrites_only_what_changed() {
    let archive = copy_fixture("basic");
    let out = archive.path().join("public");
    build(archive.path(), &out);
    let inode = |p: &str| std::os::unix::fs::MetadataExt::ino(&fs::metadata(out.join(p)).unwrap());
    let untouched = inode("en/2021/sessions/of-1/index.html");
    let session = archive.path().join("content/2020/sessions/ws-1.md");
    fs::write(
        &session,
        fs::read_to_string(&session)
            .unwrap()
            .replace("Data flows and privacy", "Data flows, privacy and trust"),
    )
    .unwrap();
    let summary = build(archive.path(), &out);
    assert_eq!(inode("en/2021/sessions/of-1/index.html"), untouched);
    assert!(
        read(&out, "en/2020/sessions/ws-1/index.html").contains("Data flows, privacy and trust")
    );
    assert!(
        summary.write.written < summary.write.files / 2,
        "{:?}",
        summary.write
    );
}

#[test]
fn an_archives_own_theme_overrides_the_default_file_by_file() {
    let archive = copy_fixture("basic");
    let templates = archive.path().join("themes/plain/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(templates.join("404.html"), "<!DOCTYPE html><html lang=\"{{ lang }}\"><title>Lost</title><p>Custom 404 for {{ site_title }}</p></html>").unwrap();
    // A partial of list entries, which the built-in theme writes in Rust.
    fs::create_dir_all(templates.join("partials")).unwrap();
    fs::write(
        templates.join("partials/meta-line.html"),
        "<p class=\"meta\">{% if item.date %}Held on {{ item.date }}{% endif %}</p>",
    )
    .unwrap();
    // The document page, which the built-in theme also writes in Rust.
    fs::write(
        templates.join("document.html"),
        "{% extends \"base.html\" %}{% block main %}<p class=\"own\">{{ doc.title }}</p>{% endblock main %}",
    )
    .unwrap();
    use_theme(archive.path(), "plain");
    let out = archive.path().join("public");
    build(archive.path(), &out);
    assert!(read(&out, "404.html").contains("Custom 404 for Fixture Archive"));
    let session = read(&out, "en/2020/sessions/ws-1/index.html");
    assert!(
        session.contains("<main id=\"main\" tabindex=\"-1\">\n<p class=\"own\">"),
        "{session}"
    );
    let sessions = read(&out, "en/2020/sessions/index.html");
    assert!(
        sessions.contains("<p class=\"meta\">Held on 10 November 2020</p>"),
        "{sessions}"
    );
    assert!(
        read(&out, "fr/2020/takeaways/index.html").contains("<p class=\"meta\">Held on "),
        "the takeaways compilation uses the partial too"
    );
    assert!(
        read(&out, "en/index.html").contains("class=\"site-header\""),
        "the other templates stay the default's"
    );
}

#[test]
fn pretty_urls_drop_index_html_and_still_resolve() {
    let archive = copy_fixture("basic");
    let config = archive.path().join("site.yaml");
    fs::write(
        &config,
        fs::read_to_string(&config).unwrap() + "pretty_urls: true\n",
    )
    .unwrap();
    let out = archive.path().join("public");
    build(archive.path(), &out);
    let page = read(&out, "fr/2020/sessions/index.html");
    assert!(
        page.contains("href=\"../../../fr/2020/sessions/ws-1/\""),
        "links end at the folder"
    );
    assert!(!page.contains("index.html\""), "no link names index.html");
    let files = read_tree(&out);
    for value in attribute_values(&page, "href")
        .into_iter()
        .filter(|v| !v.starts_with("http") && !v.starts_with('#'))
    {
        let file = value.split('#').next().unwrap();
        let target = normalize(&Path::new("fr/2020/sessions").join(file));
        let target = if file.ends_with('/') || file.is_empty() {
            format!("{target}/index.html")
        } else {
            target
        };
        assert!(
            files.contains_key(target.trim_start_matches('/')),
            "{value} → {target}"
        );
    }
}

#[test]
fn a_theme_missing_a_ui_string_warns_and_uses_the_default_languages() {
    let archive = copy_fixture("basic");
    let i18n = archive.path().join("themes/plain/i18n");
    fs::create_dir_all(&i18n).unwrap();
    let french = fs::read_to_string(fixture("../../themes/default/i18n/fr.yaml")).unwrap();
    let french: String = french
        .lines()
        .filter(|l| !l.starts_with("skip_to_content:"))
        .map(|l| {
            if l.starts_with("home:") {
                "home: Maison\n".to_string()
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    fs::write(i18n.join("fr.yaml"), french).unwrap();
    use_theme(archive.path(), "plain");
    let out = archive.path().join("public");
    let summary = build(archive.path(), &out);
    let warning = summary
        .warnings
        .iter()
        .find(|w| w.path == "themes/plain/i18n/fr.yaml")
        .expect("a warning names the file");
    assert_eq!(warning.field.as_deref(), Some("skip_to_content"));
    for page in [
        "fr/index.html",
        "fr/2020/sessions/ws-1/index.html",
        "fr/2020/sessions/index.html",
    ] {
        let html = read(&out, page);
        assert!(
            html.contains(">Skip to main content<"),
            "{page}: the default language's string"
        );
        assert!(html.contains(">Maison<"), "{page}: the theme's own string");
    }
}
