//! Markdown → HTML for document bodies: tables, footnotes, strikethrough,
//! heading ids and a table of contents, code highlighted as CSS classes,
//! `@/` links recorded for the link stage, and nothing unsafe let through.
//!
//! Safety: pulldown-cmark escapes text and attribute values itself, so the
//! ways in for script are raw HTML, link or image URLs, and heading
//! attributes (`## T {onfocus=…}`), which it passes through as written.
//! URLs are checked here, event by event, and headings keep only their id;
//! a body that contains raw HTML is passed through ammonia as a whole.
//! Bodies without raw HTML (nearly all) skip that cost.

use crate::diagnostics::{Diagnostic, Position};

mod highlight;
mod links;
mod safety;
#[cfg(test)]
mod tests;
mod words;

use highlight::highlight;
pub use links::{Html, LinkSpan};
use links::{Spans, Written};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
pub use safety::is_safe_url;
use safety::sanitize;
use std::collections::{HashSet, VecDeque};
pub use words::{is_cjk, word_count};

/// What the parse stage keeps of a body: its headings, links and text,
/// and its HTML when there was room for it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    pub toc: Vec<TocEntry>,
    pub links: Vec<DocLink>,
    /// The text without markup. A build analyses it for search as the file
    /// is parsed and then keeps only its beginning, for excerpts.
    pub text: String,
    /// The HTML (`html`), made in the same pass when asked for. Without
    /// it, the page is made by reading the file again.
    pub html: Option<Html>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link to another document, `@/2020/sessions/ws-1.md`, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct DocLink {
    /// The target without the `@/`: `2020/sessions/ws-1.md#section`.
    pub target: String,
    pub at: Position,
}

/// The prefix of links between documents.
pub const DOC_LINK_PREFIX: &str = "@/";

/// Reads `text`, which starts on line `first_line` of the file `path`:
/// its headings, links, plain text and problems, and its HTML
/// `with_html`. An archive holds every body from parsing until the
/// pages are rendered, and at 100,000 reports their HTML does not fit
/// in memory: the parse stage asks for it while there is room, and the
/// render stage makes the rest again (`html`).
pub fn render(
    text: &str,
    path: &str,
    first_line: usize,
    with_html: bool,
) -> (Body, Vec<Diagnostic>) {
    let (mut body, html, diagnostics) = run(text, path, first_line, with_html);
    body.html = with_html.then(|| {
        // Held until the page is rendered: without the room reserved.
        let mut html = html;
        html.text.shrink_to_fit();
        html
    });
    (body, diagnostics)
}

/// The HTML of `text`; `@/…` link targets are left for the render
/// stage to resolve, at the places `Html::links` gives.
pub fn html(text: &str, path: &str, first_line: usize) -> Html {
    run(text, path, first_line, true).1
}

fn run(
    text: &str,
    path: &str,
    first_line: usize,
    with_html: bool,
) -> (Body, Html, Vec<Diagnostic>) {
    let mut state = State {
        path,
        lines: LineIndex::new(text, first_line),
        diagnostics: Vec::new(),
        links: Vec::new(),
        toc: Vec::new(),
        ids: HashSet::new(),
        text: String::with_capacity(text.len()),
        has_raw_html: false,
        left_out: Vec::new(),
    };
    let written = Written::with_capacity(if with_html { text.len() * 3 / 2 } else { 0 });
    let mut events = Events {
        parser: Parser::new_ext(text, options()).into_offset_iter(),
        ready: VecDeque::new(),
        state: &mut state,
        with_html,
        spans: Spans::new(written.clone()),
    };
    if with_html {
        // Writing to a String cannot fail.
        let _ = pulldown_cmark::html::write_html_fmt(written.clone(), events.by_ref());
    } else {
        // Without HTML, the events are only read for what `state` notes.
        events.by_ref().for_each(drop);
    }
    let links = std::mem::take(&mut events.spans.found);
    drop(events);
    let text_html = written.into_string();
    let html = if with_html && state.has_raw_html {
        links::through_sanitiser(&text_html, links, sanitize)
    } else {
        Html {
            text: text_html,
            links,
        }
    };
    let body = Body {
        toc: state.toc,
        links: state.links,
        text: state.text,
        html: None,
    };
    (body, html, state.diagnostics)
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

struct State<'p> {
    path: &'p str,
    lines: LineIndex<'p>,
    diagnostics: Vec<Diagnostic>,
    links: Vec<DocLink>,
    toc: Vec<TocEntry>,
    ids: HashSet<String>,
    text: String,
    has_raw_html: bool,
    /// The elements of raw HTML left out so far, each warned about once.
    left_out: Vec<String>,
}

