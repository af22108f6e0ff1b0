//! A document body through the Markdown renderer and the sanitiser.
//!
//! Input: any bytes, read as UTF-8 (invalid sequences replaced: a file
//! that is not UTF-8 never reaches the renderer, but the renderer must not
//! care). Asserts:
//! - the HTML is safe (`igf_archive_fuzz::check_body`): only inert
//!   elements; no script, event handler, `javascript:` (or other script)
//!   URL, style (but a table cell's `text-align`), image, frame or other
//!   attribute that fetches; every href http(s), mailto, relative or a
//!   fragment;
//! - `render` with and without HTML agree on the table of contents, the
//!   `@/` links, the text and the diagnostics, and the HTML it keeps is
//!   byte for byte what `html` makes again for the render stage;
//! - the places `Html::links` gives for the render stage to write resolved
//!   addresses at are in order, each the `@/` address of one of the body's
//!   links, as the value of an `href`; and the HTML stays safe once they
//!   are written there (as `resolve_links` in src/render/document.rs does);
//! - every table-of-contents entry is the id of an `h2`/`h3` in the HTML
//!   (a heading lost means a body whose rest was lost);
//! - every diagnostic and link points into the text (line and column ≥ 1,
//!   line within the body).
#![no_main]

use igf_archive::markdown::{self, DOC_LINK_PREFIX};
use igf_archive_fuzz::{check_body, line_count};
use libfuzzer_sys::fuzz_target;

/// The line the body starts on, as if after a front matter of 9 lines.
const FIRST_LINE: usize = 10;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let (with, with_diagnostics) = markdown::render(text, "doc.md", FIRST_LINE, true);
    let (without, without_diagnostics) = markdown::render(text, "doc.md", FIRST_LINE, false);
    let html = markdown::html(text, "doc.md", FIRST_LINE);

    assert_eq!(
        with.html.as_ref(),
        Some(&html),
        "kept HTML differs from HTML made again"
    );
    assert_eq!(without.html, None);
    assert_eq!(with.toc, without.toc, "toc differs with and without HTML");
    assert_eq!(
        with.links, without.links,
        "links differ with and without HTML"
    );
    assert_eq!(
        with.text, without.text,
        "text differs with and without HTML"
    );
    assert_eq!(
        with_diagnostics, without_diagnostics,
        "diagnostics differ with and without HTML"
    );

    let scan = match check_body(&html.text) {
        Ok(scan) => scan,
        Err(problem) => panic!(
            "unsafe HTML: {problem}\n--- input\n{text}\n--- HTML\n{}",
            html.text
        ),
    };

    // The places the render stage writes resolved addresses at: in order,
    // each the `@/` address of one of the body's links, inside an href.
    let mut end = 0;
    for span in &html.links {
        assert!(
            span.link < with.links.len(),
            "span of link {} of {}",
            span.link,
            with.links.len()
        );
        let at = span.span.clone();
        assert!(
            end <= at.start && at.start <= at.end,
            "spans out of order: {:?}",
            html.links
        );
        end = at.end;
        let written = html
            .text
            .get(at.clone())
            .unwrap_or_else(|| panic!("span {at:?} is not in the HTML"));
        assert!(
            written.starts_with(DOC_LINK_PREFIX),
            "span {at:?} holds {written:?}, not an address"
        );
        assert!(
            html.text[..at.start].ends_with("href=\""),
            "span {at:?} is not an href's value in {}",
            html.text
        );
    }
    // And what comes out once they are written there (as `resolve_links`
    // in src/render/document.rs does: a relative URL and the fragment, or
    // `#`) is as safe.
    let mut resolved = String::with_capacity(html.text.len() + 64);
    let mut at = 0;
    for (i, span) in html.links.iter().enumerate() {
        resolved.push_str(&html.text[at..span.span.start]);
        let written = &html.text[span.span.clone()];
        if i % 2 == 0 {
            resolved.push_str("../../../fr/2020/sessions/ws-1/index.html");
            resolved.push_str(written.find('#').map_or("", |i| &written[i..]));
        } else {
            resolved.push('#');
        }
        at = span.span.end;
    }
    resolved.push_str(&html.text[at..]);
    if let Err(problem) = check_body(&resolved) {
        panic!(
            "unsafe HTML once links are resolved: {problem}\n--- input\n{text}\n--- HTML\n{resolved}"
        );
    }

    let heading_ids: Vec<&str> = scan
        .tags
        .iter()
        .filter(|t| matches!(t.name.as_str(), "h2" | "h3"))
        .filter_map(|t| t.attr("id"))
        .collect();
    for entry in &with.toc {
        assert!(matches!(entry.level, 2 | 3), "toc level {}", entry.level);
        assert!(
            heading_ids.contains(&entry.id.as_str()),
            "toc id {:?} is not a heading's id in {}",
            entry.id,
            html.text
        );
    }

    let last_line = FIRST_LINE + line_count(text) - 1;
    for d in &with_diagnostics {
        assert_eq!(d.path, "doc.md");
        assert!(
            (FIRST_LINE..=last_line).contains(&d.line) && d.column >= 1,
            "diagnostic outside the body: {d:?}"
        );
    }
    for link in &with.links {
        assert!(
            (FIRST_LINE..=last_line).contains(&link.at.line) && link.at.column >= 1,
            "link outside the body: {link:?}"
        );
    }
});
