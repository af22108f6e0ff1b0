//! Document pages, the bulk of a build: the built-in theme's `base.html`
//! and `document.html` have a compiled twin here, `write`, which gives the
//! same bytes as tera from the same template context. Tera costs each
//! `{{ a.b }}` a walk of its stack and a copy of the path, and a page has
//! about two hundred of them; this reads each value once. A theme that
//! overrides any of `theme::DOCUMENT_TEMPLATES` has its document pages rendered by tera.

use super::entries::{
    DocLink, array, list, text, write_doc_link, write_list_items, write_track_tag,
};
use crate::text::escape_html_into as escape;
use serde_json::Value;
use std::fmt::Write as _;

/// A page's template context, read as the templates read it.
pub(super) struct Values<'c> {
    context: &'c tera::Context,
    pub root: &'c str,
    pub t: &'c Value,
    pub nav: &'c Value,
    doc: &'c Value,
}

impl<'c> Values<'c> {
    pub fn of(context: &'c tera::Context) -> Self {
        let null = &Value::Null;
        Values {
            context,
            root: context
                .get("root")
                .and_then(Value::as_str)
                .unwrap_or_default(),
            t: context.get("t").unwrap_or(null),
            nav: context.get("nav").unwrap_or(null),
            doc: context.get("doc").unwrap_or(null),
        }
    }

    pub fn get(&self, key: &str) -> &'c Value {
        self.context.get(key).unwrap_or(&Value::Null)
    }

    pub fn string(&self, key: &str) -> &'c str {
        self.get(key).as_str().unwrap_or_default()
    }
}

/// Writes the page `document.html` renders from `context`.
pub fn write(context: &tera::Context) -> String {
    let page = Values::of(context);
    let html = page
        .doc
        .get("html")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let mut out = String::with_capacity(html.len() + 8 * 1024);
    write_head(&mut out, &page, |_| {});
    write_header(&mut out, &page);
    write_breadcrumb(&mut out, &page);
    out.push_str("\n<main id=\"main\" tabindex=\"-1\">\n\n<article class=\"document\">\n");
    write_doc_header(&mut out, &page);
    write_takeaways(&mut out, &page);
    write_toc(&mut out, &page);
    out.push_str("\n<div class=\"body\">\n");
    if page.doc.get("kind").and_then(Value::as_str) == Some("session") {
        out.push_str("<h2 class=\"visually-hidden\">");
        escape(&mut out, text(page.t, "report"));
        out.push_str("</h2>");
    }
    out.push('\n');
    out.push_str(html);
    out.push_str("\n</div>\n");
    write_cited_by(&mut out, &page);
    out.push_str("\n</article>\n");
    write_footer(&mut out, &page);
    out
}

/// `base.html` from the end of its `main` block.
pub(super) fn write_footer(out: &mut String, page: &Values) {
    out.push_str("\n</main>\n<footer class=\"site-footer\">\n  <p>");
    escape(out, text(page.t, "footer_about"));
    out.push(' ');
    link(out, page, text(page.nav, "data"), "");
    escape(out, text(page.t, "footer_data"));
    out.push_str("</a></p>\n</footer>\n\n</body>\n</html>\n");
}

