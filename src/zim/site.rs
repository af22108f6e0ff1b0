//! The built site as ZIM entries: one `C/` entry a file, with its MIME
//! type, and for each page its `<title>`, so that Kiwix lists and suggests
//! pages by what they are called rather than by path.

use super::format::{Body, Content, Entry, Namespace};
use std::io;
use std::path::Path;

/// Every file under `site`, in path order, as content entries; a page's
/// title is its `<title>` less the first of `title_suffixes` it ends with
/// (the site's name, which every page repeats). With
/// `pretty_urls`, links end in `folder/`, which a ZIM reader does not turn
/// into `folder/index.html` as a web server does: each such folder gets a
/// redirect.
pub fn entries(
    site: &Path,
    pretty_urls: bool,
    title_suffixes: &[String],
) -> io::Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for found in walkdir::WalkDir::new(site).sort_by_file_name() {
        let found = found.map_err(io::Error::other)?;
        if !found.file_type().is_file() {
            continue;
        }
        let path = crate::diagnostics::display_path(site, found.path());
        let mime = mime_type(&path);
        let page = mime == "text/html";
        let title = if page {
            let title = page_title(&head(found.path())?).unwrap_or_default();
            let own = title_suffixes
                .iter()
                .find_map(|suffix| title.strip_suffix(suffix.as_str()));
            own.unwrap_or(&title).to_string()
        } else {
            String::new()
        };
        if pretty_urls && let Some(folder) = path.strip_suffix("index.html") {
            entries.push(Entry {
                namespace: Namespace::Content,
                path: folder.to_string(),
                title: String::new(),
                body: Body::Redirect {
                    target: (Namespace::Content, path.clone()),
                },
            });
        }
        entries.push(Entry {
            namespace: Namespace::Content,
            // The 404 page is for web servers; a reader never shows it.
            body: Body::Item {
                mime: mime.to_string(),
                content: Content::File(found.path().to_path_buf()),
                compress: compressible(mime),
                front_article: page && path != "404.html",
            },
            path,
            title,
        });
    }
    // The site's root folder would be an empty path, which no reader asks
    // for; its page is the main page already.
    entries.retain(|e| !e.path.is_empty());
    Ok(entries)
}

/// The MIME type of a site file, by its extension; what web servers send.
pub fn mime_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    match extension {
        "html" => "text/html",
        "css" => "text/css",
        "js" => "application/javascript",
        "json" => "application/json",
        "xml" if name == "feed.xml" => "application/atom+xml",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "csv" => "text/csv",
        "txt" | "" => "text/plain",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "bib" => "application/x-bibtex",
        "gz" => "application/gzip",
        _ => "application/octet-stream",
    }
}

/// Text compresses; images, fonts and archives are compressed already.
fn compressible(mime: &str) -> bool {
    match mime.split_once('/') {
        Some(("image", kind)) => kind == "svg+xml",
        Some(("font", _)) => false,
        _ => mime != "application/gzip",
    }
}

/// The first bytes of a page, where its `<title>` is: the whole page is
/// read once more, later, when its cluster is compressed.
fn head(path: &Path) -> io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut head = Vec::with_capacity(HEAD_BYTES);
    std::fs::File::open(path)?
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)?;
    Ok(head)
}

/// Enough for the `<head>` of every page of the default theme.
const HEAD_BYTES: usize = 16 << 10;

/// The text of a page's `<title>`, its character references decoded.
pub fn page_title(html: &[u8]) -> Option<String> {
    // A cut inside a character at the end of the head is not in the title.
    let html = match std::str::from_utf8(html) {
        Ok(html) => html,
        Err(error) => std::str::from_utf8(&html[..error.valid_up_to()]).ok()?,
    };
    let start = html.find("<title>")? + "<title>".len();
    let length = html[start..].find("</title>")?;
    let title = decode_references(html[start..start + length].trim());
    (!title.is_empty()).then_some(title)
}

/// Decodes the character references a template's escaping writes: the
/// named ones of XML and numeric ones. Anything else is left as written.
fn decode_references(text: &str) -> String {
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        decoded.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let reference = rest.find(';').map(|end| (&rest[1..end], end));
        let character = reference.and_then(|(name, _)| match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => {
                let number = name.strip_prefix('#')?;
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        match (character, reference) {
            (Some(character), Some((_, end))) => {
                decoded.push(character);
                rest = &rest[end + 1..];
            }
            _ => {
                decoded.push('&');
                rest = &rest[1..];
            }
        }
    }
    decoded.push_str(rest);
    decoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_read_and_decoded() {
        let html = "<html><head><title>Trust &amp; safety &#x2F; WS &#35;12 — IGF</title></head>";
        assert_eq!(
            page_title(html.as_bytes()).as_deref(),
            Some("Trust & safety / WS #12 — IGF")
        );
        assert_eq!(page_title(b"<title>  </title>"), None);
        assert_eq!(page_title(b"<p>no title</p>"), None);
        assert_eq!(
            decode_references("a & b &bogus; &#xZZ;"),
            "a & b &bogus; &#xZZ;"
        );
    }

    #[test]
    fn pretty_urls_get_a_redirect_for_each_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("en")).unwrap();
        std::fs::write(dir.path().join("index.html"), "<title>Home</title>").unwrap();
        std::fs::write(
            dir.path().join("en/index.html"),
            "<title>Archive · Site</title>",
        )
        .unwrap();
        let suffixes = [" · Site".to_string()];
        let found = entries(dir.path(), true, &suffixes).unwrap();
        let summary: Vec<(String, String, bool)> = found
            .iter()
            .map(|e| {
                let redirect = matches!(e.body, Body::Redirect { .. });
                (e.path.clone(), e.title.clone(), redirect)
            })
            .collect();
        let expected = [
            ("en/", "", true),
            ("en/index.html", "Archive", false),
            ("index.html", "Home", false),
        ];
        let expected: Vec<(String, String, bool)> = expected
            .iter()
            .map(|(p, t, r)| (p.to_string(), t.to_string(), *r))
            .collect();
        assert_eq!(summary, expected);
        let plain = entries(dir.path(), false, &suffixes).unwrap();
        assert_eq!(plain.len(), 2, "no redirects without pretty URLs");
    }

    #[test]
    fn mime_types_follow_extensions() {
        assert_eq!(mime_type("en/index.html"), "text/html");
        assert_eq!(mime_type("static/search.js"), "application/javascript");
        assert_eq!(mime_type("SHA256SUMS"), "text/plain");
        assert_eq!(mime_type("data/documents.json"), "application/json");
        assert!(!compressible("image/png") && compressible("image/svg+xml"));
    }
}
