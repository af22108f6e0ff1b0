//! Where a body's HTML holds the address of each link to a document, so
//! that the render stage puts the resolved address there without reading
//! the HTML again. The HTML writer writes into a buffer shared with the
//! event stream; each time the stream hands out the opening of an `@/`
//! link, it notes where that tag starts, and finds the end of its
//! address once the writer has written it, before the next event.

use super::DOC_LINK_PREFIX;
use pulldown_cmark::{Event, Tag};
use std::cell::RefCell;
use std::fmt;
use std::ops::Range;
use std::rc::Rc;

/// A body's HTML, and the `href` value of each of its links to documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Html {
    pub text: String,
    /// In order; a link whose tag a sanitiser removed has none.
    pub links: Vec<LinkSpan>,
}

/// Where one link to a document has its address: `Body::links[link]`'s
/// `@/…`, as escaped in the HTML, is `text[span]`.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkSpan {
    pub link: usize,
    pub span: Range<usize>,
}

/// The HTML being written, shared by the writer and the event stream.
#[derive(Clone, Default)]
pub(super) struct Written(Rc<RefCell<String>>);

impl fmt::Write for Written {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.borrow_mut().push_str(s);
        Ok(())
    }
}

impl Written {
    pub fn with_capacity(bytes: usize) -> Self {
        Written(Rc::new(RefCell::new(String::with_capacity(bytes))))
    }

    pub fn into_string(self) -> String {
        Rc::try_unwrap(self.0).map_or_else(|shared| shared.borrow().clone(), RefCell::into_inner)
    }
}

/// Notes, as events are handed to the writer, where links' addresses are.
#[derive(Default)]
pub(super) struct Spans {
    written: Written,
    /// Where the opening tag of the last link handed out starts.
    pending: Option<usize>,
    /// Links to documents handed out so far.
    count: usize,
    pub found: Vec<LinkSpan>,
}

impl Spans {
    pub fn new(written: Written) -> Self {
        Spans {
            written,
            ..Spans::default()
        }
    }

    /// Called before each event is handed out: the writer has written the
    /// previous one whole.
    pub fn before(&mut self) {
        let Some(start) = self.pending.take() else {
            return;
        };
        let html = self.written.0.borrow();
        let opening = "<a href=\"";
        if html[start..].starts_with(opening) {
            let value = start + opening.len();
            let end = html[value..].find('"').map_or(html.len(), |i| value + i);
            self.found.push(LinkSpan {
                link: self.count - 1,
                span: value..end,
            });
        }
    }

    /// Called with each event handed out.
    pub fn handing_out(&mut self, event: &Event) {
        if let Event::Start(Tag::Link { dest_url, .. }) = event
            && dest_url.starts_with(DOC_LINK_PREFIX)
        {
            self.count += 1;
            self.pending = Some(self.written.0.borrow().len());
        }
    }
}

/// The spans of `links` in `html` after a sanitiser rewrote it: each
/// address is first replaced by a marker no body can contain (it depends
/// on the body itself), `clean` runs, and the markers that survive are
/// put back. `clean` is told the marker, to keep those addresses.
pub(super) fn through_sanitiser(
    html: &str,
    links: Vec<LinkSpan>,
    clean: impl FnOnce(&str, &str) -> String,
) -> Html {
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = std::hash::DefaultHasher::new();
    html.hash(&mut hasher);
    let marker = format!("{DOC_LINK_PREFIX}igf-link-{:016x}-", hasher.finish());
    let mut marked = String::with_capacity(html.len() + links.len() * marker.len());
    let mut at = 0;
    for (i, link) in links.iter().enumerate() {
        marked.push_str(&html[at..link.span.start]);
        marked.push_str(&marker);
        marked.push_str(&i.to_string());
        at = link.span.end;
    }
    marked.push_str(&html[at..]);
    let cleaned = clean(&marked, &marker);
    let mut text = String::with_capacity(cleaned.len());
    let mut found = Vec::new();
    let mut rest = cleaned.as_str();
    while let Some(start) = rest.find(&marker) {
        text.push_str(&rest[..start]);
        let after = &rest[start + marker.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let Some(link) = after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|i| links.get(i))
        else {
            rest = &after[digits..];
            continue;
        };
        let span_start = text.len();
        text.push_str(&html[link.span.clone()]);
        found.push(LinkSpan {
            link: link.link,
            span: span_start..text.len(),
        });
        rest = &after[digits..];
    }
    text.push_str(rest);
    Html { text, links: found }
}