/// `base.html` up to `<body>`, with what `head` writes as its `head`
/// block.
pub(super) fn write_head(out: &mut String, page: &Values, head: impl FnOnce(&mut String)) {
    let lang = page.string("lang");
    let site_title = page.string("site_title");
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    escape(out, lang);
    out.push_str("\" dir=\"");
    escape(out, page.string("dir"));
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    escape(out, page.string("page_title"));
    out.push_str(" · ");
    escape(out, site_title);
    out.push_str("</title>\n<link rel=\"stylesheet\" href=\"");
    escape(out, page.root);
    out.push_str("static/style.css\">\n<link rel=\"canonical\" href=\"");
    escape(out, page.string("canonical"));
    out.push_str("\">\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"");
    escape(out, site_title);
    out.push_str("\" href=\"");
    url(out, page, text(page.nav, "feed"));
    out.push_str("\">");
    for language in array(page.get("languages")) {
        let code = text(language, "code");
        if truthy(&language["translation"]) && code != lang {
            out.push_str("\n<link rel=\"alternate\" hreflang=\"");
            escape(out, code);
            out.push_str("\" href=\"");
            url(out, page, text(language, "url"));
            out.push_str("\">");
        }
    }
    out.push('\n');
    head(out);
    out.push_str("\n</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">");
    escape(out, text(page.t, "skip_to_content"));
    out.push_str("</a>\n");
}

/// `base.html`'s site header: languages, main navigation, search box.
pub(super) fn write_header(out: &mut String, page: &Values) {
    let lang = page.string("lang");
    out.push_str("<header class=\"site-header\">\n  <div class=\"bar\">\n    <a class=\"site-title\" href=\"");
    url(out, page, text(page.nav, "home"));
    out.push_str("\">");
    escape(out, page.string("site_title"));
    out.push_str("</a>\n    <nav class=\"languages\" aria-label=\"");
    escape(out, text(page.t, "languages"));
    out.push_str("\">\n      <ul>");
    for language in array(page.get("languages")) {
        let code = text(language, "code");
        out.push_str("\n        <li><a href=\"");
        url(out, page, text(language, "url"));
        out.push_str("\" lang=\"");
        escape(out, code);
        out.push_str("\" hreflang=\"");
        escape(out, code);
        out.push_str("\" dir=\"");
        escape(out, text(language, "dir"));
        out.push('"');
        if code == lang {
            out.push_str(" aria-current=\"true\"");
        }
        out.push('>');
        escape(out, text(language, "name"));
        out.push_str("</a></li>");
    }
    out.push_str("\n      </ul>\n    </nav>\n  </div>\n  <div class=\"bar\">\n    <nav class=\"main-nav\" aria-label=\"");
    escape(out, text(page.t, "main_navigation"));
    out.push_str("\">\n      <ul>");
    let (nav, t) = (page.nav, page.t);
    let home = text(nav, "home");
    write_link_items(
        out,
        page,
        "\n        ",
        [
            (home, "", text(t, "home")),
            (home, "#meetings", text(t, "meetings")),
            (text(nav, "tracks"), "", text(t, "tracks")),
            (text(nav, "search"), "", text(t, "search")),
        ],
    );
    out.push_str(
        "\n      </ul>\n    </nav>\n    <form class=\"search-box\" role=\"search\" action=\"",
    );
    url(out, page, text(page.nav, "search"));
    out.push_str("\" method=\"get\">\n      <label for=\"site-search\" class=\"visually-hidden\">");
    escape(out, text(page.t, "search_label"));
    out.push_str(
        "</label>\n      <input id=\"site-search\" type=\"search\" name=\"q\" placeholder=\"",
    );
    escape(out, text(page.t, "search_placeholder"));
    out.push_str("\">\n      <button type=\"submit\">");
    escape(out, text(page.t, "search_button"));
    out.push_str("</button>\n    </form>\n  </div>\n</header>\n");
}

/// `document.html`'s breadcrumb block.
fn write_breadcrumb(out: &mut String, page: &Values) {
    let meeting = page.get("meeting");
    out.push_str("\n<nav class=\"breadcrumb\" aria-label=\"");
    escape(out, text(page.t, "breadcrumb"));
    out.push_str("\">\n  <ol>");
    write_link_items(
        out,
        page,
        "\n    ",
        [
            (text(page.nav, "home"), "", text(page.t, "home")),
            (text(meeting, "url"), "", text(meeting, "label")),
            (page.string("list_url"), "", page.string("list_title")),
        ],
    );
    out.push_str("\n  </ol>\n</nav>\n");
}

/// The document's kind, title, facts and other languages.
fn write_doc_header(out: &mut String, page: &Values) {
    let (doc, t) = (page.doc, page.t);
    out.push_str("<header class=\"doc-header\">\n  <p class=\"kind\">");
    escape(out, text(doc, "kind_label"));
    if truthy(&doc["type_label"]) {
        out.push_str(" · ");
        escape(out, text(doc, "type_label"));
    }
    out.push_str("</p>\n  <h1>");
    if truthy(&doc["code"]) {
        out.push_str("<span class=\"code\">");
        escape(out, text(doc, "code"));
        out.push_str("</span> ");
    }
    escape(out, text(doc, "title"));
    out.push_str("</h1>\n  <dl class=\"facts\">");
    fact(out, t, "date", &doc["date"]);
    out.push_str("\n    <dt>");
    escape(out, text(t, "track"));
    out.push_str("</dt><dd>");
    for track in list(doc, "tracks") {
        write_track_tag(out, track, page.root);
    }
    out.push_str("</dd>");
    joined_fact(out, t, "organizers", &doc["organizers"]);
    fact(out, t, "moderator", &doc["moderator"]);
    fact(out, t, "rapporteur", &doc["rapporteur"]);
    joined_fact(out, t, "speakers", &doc["speakers"]);
    fact(out, t, "room", &doc["room"]);
    fact(out, t, "participants", &doc["participants"]);
    if doc["women_share"].is_number() {
        term(out, t, "women_share");
        render(out, &doc["women_share"]);
        out.push_str("%</dd>");
    }
    let (video, transcript) = (&doc["video"], &doc["transcript"]);
    if truthy(video) || truthy(transcript) {
        term(out, t, "links");
        if truthy(video) {
            write_anchor(out, video, text(t, "video"));
            out.push(' ');
        }
        if truthy(transcript) {
            write_anchor(out, transcript, text(t, "transcript"));
        }
        out.push_str("</dd>");
    }
    out.push_str("\n  </dl>");
    let translations = array(page.get("translations"));
    if !translations.is_empty() {
        let label = text(t, "other_languages");
        out.push_str("\n  <nav class=\"translations\" aria-label=\"");
        escape(out, label);
        out.push_str("\">\n    <span>");
        escape(out, label);
        out.push_str(":</span>\n    <ul>");
        for translation in translations {
            let code = text(translation, "code");
            out.push_str("<li><a href=\"");
            url(out, page, text(translation, "url"));
            out.push_str("\" hreflang=\"");
            escape(out, code);
            out.push_str("\" lang=\"");
            escape(out, code);
            out.push_str("\">");
            escape(out, text(translation, "name"));
            out.push_str("</a></li>");
        }
        out.push_str("</ul>\n  </nav>");
    }
    out.push_str("\n</header>");
}

fn write_takeaways(out: &mut String, page: &Values) {
    let takeaways = list(page.doc, "key_takeaways");
    if takeaways.is_empty() {
        return;
    }
    out.push_str("\n<section class=\"takeaways-box\" aria-labelledby=\"key-takeaways\">\n  <h2 id=\"key-takeaways\">");
    escape(out, text(page.t, "key_takeaways"));
    out.push_str("</h2>\n  <ol class=\"takeaways\">");
    write_list_items(out, strings(takeaways));
    out.push_str("</ol>");
    let calls = list(page.doc, "calls_to_action");
    if !calls.is_empty() {
        out.push_str("\n  <h2 id=\"calls-to-action\">");
        escape(out, text(page.t, "calls_to_action"));
        out.push_str("</h2>\n  <ol class=\"calls\">");
        write_list_items(out, strings(calls));
        out.push_str("</ol>");
    }
    out.push_str("\n</section>");
}

fn write_toc(out: &mut String, page: &Values) {
    let toc = list(page.doc, "toc");
    if toc.is_empty() {
        return;
    }
    out.push('\n');
    open_toc(out, page, "toc-heading");
    for entry in toc {
        out.push_str("<li class=\"toc-");
        render(out, &entry["level"]);
        out.push_str("\"><a href=\"#");
        render(out, &entry["id"]);
        out.push_str("\">");
        render(out, &entry["title"]);
        out.push_str("</a></li>");
    }
    out.push_str("\n  </ul>\n</nav>");
}

/// `<nav class="toc">` with its "Contents" heading, whose id is `id`, and
/// its list opened.
pub(super) fn open_toc(out: &mut String, page: &Values, id: &str) {
    out.push_str("<nav class=\"toc\" aria-labelledby=\"");
    out.push_str(id);
    out.push_str("\">\n  <h2 id=\"");
    out.push_str(id);
    out.push_str("\">");
    escape(out, text(page.t, "contents"));
    out.push_str("</h2>\n  <ul>");
}

fn write_cited_by(out: &mut String, page: &Values) {
    out.push_str(
        "<section class=\"cited-by\" aria-labelledby=\"cited-by\">\n  <h2 id=\"cited-by\">",
    );
    escape(out, text(page.t, "cited_by"));
    out.push_str("</h2>\n  ");
    let cited_by = array(page.get("cited_by"));
    if cited_by.is_empty() {
        out.push_str("<p>");
        escape(out, text(page.t, "cited_by_none"));
        out.push_str("</p>");
    } else {
        out.push_str("\n  <ul class=\"plain-list\">");
        for item in cited_by {
            out.push_str("<li>");
            write_doc_link(out, &DocLink::of_value(item), page.root);
            out.push_str("</li>");
        }
        out.push_str("</ul>\n  ");
    }
    out.push_str("\n</section>");
}

/// The strings of a list value, as tera shows its elements.
fn strings(list: &[Value]) -> impl Iterator<Item = &str> {
    list.iter().map(|v| v.as_str().unwrap_or_default())
}

/// `{{ root }}{{ path }}`: a link's target, relative to the page.
pub(super) fn url(out: &mut String, page: &Values, path: &str) {
    escape(out, page.root);
    escape(out, path);
}

/// `<a href="{{ root }}{{ path }}{suffix}">`.
pub(super) fn link(out: &mut String, page: &Values, path: &str, suffix: &str) {
    out.push_str("<a href=\"");
    url(out, page, path);
    out.push_str(suffix);
    out.push_str("\">");
}

/// `<li><a href="{{ root }}{{ path }}{suffix}">{{ label }}</a></li>` for
/// each (path, suffix, label), each after `indent`.
fn write_link_items<const N: usize>(
    out: &mut String,
    page: &Values,
    indent: &str,
    links: [(&str, &str, &str); N],
) {
    for (path, suffix, label) in links {
        out.push_str(indent);
        out.push_str("<li>");
        link(out, page, path, suffix);
        escape(out, label);
        out.push_str("</a></li>");
    }
}

/// `<a href="{{ href }}">{{ label }}</a>`, to a URL given as it is.
fn write_anchor(out: &mut String, href: &Value, label: &str) {
    out.push_str("<a href=\"");
    render(out, href);
    out.push_str("\">");
    escape(out, label);
    out.push_str("</a>");
}

/// `<dt>{{ t.key }}</dt><dd>`, on a new line of the facts.
fn term(out: &mut String, t: &Value, key: &str) {
    out.push_str("<dt>");
    escape(out, text(t, key));
    out.push_str("</dt><dd>");
}

/// A fact shown when it is set: `{% if doc.key %}…{{ doc.key }}…`.
fn fact(out: &mut String, t: &Value, key: &str, value: &Value) {
    if truthy(value) {
        term(out, t, key);
        render(out, value);
        out.push_str("</dd>");
    }
}

/// A list fact, joined with "; ", when it has entries.
fn joined_fact(out: &mut String, t: &Value, key: &str, value: &Value) {
    let Some(entries) = value.as_array().filter(|entries| !entries.is_empty()) else {
        return;
    };
    term(out, t, key);
    let mut joined = String::new();
    for (n, entry) in entries.iter().enumerate() {
        if n > 0 {
            joined.push_str("; ");
        }
        raw(&mut joined, entry);
    }
    escape(out, &joined);
    out.push_str("</dd>");
}

/// `{{ value }}`: a value as tera shows it, escaped.
pub(super) fn render(out: &mut String, value: &Value) {
    match value {
        Value::String(text) => escape(out, text),
        other => {
            let mut shown = String::new();
            raw(&mut shown, other);
            escape(out, &shown);
        }
    }
}

/// A value as tera shows it, before escaping.
fn raw(out: &mut String, value: &Value) {
    match value {
        Value::String(text) => out.push_str(text),
        Value::Number(number) => {
            let _ = match (number.as_i64(), number.as_u64(), number.as_f64()) {
                (Some(n), _, _) => write!(out, "{n}"),
                (_, Some(n), _) => write!(out, "{n}"),
                (_, _, Some(n)) => write!(out, "{n}"),
                _ => Ok(()),
            };
        }
        Value::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        Value::Null => {}
        Value::Array(entries) => {
            out.push('[');
            for (n, entry) in entries.iter().enumerate() {
                if n > 0 {
                    out.push_str(", ");
                }
                raw(out, entry);
            }
            out.push(']');
        }
        Value::Object(_) => out.push_str("[object]"),
    }
}

/// Whether `{% if value %}` holds.
pub(super) fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}
