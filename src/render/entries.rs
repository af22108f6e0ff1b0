//! List entries: how lists show a document. A session is in its year's
//! programme, its takeaways and each of its tracks' pages, in every
//! language, so an entry is rendered once per document, reader's language,
//! style and depth of page, and then reused.
//!
//! The built-in theme's entry partials have a compiled twin here, `write`,
//! which gives the same bytes as tera for a tenth of the work (tera looks
//! each `item.field` up through its whole stack, copying the path). A theme
//! that overrides any of these partials has its entries rendered by tera.

use super::Pool;
use super::models::{Local, TrackLink};
use crate::sync::lock;
use crate::text::escape_html_into as escape;
use foldhash::HashMap;
use serde::Serialize;
use serde_json::Value;
use std::borrow::Cow;
use std::sync::{Arc, Mutex};

/// How a list shows a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entry {
    /// Title, type, date and tracks (`partials/item.html`, `h4`): the
    /// programme, and the years of a track with many sessions.
    Brief,
    /// The same with its key takeaways: a track's page.
    Full,
    /// As the item of a list page (`h2`, with key takeaways): messages
    /// and outputs.
    Listed,
    /// With its takeaways and calls to action
    /// (`partials/takeaways-item.html`): the compilation of a year's
    /// takeaways.
    Compiled,
}

impl Entry {
    #[cfg(test)]
    pub const ALL: [Entry; 4] = [Entry::Brief, Entry::Full, Entry::Listed, Entry::Compiled];

    pub fn template(self) -> &'static str {
        match self {
            Entry::Compiled => "partials/takeaways-item.html",
            _ => "partials/item.html",
        }
    }

    pub fn heading(self) -> &'static str {
        match self {
            Entry::Listed => "h2",
            _ => "h4",
        }
    }

    pub fn shows_takeaways(self) -> bool {
        self != Entry::Brief
    }
}

/// Where an entry goes: the document, the reader's language (its place in
/// `site.yaml`), the style and the depth of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub index: usize,
    pub language: usize,
    pub style: Entry,
    pub depth: usize,
}

/// A document as lists show it to a reader: `item` in the templates.
/// It borrows from the archive, the theme and the renderer's labels, so
/// that an entry written by Rust copies nothing it does not write; tera
/// gets it serialised.
#[derive(Debug, Serialize)]
pub struct Item<'r> {
    pub title: &'r str,
    pub url: String,
    pub kind: &'static str,
    pub kind_label: &'r str,
    pub year: u16,
    /// The version's language, when it is not the reader's.
    pub lang: Option<&'r str>,
    pub lang_note: Option<String>,
    pub dir: Option<&'static str>,
    /// The mark of a translation whose original changed since.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outdated: Option<&'r str>,
    pub tracks: Vec<Cow<'r, TrackLink<'r>>>,
    pub key_takeaways: &'r [String],
    // Sessions have all of these, outputs a type: the others leave them
    // out, as templates expect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub type_label: Option<&'r str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Cow<'r, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calls_to_action: Option<&'r [String]>,
}

impl Item<'_> {
    fn doc_link(&self) -> DocLink<'_> {
        DocLink {
            url: &self.url,
            lang: self.lang.unwrap_or_default(),
            dir: self.dir.unwrap_or_default(),
            code: self.code.unwrap_or_default(),
            title: self.title,
            lang_note: self.lang_note.as_deref().unwrap_or_default(),
            outdated: self.outdated.unwrap_or_default(),
        }
    }
}

/// What a link to a document shows (`partials/doc-link.html`); "" for
/// what it does not have.
struct DocLink<'v> {
    url: &'v str,
    lang: &'v str,
    dir: &'v str,
    code: &'v str,
    title: &'v str,
    lang_note: &'v str,
    outdated: &'v str,
}

/// The entries made so far.
#[derive(Default)]
pub struct Entries {
    made: Mutex<HashMap<Key, Arc<str>>>,
    /// Template contexts with a language's UI strings, for themes whose
    /// entries tera renders. Keyed as entries are, without the document.
    contexts: Pool<Key>,
}

impl Entries {
    pub fn get(&self, key: Key) -> Option<Arc<str>> {
        lock(&self.made).get(&key).cloned()
    }

    pub fn keep(&self, key: Key, html: String) -> Arc<str> {
        let html: Arc<str> = html.into();
        lock(&self.made).insert(key, Arc::clone(&html));
        html
    }

    /// A template context for the entries like `key`, if one was put back.
    pub fn take_context(&self, key: Key) -> Option<tera::Context> {
        self.contexts.take(&Key { index: 0, ..key })
    }

    pub fn put_back_context(&self, key: Key, context: tera::Context) {
        self.contexts.put_back(Key { index: 0, ..key }, context);
    }

    /// Drops everything made so far, when no page to come needs it: a
    /// language's lists are done.
    pub fn forget(&self) {
        lock(&self.made).clear();
        self.contexts.clear();
    }
}

/// Writes the entry of `item` as the built-in partials render it; `strings`
/// are the reader's UI strings.
pub fn write(out: &mut String, item: &Item, style: Entry, root: &str, strings: &Value) {
    match style {
        Entry::Compiled => write_compiled(out, item, root, strings),
        _ => write_item(out, item, style, root),
    }
}

