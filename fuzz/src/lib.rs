//! Checks shared by the fuzz targets: what "safe HTML" means for a body
//! and for a page, read the way a browser reads it, and what the other
//! files of a built site must stay (well-formed XML, JSON, search shards).
//!
//! HTML is tokenized with html5ever's tokenizer (the one ammonia uses),
//! switched into raw-text states where a browser's tree builder would
//! switch it, so a tag hidden in an attribute or behind a stray quote is
//! seen exactly where a browser would see it.

use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

/// A start tag as a browser's tokenizer reads it: names lowercased,
/// character references in values decoded.
#[derive(Debug, Clone)]
pub struct StartTag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl StartTag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the tokenizer saw: every start tag, and the text inside each
/// `<script>` (so that an inline script is told from `<script src>`).
#[derive(Debug, Default)]
pub struct Scan {
    pub tags: Vec<StartTag>,
    pub script_text: String,
}

#[derive(Default)]
struct Sink {
    scan: RefCell<Scan>,
    in_script: RefCell<bool>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                let name = tag.name.to_string();
                let attrs = tag
                    .attrs
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect();
                self.scan.borrow_mut().tags.push(StartTag {
                    name: name.clone(),
                    attrs,
                });
                // What the tree builder would tell the tokenizer (in body,
                // scripting enabled).
                match name.as_str() {
                    "script" => {
                        *self.in_script.borrow_mut() = true;
                        TokenSinkResult::RawData(RawKind::ScriptData)
                    }
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                }
            }
            Token::TagToken(tag) => {
                if &*tag.name == "script" {
                    *self.in_script.borrow_mut() = false;
                }
                TokenSinkResult::Continue
            }
            Token::CharacterTokens(text) if *self.in_script.borrow() => {
                self.scan.borrow_mut().script_text.push_str(&text);
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

/// Tokenizes `html` as a browser would.
pub fn scan(html: &str) -> Scan {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // A script or an encoding indicator pauses the tokenizer: go on.
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.scan.take()
}

/// The elements a body may hold: ammonia's defaults without `img` (which
/// the sanitiser removes), a superset of what pulldown-cmark writes.
const BODY_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "area",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "ins",
    "kbd",
    "li",
    "map",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Attributes that make a browser fetch something, or send something, by
/// themselves (without the reader following a link).
const FETCHING_ATTRIBUTES: &[&str] = &[
    "src",
    "srcset",
    "imagesrcset",
    "ping",
    "action",
    "formaction",
    "poster",
    "background",
    "lowsrc",
    "dynsrc",
    "codebase",
    "data",
    "manifest",
    "longdesc",
    "xlink:href",
];

/// Attributes whose value is a URL.
const URL_ATTRIBUTES: &[&str] = &["href", "cite", "action", "src", "formaction", "xlink:href"];

/// The styles the table cells of pulldown-cmark carry; no other style.
const TABLE_STYLES: &[&str] = &[
    "text-align: left",
    "text-align: center",
    "text-align: right",
];

/// A URL as a browser's URL parser sees it: leading and trailing C0
/// controls and spaces stripped, tabs and newlines removed anywhere.
pub fn browser_url(value: &str) -> String {
    value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The URL's scheme, lowercased, when it has one (`^[a-z][a-z0-9+.-]*:`).
pub fn scheme(url: &str) -> Option<String> {
    let url = browser_url(url);
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| candidate.to_ascii_lowercase())
}

/// A link a reader may follow: http(s), mailto, or relative (a path, a
/// fragment, a query, `//host/…`).
pub fn is_followable(url: &str) -> bool {
    match scheme(url) {
        None => true,
        Some(s) => matches!(s.as_str(), "http" | "https" | "mailto"),
    }
}

/// A URL that runs script or carries a document of its own.
pub fn is_script_url(url: &str) -> bool {
    matches!(
        scheme(url).as_deref(),
        Some("javascript" | "vbscript" | "data" | "livescript" | "mocha")
    )
}

/// Checks one attribute wherever it is: no event handler, no style but a
/// table cell's alignment, nothing that fetches, only followable links.
fn check_attribute(tag: &StartTag, name: &str, value: &str) -> Result<(), String> {
    let element = tag.name.as_str();
    if name.starts_with("on") {
        return Err(format!("event handler `{name}` on <{element}>"));
    }
    if name == "style" {
        if matches!(element, "th" | "td") && TABLE_STYLES.contains(&value) {
            return Ok(());
        }
        return Err(format!("style `{value}` on <{element}>"));
    }
    if name == "srcdoc" || name == "http-equiv" {
        return Err(format!("`{name}` on <{element}>"));
    }
    if URL_ATTRIBUTES.contains(&name) && is_script_url(value) {
        return Err(format!("script URL in `{name}` of <{element}>: {value:?}"));
    }
    if name == "href" && !is_followable(value) {
        return Err(format!(
            "href {value:?} on <{element}> is not http(s), mailto or relative"
        ));
    }
    Ok(())
}

/// A document body's HTML (`markdown::html`): only inert elements, no
/// script, event handler, `javascript:`, style or anything fetched.
pub fn check_body(html: &str) -> Result<Scan, String> {
    let scan = scan(html);
    for tag in &scan.tags {
        if !BODY_ELEMENTS.contains(&tag.name.as_str()) {
            return Err(format!("element <{}> in a body", tag.name));
        }
        for (name, value) in &tag.attrs {
            if FETCHING_ATTRIBUTES.contains(&name.as_str()) {
                return Err(format!("`{name}` on <{}> in a body", tag.name));
            }
            check_attribute(tag, name, value)?;
        }
    }
    Ok(scan)
}

/// Elements that run script, fetch, embed or restyle: never on a page but
/// where the theme puts them (`check_page`).
const FORBIDDEN_ON_PAGES: &[&str] = &[
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "img",
    "image",
    "picture",
    "source",
    "video",
    "audio",
    "track",
    "svg",
    "math",
    "style",
    "base",
    "portal",
    "template",
    "xmp",
    "plaintext",
    "noembed",
    "noframes",
    "noscript",
];

/// A whole page of the built site: the theme's own chrome (a stylesheet,
/// the search form, `search.js` on the search page) and nothing else that
/// runs, fetches or restyles.
pub fn check_page(html: &str, file: &str) -> Result<(), String> {
    let scan = scan(html);
    let mut scripts = 0;
    for tag in &scan.tags {
        let element = tag.name.as_str();
        if FORBIDDEN_ON_PAGES.contains(&element) {
            return Err(format!("element <{element}>"));
        }
        match element {
            "script" => {
                scripts += 1;
                let src = tag.attr("src").unwrap_or("");
                if !file.ends_with("search/index.html")
                    || scheme(src).is_some()
                    || src.starts_with('/')
                    || !src.ends_with("static/search.js")
                {
                    return Err(format!("script {src:?}"));
                }
            }
            "link" => {
                let rel = tag.attr("rel").unwrap_or("").to_ascii_lowercase();
                let href = tag.attr("href").unwrap_or("");
                let fetched = !rel
                    .split_ascii_whitespace()
                    .all(|r| matches!(r, "canonical" | "alternate"));
                if fetched && (scheme(href).is_some() || href.starts_with("//")) {
                    return Err(format!("<link rel={rel:?}> fetches {href:?}"));
                }
            }
            "form" => {
                let action = tag.attr("action").unwrap_or("");
                if scheme(action).is_some() || action.starts_with("//") {
                    return Err(format!("form action {action:?}"));
                }
            }
            _ => {}
        }
        for (name, value) in &tag.attrs {
            if name == "src" && element == "script" || name == "action" && element == "form" {
                continue;
            }
            if FETCHING_ATTRIBUTES.contains(&name.as_str()) {
                return Err(format!("`{name}` on <{element}>"));
            }
            check_attribute(tag, name, value)?;
        }
    }
    if !scan.script_text.trim().is_empty() {
        return Err(format!("inline script {:?}", scan.script_text));
    }
    if scripts > 1 {
        return Err(format!("{scripts} scripts"));
    }
    Ok(())
}

/// The other files of a built site, by kind: feeds and the sitemap are
/// well-formed XML, open data is valid JSON, a search shard is one call
/// `IGFSearch.name(…);` whose arguments are JSON. What report text can
/// reach must never break out of these.
pub fn check_site_file(path: &str, bytes: &[u8]) -> Result<(), String> {
    let text = || std::str::from_utf8(bytes).map_err(|e| format!("{path}: not UTF-8: {e}"));
    if path.ends_with(".xml") {
        roxmltree::Document::parse(text()?).map_err(|e| format!("{path}: not XML: {e}"))?;
    } else if path.ends_with(".json") {
        serde_json::from_slice::<serde_json::Value>(bytes)
            .map_err(|e| format!("{path}: not JSON: {e}"))?;
    } else if path.starts_with("search/") && path.ends_with(".js") {
        let text = text()?;
        let call = text
            .strip_prefix("IGFSearch.")
            .and_then(|t| t.strip_suffix(");\n"))
            .ok_or_else(|| format!("{path}: not one IGFSearch call"))?;
        let open = call
            .find('(')
            .ok_or_else(|| format!("{path}: no arguments"))?;
        let (name, args) = (&call[..open], &call[open + 1..]);
        if !name.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(format!("{path}: function {name:?}"));
        }
        serde_json::from_str::<serde_json::Value>(&format!("[{args}]"))
            .map_err(|e| format!("{path}: arguments are not JSON: {e}"))?;
    } else if path.ends_with(".html") {
        check_page(text()?, path).map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(())
}

/// `check_site_file`, skipping files already found good with the same
/// path and bytes in this process: most pages of the fixed archive come
/// out the same whatever the fuzzed file holds, and checking them again
/// would take most of each run.
pub fn check_site_file_once(path: &str, bytes: &[u8]) -> Result<(), String> {
    use std::collections::HashSet;
    use std::hash::{DefaultHasher, Hash, Hasher};
    use std::sync::Mutex;
    static GOOD: Mutex<Option<HashSet<u64>>> = Mutex::new(None);
    let mut hasher = DefaultHasher::new();
    (path, bytes).hash(&mut hasher);
    let key = hasher.finish();
    if GOOD
        .lock()
        .unwrap()
        .as_ref()
        .is_some_and(|good| good.contains(&key))
    {
        return Ok(());
    }
    check_site_file(path, bytes)?;
    let mut good = GOOD.lock().unwrap();
    let good = good.get_or_insert_with(HashSet::new);
    if good.len() >= 1 << 20 {
        good.clear();
    }
    good.insert(key);
    Ok(())
}

/// Whether `IGF_FUZZ_KNOWN` (a comma-separated list) names this known
/// bug, whose assertion is then skipped: only to fuzz past a bug already
/// reported until it is fixed, never in a regression test.
pub fn known(bug: &str) -> bool {
    static KNOWN: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    KNOWN
        .get_or_init(|| {
            std::env::var("IGF_FUZZ_KNOWN")
                .unwrap_or_default()
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .iter()
        .any(|k| k == bug)
}

/// The number of lines of a text as positions count them (a position may
/// point just past the last line: the end of the file).
pub fn line_count(text: &str) -> usize {
    text.matches('\n').count() + 1
}

/// `line_count` of a file's bytes as `source::decode` reads them
/// (CRLF and lone CR are line ends; invalid UTF-8 counted as replaced).
pub fn file_line_count(bytes: &[u8]) -> usize {
    let text = String::from_utf8_lossy(bytes);
    line_count(&text.replace("\r\n", "\n").replace('\r', "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(is_followable("https://x"));
        assert!(is_followable("#a"));
        assert!(is_followable("../a.html"));
        assert!(is_followable("@/2020/sessions/a.md"));
        assert!(!is_followable(" java\tscript:x"));
        assert!(!is_followable("data:text/html,x"));
        assert!(is_script_url("\u{1}JavaScript:x"));
    }

    #[test]
    fn bodies() {
        assert!(check_body("<p><a href=\"https://x\">x</a></p>").is_ok());
        assert!(check_body("<p onclick=\"x\">").is_err());
        assert!(check_body("<a href=\"&#x6a;avascript:x\">").is_err());
        assert!(check_body("<td style=\"text-align: left\">").is_ok());
        assert!(check_body("<p style=\"text-align: left\">").is_err());
        assert!(check_body("<img src=x>").is_err());
        assert!(check_body("<a/onmouseover=x>").is_err());
        assert!(check_body("<title><p onclick=x></title>").is_err());
        assert!(check_body("<a href=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:x\">").is_err());
    }

    #[test]
    fn pages() {
        let page = "<!doctype html><html><head><link rel=\"stylesheet\" href=\"../static/style.css\">\
            <link rel=\"canonical\" href=\"https://x.org/en/\"></head><body>\
            <form action=\"../search/index.html\"><input name=q><select><option>a</select></form>\
            <p>&lt;script&gt;</p></body></html>";
        assert_eq!(check_page(page, "en/index.html"), Ok(()));
        let search = "<script src=\"../../static/search.js\"></script>";
        assert_eq!(check_page(search, "en/search/index.html"), Ok(()));
        assert!(check_page(search, "en/index.html").is_err());
        assert!(check_page("<script>alert(1)</script>", "en/search/index.html").is_err());
        assert!(
            check_page(
                "<link rel=stylesheet href=\"https://x.org/s.css\">",
                "a.html"
            )
            .is_err()
        );
        assert!(check_page("<form action=\"https://evil.example\">", "a.html").is_err());
        assert!(check_page("<meta http-equiv=refresh content=\"0;url=x\">", "a.html").is_err());
    }

    #[test]
    fn site_files() {
        assert!(check_site_file("search/m-0.js", b"IGFSearch.meta(0,[\"a\"]);\n").is_ok());
        assert!(
            check_site_file("search/m-0.js", b"IGFSearch.meta(0,[\"a\"]);alert(1);\n").is_err()
        );
        assert!(check_site_file("feed.xml", b"<feed><title>a &amp; b</title></feed>").is_ok());
        assert!(check_site_file("feed.xml", b"<feed><title>a & b</title></feed>").is_err());
        assert!(check_site_file("data/2020.json", b"{\"a\": 1}").is_ok());
        assert!(check_site_file("data/2020.json", b"{\"a\": }").is_err());
    }
}
