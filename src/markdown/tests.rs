//! Bodies as readers and `check` see them: ids, links, problems, safety.

use super::*;

/// A body with its HTML, as the parse and the render stages see it.
struct Rendered {
    html: String,
    spans: Vec<LinkSpan>,
    toc: Vec<TocEntry>,
    links: Vec<DocLink>,
}

fn render(text: &str) -> (Rendered, Vec<Diagnostic>) {
    let (body, diagnostics) = super::render(text, "doc.md", 10, false);
    let made = html(text, "doc.md", 10);
    let rendered = Rendered {
        html: made.text,
        spans: made.links,
        toc: body.toc,
        links: body.links,
    };
    (rendered, diagnostics)
}

#[test]
fn headings_get_unique_ids_and_a_toc() {
    let (body, _) = render(
        "## Key policy questions\n\ntext\n\n## Key policy questions\n\n### Données et vie privée {#privacy}\n",
    );
    assert!(
        body.html.contains("<h2 id=\"key-policy-questions\">"),
        "{}",
        body.html
    );
    assert!(
        body.html.contains("<h2 id=\"key-policy-questions-1\">"),
        "{}",
        body.html
    );
    assert!(body.html.contains("<h3 id=\"privacy\">"), "{}", body.html);
    let ids: Vec<_> = body.toc.iter().map(|t| (t.level, t.id.as_str())).collect();
    assert_eq!(
        ids,
        [
            (2, "key-policy-questions"),
            (2, "key-policy-questions-1"),
            (3, "privacy")
        ]
    );
    assert_eq!(slugify("数据 治理"), "数据-治理");
}

#[test]
fn a_link_in_a_heading_points_at_the_heading() {
    let text = "Intro.\n\n## See [the workshop](@/2021/sessions/ws-1.md)\n\n![chart](x.png)\n";
    let (body, diagnostics) = render(text);
    let links: Vec<_> = body
        .links
        .iter()
        .map(|l| (l.target.as_str(), l.at))
        .collect();
    assert_eq!(links, [("2021/sessions/ws-1.md", Position::new(12, 1))]);
    let image = diagnostics
        .iter()
        .find(|d| d.message.contains("images"))
        .unwrap();
    assert_eq!((image.line, image.column), (14, 1));
}

#[test]
fn text_links_and_problems_are_the_same_with_and_without_html() {
    let text = "# T\n\nSee [a](@/2020/sessions/ws-2.md) and [b](javascript:x).\n\n```json\n{\"k\": 1}\n```\n\n| x |\n|---|\n| <i>y</i> |\n";
    let (with, with_problems) = super::render(text, "doc.md", 1, true);
    let (without, without_problems) = super::render(text, "doc.md", 1, false);
    assert_eq!(
        (&with.text, &with.links, &with.toc),
        (&without.text, &without.links, &without.toc)
    );
    assert_eq!(with_problems, without_problems);
    assert!(with.text.contains("{\"k\": 1}"), "{}", with.text);
    assert!(with.html.is_some_and(|h| h.text.contains("href=\"#\"")));
    assert_eq!(without.html, None);
}

#[test]
fn tables_footnotes_and_strikethrough() {
    let (body, _) = render("| a | b |\n|---|:-:|\n| 1 | 2 |\n\nText[^1] ~~old~~\n\n[^1]: Note.\n");
    assert!(
        body.html
            .contains("<div class=\"table-scroll\" tabindex=\"0\"><table>"),
        "{}",
        body.html
    );
    assert!(body.html.contains("style=\"text-align: center\""));
    assert!(body.html.contains("class=\"footnote-reference\""));
    assert!(body.html.contains("<del>old</del>"));
}

#[test]
fn code_is_highlighted_with_classes() {
    let (body, _) = render("```rust\nfn main() {}\n```\n");
    assert!(
        body.html
            .contains("<pre class=\"code\" data-lang=\"rust\"><code>"),
        "{}",
        body.html
    );
    assert!(body.html.contains("class=\"hl-"), "{}", body.html);
    let (plain, _) = render("```\n<b>x</b>\n```\n");
    assert!(
        plain.html.contains("&lt;b&gt;x&lt;/b&gt;"),
        "{}",
        plain.html
    );
}

#[test]
fn document_links_are_recorded_with_their_line() {
    let (body, _) = render("Intro\n\nSee [WS 1](@/2020/sessions/ws-1.md#summary).\n");
    assert_eq!(
        body.links,
        [DocLink {
            target: "2020/sessions/ws-1.md#summary".into(),
            at: Position::new(12, 5)
        }]
    );
    assert!(
        body.html
            .contains("href=\"@/2020/sessions/ws-1.md#summary\""),
        "{}",
        body.html
    );
}

