//! What a body may link to and keep of raw HTML: nothing that runs
//! script or fetches from outside.

use std::borrow::Cow;

/// True for URLs a reader can follow without running script: web and mail
/// addresses, relative paths and fragments. Browsers ignore leading spaces
/// and control characters and tabs inside a scheme, so those are dropped
/// before looking at it.
pub fn is_safe_url(url: &str) -> bool {
    let mut scheme = String::new();
    let mut long = false;
    let significant = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    for c in significant {
        match c {
            ':' => return !long && matches!(scheme.as_str(), "http" | "https" | "mailto"),
            '/' | '?' | '#' => return true,
            // However long, what stands before a `:` is a scheme: only
            // its first letters are kept, to compare with the safe ones.
            _ if scheme.len() < 8 => scheme.push(c.to_ascii_lowercase()),
            _ => long = true,
        }
    }
    true
}

/// Cleans HTML from content with raw HTML in it: no scripts, no frames, no
/// event handlers, no `javascript:` URLs, nothing fetched from outside.
/// Links to documents keep their address only where it starts with
/// `ours`, which marks those written from Markdown (and checked): one
/// written in raw HTML was never checked, and would lead nowhere.
pub(super) fn sanitize(html: &str, ours: &str) -> String {
    let ours = ours.to_string();
    let mut builder = ammonia::Builder::default();
    builder
        .rm_tags(["img"])
        .add_tag_attributes("h1", ["id"])
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"])
        .add_tag_attributes("h5", ["id"])
        .add_tag_attributes("h6", ["id"])
        .add_tag_attributes("div", ["class", "id", "tabindex"])
        .add_tag_attributes("span", ["class"])
        .add_tag_attributes("pre", ["class", "data-lang"])
        .add_tag_attributes("code", ["class"])
        .add_tag_attributes("sup", ["class", "id"])
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .attribute_filter(move |_element, attribute, value| match attribute {
            "style" => matches!(
                value,
                "text-align: left" | "text-align: center" | "text-align: right"
            )
            .then_some(value.into()),
            "href" if value.starts_with(super::DOC_LINK_PREFIX) => {
                value.starts_with(&ours).then_some(value.into())
            }
            "href" => is_safe_url(value).then_some(value.into()),
            _ => Some(value.into()),
        });
    unwrap_links_without_href(&builder.clean(html).to_string())
}

/// The sanitised HTML with each `<a>` that has no `href` (its address was
/// unsafe, or it never had one) replaced by its content: the text stays,
/// with no anchor that leads nowhere. The HTML is the sanitiser's own
/// serialisation: attributes in double quotes, and no `<a>` inside another.
fn unwrap_links_without_href(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<a") {
        let after = &rest[at + 2..];
        if !after.starts_with([' ', '>']) {
            out.push_str(&rest[..at + 2]);
            rest = after;
            continue;
        }
        let tag_end = at + 2 + start_tag_length(after);
        let tag = &rest[at..tag_end];
        if tag.contains(" href=\"") {
            out.push_str(&rest[..tag_end]);
            rest = &rest[tag_end..];
            continue;
        }
        out.push_str(&rest[..at]);
        rest = &rest[tag_end..];
        if let Some(close) = rest.find("</a>") {
            out.push_str(&rest[..close]);
            rest = &rest[close + "</a>".len()..];
        }
    }
    out.push_str(rest);
    out
}

/// Where a start tag's closing `>` is, past its attributes' quoted values,
/// counted from after the tag's name; the whole text if it has none.
fn start_tag_length(after_name: &str) -> usize {
    let mut quoted = false;
    for (i, c) in after_name.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '>' if !quoted => return i + 1,
            _ => {}
        }
    }
    after_name.len()
}

/// Raw HTML with a tag or comment it leaves unfinished at its end shown
/// as text: `<div` at the end of a block would take the next heading in
/// as its attributes, `<!--` the rest of the body.
pub(super) fn finish_tags(html: &str) -> Cow<'_, str> {
    let mut text = Cow::Borrowed(html);
    // What followed an escaped `<` is text now, and may itself leave a tag
    // unfinished; past a few, every `<` left is text.
    for _ in 0..16 {
        match unfinished(&text) {
            None => return text,
            Some(at) => text = Cow::Owned(format!("{}&lt;{}", &text[..at], &text[at + 1..])),
        }
    }
    Cow::Owned(text.replace('<', "&lt;"))
}

/// Where the tag or comment that `html` leaves unfinished begins.
fn unfinished(html: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    // Where the tag or comment still open began, and what ends it.
    let mut open: Option<(usize, &str)> = None;
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        match (open, quote, bytes[i]) {
            (Some((_, "-->")), _, _) if bytes[i..].starts_with(b"-->") => {
                open = None;
                i += 2;
            }
            (Some((_, "-->")), _, _) => {}
            (Some(_), Some(q), b) if b == q => quote = None,
            (Some(_), Some(_), _) => {}
            (Some(_), None, b'"' | b'\'') => quote = Some(bytes[i]),
            (Some(_), None, b'>') => open = None,
            (Some(_), None, _) => {}
            (None, _, b'<') if bytes[i..].starts_with(b"<!--") => {
                open = Some((i, "-->"));
                i += 3;
            }
            (None, _, b'<')
                if bytes.get(i + 1).is_some_and(|b| {
                    b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?')
                }) =>
            {
                open = Some((i, ">"));
            }
            _ => {}
        }
        i += 1;
    }
    open.map(|(at, _)| at)
}

/// The elements raw HTML may have: those the sanitiser keeps, and `img`,
/// which it removes alone. Any other can change how the HTML after it is
/// read when the sanitiser parses the whole body — raw text up to an end
/// tag that never comes (`script`, `style`, `textarea`), foreign content
/// (`math`, `svg`, and MathML's names such as `list` or `ci`), a `select`
/// that drops the tags inside it — and take in the rest of the report.
fn allowed_elements() -> &'static std::collections::HashSet<&'static str> {
    static ALLOWED: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    ALLOWED.get_or_init(|| ammonia::Builder::default().clone_tags())
}

/// The elements raw HTML opens or closes that it may not have
/// (`allowed_elements`), by name, lowercased.
pub(super) fn disallowed_elements(html: &str) -> Vec<String> {
    let allowed = allowed_elements();
    let mut found: Vec<String> = Vec::new();
    for (at, _) in html.match_indices('<') {
        let name_at = at + 1 + usize::from(html[at + 1..].starts_with('/'));
        let name: String = html[name_at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let is_name = name.starts_with(|c: char| c.is_ascii_alphabetic());
        if is_name && !allowed.contains(name.as_str()) && !found.contains(&name) {
            found.push(name);
        }
    }
    found
}