/// `partials/item.html`.
fn write_item(out: &mut String, item: &Item, style: Entry, root: &str) {
    let heading = style.heading();
    push_all(
        out,
        &[
            "<article class=\"item\">\n  <",
            heading,
            " class=\"item-title\">",
        ],
    );
    write_doc_link(out, &item.doc_link(), root);
    push_all(out, &["</", heading, ">\n  "]);
    write_meta_line(out, item, root);
    let takeaways = item.key_takeaways;
    if style.shows_takeaways() && !takeaways.is_empty() {
        out.push_str("\n  <ul class=\"takeaways\"");
        write_lang_attributes(out, item);
        out.push('>');
        write_list_items(out, takeaways);
        out.push_str("\n  </ul>");
    }
    out.push_str("\n</article>");
}

/// `partials/takeaways-item.html`.
fn write_compiled(out: &mut String, item: &Item, root: &str, strings: &Value) {
    out.push_str("<article class=\"item\">\n    <h3 class=\"item-title\">");
    write_doc_link(out, &item.doc_link(), root);
    out.push_str("</h3>\n    ");
    write_meta_line(out, item, root);
    out.push_str("\n    <div");
    write_lang_attributes(out, item);
    out.push_str(">\n    <h4 class=\"sub\">");
    escape(out, text(strings, "key_takeaways"));
    out.push_str("</h4>\n    <ol class=\"takeaways\">");
    // Each takeaway names its session, so that a printed or copied
    // takeaway keeps its source.
    for takeaway in item.key_takeaways {
        out.push_str("<li>");
        escape(out, takeaway);
        if let Some(code) = item.code {
            out.push_str(" <span class=\"source\">");
            escape(out, code);
            out.push_str("</span>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
    let calls = item.calls_to_action.unwrap_or_default();
    if !calls.is_empty() {
        out.push_str("\n    <h4 class=\"sub\">");
        escape(out, text(strings, "calls_to_action"));
        out.push_str("</h4>\n    <ol class=\"calls\">");
        write_list_items(out, calls);
        out.push_str("</ol>");
    }
    out.push_str("\n    </div>\n  </article>");
}

/// `partials/doc-link.html`.
fn write_doc_link(out: &mut String, link: &DocLink, root: &str) {
    out.push_str("<a href=\"");
    escape(out, root);
    escape(out, link.url);
    out.push('"');
    if !link.lang.is_empty() {
        push_escaped_attribute(out, " lang=\"", link.lang);
        push_escaped_attribute(out, " dir=\"", link.dir);
        push_escaped_attribute(out, " hreflang=\"", link.lang);
    }
    out.push('>');
    if !link.code.is_empty() {
        out.push_str("<span class=\"code\">");
        escape(out, link.code);
        out.push_str("</span> ");
    }
    escape(out, link.title);
    out.push_str("</a>");
    if !link.lang.is_empty() {
        out.push_str(" <span class=\"lang-badge\">");
        escape(out, link.lang_note);
        out.push_str("</span>");
    }
    if !link.outdated.is_empty() {
        out.push_str(" <span class=\"outdated-badge\">");
        escape(out, link.outdated);
        out.push_str("</span>");
    }
}

/// `partials/meta-line.html`.
fn write_meta_line(out: &mut String, item: &Item, root: &str) {
    out.push_str("<p class=\"meta\">");
    for value in [item.type_label, item.date.as_deref()] {
        let value = value.unwrap_or_default();
        if !value.is_empty() {
            out.push_str("<span>");
            escape(out, value);
            out.push_str("</span>");
        }
    }
    for track in &item.tracks {
        write_track_tag(out, track, root);
    }
    out.push_str("</p>");
}

/// A link to a track page, its title marked with its language when it is
/// not the reader's (the `text` macro of `macros.html`).
fn write_track_tag(out: &mut String, track: &TrackLink, root: &str) {
    out.push_str("<a class=\"track-tag\" href=\"");
    escape(out, root);
    escape(out, &track.url);
    out.push_str("\">");
    write_local_text(out, &track.title);
    out.push_str("</a>");
}

/// A text marked with its language when it is not the reader's: the
/// `text` macro of `macros.html`.
fn write_local_text(out: &mut String, local: &Local) {
    match local.lang.filter(|lang| !lang.is_empty()) {
        None => escape(out, local.text),
        Some(lang) => {
            push_escaped_attribute(out, "<span lang=\"", lang);
            out.push('>');
            escape(out, local.text);
            out.push_str("</span>");
        }
    }
}

/// ` lang="…" dir="…"` when the item is shown in another language.
fn write_lang_attributes(out: &mut String, item: &Item) {
    if let Some(lang) = item.lang.filter(|lang| !lang.is_empty()) {
        push_escaped_attribute(out, " lang=\"", lang);
        push_escaped_attribute(out, " dir=\"", item.dir.unwrap_or_default());
    }
}

fn write_list_items<S: AsRef<str>>(out: &mut String, items: impl IntoIterator<Item = S>) {
    for entry in items {
        out.push_str("<li>");
        escape(out, entry.as_ref());
        out.push_str("</li>");
    }
}

fn push_escaped_attribute(out: &mut String, opening: &str, value: &str) {
    out.push_str(opening);
    escape(out, value);
    out.push('"');
}

fn push_all(out: &mut String, parts: &[&str]) {
    parts.iter().for_each(|part| out.push_str(part));
}

/// A string field, or "" for null, missing or another type: what tera
/// shows for `{{ value }}` and treats as false in `{% if value %}` for the
/// fields an entry has.
fn text<'v>(value: &'v Value, key: &str) -> &'v str {
    value.get(key).and_then(Value::as_str).unwrap_or_default()
}