#[test]
fn hostile_content_is_neutralised() {
    let hostile = "<script>alert(1)</script>\n\n<p onclick=\"steal()\">hi</p>\n\n<iframe src=\"https://evil.example\"></iframe>\n\n[x](javascript:alert(1)) [y]( JaVa\tScRiPt:alert(2)) <a href=\"javascript:alert(3)\">z</a>\n\n<img src=\"https://tracker.example/p.gif\" onerror=\"x()\">\n\n![t](https://tracker.example/i.png)\n";
    let (body, warnings) = render(hostile);
    let html = body.html.to_lowercase();
    for bad in [
        "<script",
        "onclick",
        "<iframe",
        "javascript:",
        "onerror",
        "<img",
        "src=",
    ] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    assert!(html.contains("hi"));
    assert!(warnings.iter().any(|w| w.message.contains("unsafe link")));
    assert!(
        warnings
            .iter()
            .any(|w| w.message == "raw HTML with <script> is left out"),
        "{warnings:?}"
    );
}

#[test]
fn a_removed_unsafe_link_keeps_its_text_and_no_anchor() {
    let (body, _) = render(
        "<p><a href=\"javascript:alert(1)\" title=\"a > b\">first</a>, <a name=\"x\">second</a> and <a href=\"https://igf.org\">third</a>.</p>\n",
    );
    assert!(
        body.html
            .contains("<p>first, second and <a href=\"https://igf.org\" rel=\"noopener noreferrer\">third</a>.</p>"),
        "{}",
        body.html
    );
    assert_eq!(body.html.matches("<a ").count(), 1, "{}", body.html);
    assert_eq!(body.html.matches("</a>").count(), 1, "{}", body.html);
}

#[test]
fn heading_attributes_other_than_an_id_are_dropped_with_a_warning() {
    let (body, warnings) = render(
        "text\n\n## Summary {#sum tabindex=0 autofocus onfocus=alert(document.domain)}\n\n### T {.x style=background-image:url(https://tracker.example/p.gif)}\n",
    );
    let html = body.html.to_lowercase();
    for bad in [
        "onfocus",
        "autofocus",
        "tabindex",
        "style",
        "tracker",
        "class",
    ] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    assert!(html.contains("<h2 id=\"sum\">summary</h2>"), "{html}");
    let lines: Vec<_> = warnings
        .iter()
        .filter(|w| w.message.contains("heading attributes"))
        .map(|w| w.line)
        .collect();
    assert_eq!(lines, [12, 14]);
}

#[test]
fn safe_urls() {
    for ok in [
        "https://igf.org",
        "mailto:a@b.org",
        "../x.html",
        "#top",
        "@/2020/sessions/a.md",
        "a:b/c".split(':').next().unwrap(),
    ] {
        assert!(is_safe_url(ok), "{ok}");
    }
    for bad in [
        "javascript:alert(1)",
        " JAVASCRIPT:x",
        "java\tscript:x",
        "data:text/html,x",
        "vbscript:x",
    ] {
        assert!(!is_safe_url(bad), "{bad}");
    }
}

#[test]
fn counts_words_in_spaced_and_unspaced_scripts() {
    assert_eq!(word_count("Trust is a shared responsibility."), 5);
    assert_eq!(word_count("数据治理需要合作"), 4);
}

/// The address of each link to a document, as written in the HTML.
fn addresses(rendered: &Rendered) -> Vec<(usize, &str)> {
    (rendered.spans.iter())
        .map(|s| (s.link, &rendered.html[s.span.clone()]))
        .collect()
}

#[test]
fn the_address_of_every_link_to_a_document_is_found_in_the_html() {
    let (body, _) = render(
        "## See [a](@/2020/sessions/a.md) and [b](@/2020/sessions/b.md#x) {#s}\n\n[c](@/2021/outputs/c.md \"A title\") ![d](@/2020/messages/d.md) [e](https://igf.org) `@/not/a/link.md`\n",
    );
    assert_eq!(body.links.len(), 4);
    assert_eq!(
        addresses(&body),
        [
            (0, "@/2020/sessions/a.md"),
            (1, "@/2020/sessions/b.md#x"),
            (2, "@/2021/outputs/c.md"),
            (3, "@/2020/messages/d.md"),
        ]
    );
}

#[test]
fn links_to_documents_keep_their_place_through_the_sanitiser() {
    let (body, _) = render(
        "<div>raw</div>\n\n[a](@/2020/sessions/a.md) <a href=\"@/2020/sessions/raw.md\">raw link</a> <b onclick=\"x()\">[b](@/2020/sessions/b.md)</b>\n",
    );
    assert!(!body.html.contains("onclick"), "{}", body.html);
    assert!(
        !body.html.contains("raw.md"),
        "an unchecked raw link keeps no address: {}",
        body.html
    );
    assert_eq!(
        addresses(&body),
        [(0, "@/2020/sessions/a.md"), (1, "@/2020/sessions/b.md")]
    );
}