impl State<'_> {
    /// One event, with the URLs of links and images checked, and its text
    /// noted.
    fn checked<'a>(&mut self, event: Event<'a>, offset: usize) -> Event<'a> {
        match event {
            // Images would make the reader's browser fetch a file the archive
            // does not hold, or request another site: show them as links.
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.diagnostics.push(
                    Diagnostic::warning(
                        self.path,
                        self.lines.position(offset),
                        "images are not part of the archive; this one is shown as a link",
                    )
                    .hint("describe the image in words, or link to it: [description](https://…)"),
                );
                let link = Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                };
                self.checked(Event::Start(link), offset)
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: self.check_link(dest_url, offset),
                title,
                id,
            }),
            Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
            Event::Html(html) => Event::Html(self.raw_html(html, offset)),
            Event::InlineHtml(html) => Event::InlineHtml(self.raw_html(html, offset)),
            Event::Text(ref text) | Event::Code(ref text) => {
                self.add_text(text);
                event
            }
            other => other,
        }
    }

    /// Raw HTML, or nothing where it has an element the sanitiser does
    /// not keep, with a warning at its line: the sanitiser parses the
    /// whole body, and such an element could take in the rest.
    fn raw_html<'a>(&mut self, html: CowStr<'a>, offset: usize) -> CowStr<'a> {
        self.has_raw_html = true;
        let found = safety::disallowed_elements(&html);
        if found.is_empty() {
            return html;
        }
        // One warning per element and body: `<svg>` and `</svg>` are one.
        let new: Vec<String> = (found.into_iter())
            .filter(|name| !self.left_out.contains(name))
            .collect();
        if new.is_empty() {
            return CowStr::Borrowed("");
        }
        self.left_out.extend(new.iter().cloned());
        let names: Vec<String> = new.iter().map(|name| format!("<{name}>")).collect();
        self.diagnostics.push(
            Diagnostic::warning(
                self.path,
                self.lines.position(offset),
                format!("raw HTML with {} is left out", names.join(", ")),
            )
            .hint("write the report in Markdown; scripts, styles, forms and embedded documents are not part of the archive"),
        );
        CowStr::Borrowed("")
    }

    fn check_link<'a>(&mut self, dest: CowStr<'a>, offset: usize) -> CowStr<'a> {
        if let Some(target) = dest.strip_prefix(DOC_LINK_PREFIX) {
            self.links.push(DocLink {
                target: target.to_string(),
                at: self.lines.position(offset),
            });
            return dest;
        }
        if is_safe_url(&dest) {
            return dest;
        }
        self.diagnostics.push(
            Diagnostic::warning(self.path, self.lines.position(offset), format!("unsafe link `{}` removed", crate::text::truncate(&dest, 40)))
                .expected("a web address (https://…), a mail address (mailto:…) or a link to a document (@/2020/sessions/ws-1.md)"),
        );
        CowStr::Borrowed("#")
    }

    fn dropped_heading_attributes(&mut self, offset: usize) {
        self.diagnostics.push(
            Diagnostic::warning(
                self.path,
                self.lines.position(offset),
                "heading attributes other than an id are removed",
            )
            .expected("at most an id: `## Summary {#summary}`")
            .hint("remove the classes and attributes between the braces"),
        );
    }

    fn heading_id(&mut self, explicit: Option<&str>, title: &str) -> String {
        let base = explicit
            .map(slugify)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| slugify(title));
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 1;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    fn add_text(&mut self, text: &str) {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        self.text.push_str(text.trim());
    }
}

/// The parser's events, rewritten one at a time for the HTML writer (or
/// only read, when no HTML is wanted): headings given ids, code
/// highlighted (for HTML only), tables boxed, links checked, and the text
/// and table of contents noted in `state` on the way. The writer takes
/// each event as it is made, so the events of a whole body are never held
/// at once: only those of an element rewritten whole, a heading or a code
/// block.
struct Events<'a, 'm, 'p, P> {
    parser: P,
    /// Events of an element rewritten whole, not yet taken.
    ready: VecDeque<Event<'a>>,
    state: &'m mut State<'p>,
    with_html: bool,
    /// Where the addresses of links to documents are written.
    spans: Spans,
}

