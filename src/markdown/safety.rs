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
    builder.clean(&close_raw_text(html)).to_string()
}

/// Elements whose content an HTML parser reads as text up to their end
/// tag (or, for `plaintext`, to the end of the document).
const RAW_TEXT: [&str; 11] = [
    "script",
    "style",
    "template",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// The HTML with each raw-text element that is never closed shown as
/// text: opened and left open, it would take the rest of the body with
/// it, headings and all, when the sanitiser parses the whole body.
fn close_raw_text(html: &str) -> Cow<'_, str> {
    // ASCII lowercase keeps every byte offset.
    let lower = html.to_ascii_lowercase();
    let mut unclosed = Vec::new();
    for name in RAW_TEXT {
        let (open, close) = (format!("<{name}"), format!("</{name}"));
        let mut from = 0;
        while let Some(found) = lower[from..].find(&open) {
            let at = from + found;
            from = at + open.len();
            let boundary = lower[from..].chars().next();
            if !boundary.is_none_or(|c| c.is_ascii_whitespace() || c == '>' || c == '/') {
                continue;
            }
            if name == "plaintext" || !lower[from..].contains(&close) {
                unclosed.push(at);
            }
        }
    }
    if unclosed.is_empty() {
        return Cow::Borrowed(html);
    }
    unclosed.sort_unstable();
    let mut out = String::with_capacity(html.len() + 3 * unclosed.len());
    let mut copied = 0;
    for at in unclosed {
        out.push_str(&html[copied..at]);
        out.push_str("&lt;");
        copied = at + 1;
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}