impl<'a, P> Iterator for Events<'a, '_, '_, P>
where
    P: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
{
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        self.spans.before();
        let event = loop {
            if let Some(event) = self.ready.pop_front() {
                break event;
            }
            let (event, range) = self.parser.next()?;
            if let Some(event) = self.rewrite(event, range.start) {
                break event;
            }
        };
        self.spans.handing_out(&event);
        Some(event)
    }
}

impl<'a, P> Events<'a, '_, '_, P>
where
    P: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
{
    /// Turns one event of the parser into the next event to write. An
    /// element rewritten whole (a heading, a code block) is read to its end
    /// and its events are queued in `ready` instead; so is what follows a
    /// table's opening or closing.
    fn rewrite(&mut self, event: Event<'a>, offset: usize) -> Option<Event<'a>> {
        let ready = &mut self.ready;
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                if !classes.is_empty() || !attrs.is_empty() {
                    self.state.dropped_heading_attributes(offset);
                }
                let inner = collect_until_end(&mut self.parser);
                let title = plain_text(&inner);
                let id = self.state.heading_id(id.as_deref(), &title);
                if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                    self.state.toc.push(TocEntry {
                        level: level as u8,
                        id: id.clone(),
                        title: title.clone(),
                    });
                }
                // Only the id survives: other attributes would let a body
                // set event handlers, styles that fetch from outside, or
                // classes that restyle the page.
                ready.push_back(Event::Start(Tag::Heading {
                    level,
                    id: Some(id.into()),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
                ready.extend(inner.into_iter().map(|e| self.state.checked(e, offset)));
                ready.push_back(Event::End(TagEnd::Heading(level)));
                None
            }
            Event::Start(Tag::HtmlBlock) => {
                // A block of raw HTML, whole: a tag or comment it leaves
                // unfinished would take in the HTML after it.
                let mut html = String::new();
                for event in collect_until_end(&mut self.parser) {
                    if let Event::Html(text) = event {
                        html.push_str(&text);
                    }
                }
                let html = self.state.raw_html(html.into(), offset);
                Some(Event::Html(safety::finish_tags(&html).into_owned().into()))
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let code = plain_text(&collect_until_end(&mut self.parser));
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or(""),
                    CodeBlockKind::Indented => "",
                };
                self.state.add_text(&code);
                self.with_html
                    .then(|| Event::Html(highlight(&code, lang).into()))
            }
            Event::Start(Tag::Table(alignments)) => {
                // A wide table scrolls in its own box, never the page.
                ready.push_back(Event::Start(Tag::Table(alignments)));
                Some(Event::Html(
                    "<div class=\"table-scroll\" tabindex=\"0\">".into(),
                ))
            }
            Event::End(TagEnd::Table) => {
                ready.push_back(Event::Html("</div>".into()));
                Some(Event::End(TagEnd::Table))
            }
            other => Some(self.state.checked(other, offset)),
        }
    }
}

/// Collects the events up to the end of the element just opened.
fn collect_until_end<'a>(
    parser: &mut impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
) -> Vec<Event<'a>> {
    let mut depth = 1;
    let mut inner = Vec::new();
    for (event, _) in parser.by_ref() {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        inner.push(event);
    }
    inner
}

fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// A heading's id: lowercase letters and digits of any script, joined by `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// Maps byte offsets in a body to lines and columns of the whole file.
/// The body's line starts are found on the first question: a body without
/// `@/` links or problems never pays for them.
struct LineIndex<'t> {
    text: &'t str,
    first_line: usize,
    starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'t> LineIndex<'t> {
    fn new(text: &'t str, first_line: usize) -> Self {
        LineIndex {
            text,
            first_line,
            starts: std::cell::OnceCell::new(),
        }
    }

    fn position(&self, offset: usize) -> Position {
        let starts = self.starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.match_indices('\n').map(|(i, _)| i + 1));
            starts
        });
        let line = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        Position::new(self.first_line + line, column)
    }
}
