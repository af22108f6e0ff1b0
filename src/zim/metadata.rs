//! The metadata Kiwix shows for a ZIM file (`M/Title`, `M/Language`, …),
//! from `site.yaml`'s `zim:` map, with defaults from the archive.

use super::format::{Body, Content, Entry, Namespace};
use crate::content::Archive;
use crate::theme::Theme;
use std::path::Path;

/// The illustration used when `zim.illustration` is not set: a globe on
/// the theme's accent colour, 48×48.
const DEFAULT_ILLUSTRATION: &[u8] = include_bytes!("illustration.png");
const ILLUSTRATION_SIZE: u32 = 48;
const DEFAULT_CREATOR: &str = "Internet Governance Forum";
const DEFAULT_TAGS: &[&str] = &["igf", "internet-governance", "_pictures:no", "_videos:no"];

/// Every metadata entry's value, defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    pub name: String,
    pub title: String,
    pub description: String,
    pub long_description: Option<String>,
    /// ISO 639-3 codes, comma-separated.
    pub language: String,
    pub creator: String,
    pub publisher: String,
    /// `YYYY-MM-DD`: the newest date in the content, so that a rebuild of
    /// the same content gives the same file.
    pub date: String,
    pub source: String,
    /// Semicolon-separated.
    pub tags: String,
    pub illustration: Vec<u8>,
    pub scraper: String,
}

/// The metadata of `archive`'s ZIM file. Fails, with a message naming the
/// field to set, where no default can be found.
pub fn metadata(archive: &Archive, theme: &Theme, root: &Path) -> Result<Metadata, String> {
    let config = &archive.config;
    let settings = &config.zim;
    let default = config.default_language.as_str();
    let title = match &settings.title {
        Some(title) => title.clone(),
        None => {
            let title = config.title.get(default, default).to_string();
            if title.chars().count() > 30 {
                return Err(format!(
                    "the site's title, `{title}`, is too long for a ZIM file's (at most 30 characters); set `zim.title` in site.yaml"
                ));
            }
            title
        }
    };
    let languages = match &settings.language {
        Some(codes) => codes.join(","),
        None => config
            .languages
            .iter()
            .map(|l| iso_639_3(&l.code))
            .collect::<Result<Vec<_>, _>>()?
            .join(","),
    };
    let creator = settings.creator.clone().unwrap_or(DEFAULT_CREATOR.into());
    let illustration = match &settings.illustration {
        Some(path) => read_illustration(root, path)?,
        None => DEFAULT_ILLUSTRATION.to_vec(),
    };
    let tags = match &settings.tags {
        Some(tags) => tags.clone(),
        None => DEFAULT_TAGS.iter().map(|t| t.to_string()).collect(),
    };
    Ok(Metadata {
        name: settings
            .name
            .clone()
            .unwrap_or_else(|| default_name(&title, &config.languages)),
        description: settings
            .description
            .clone()
            .unwrap_or_else(|| theme.text(default, "footer_about", &[])),
        long_description: settings.long_description.clone(),
        language: languages,
        publisher: settings.publisher.clone().unwrap_or(creator.clone()),
        creator,
        date: settings
            .date
            .or_else(|| newest_date(archive))
            .map(|d| d.to_string())
            .ok_or("the archive has no dated meeting or session; set `zim.date` in site.yaml")?,
        source: settings.source.clone().unwrap_or(config.base_url.clone()),
        tags: with_index_tag(tags).join(";"),
        illustration,
        scraper: format!("igf-archive {}", env!("CARGO_PKG_VERSION")),
        title,
    })
}

impl Metadata {
    /// The `M/` entries.
    pub fn entries(&self) -> Vec<Entry> {
        let text = |path: &str, value: &str| Entry {
            namespace: Namespace::Metadata,
            path: path.into(),
            title: String::new(),
            body: Body::Item {
                mime: "text/plain;charset=utf-8".into(),
                content: Content::Bytes(value.as_bytes().to_vec()),
                compress: true,
                front_article: false,
            },
        };
        let mut entries = vec![
            text("Name", &self.name),
            text("Title", &self.title),
            text("Description", &self.description),
            text("Language", &self.language),
            text("Creator", &self.creator),
            text("Publisher", &self.publisher),
            text("Date", &self.date),
            text("Source", &self.source),
            text("Tags", &self.tags),
            text("Scraper", &self.scraper),
        ];
        if let Some(long) = &self.long_description {
            entries.push(text("LongDescription", long));
        }
        entries.push(Entry {
            namespace: Namespace::Metadata,
            path: format!("Illustration_{ILLUSTRATION_SIZE}x{ILLUSTRATION_SIZE}@1"),
            title: String::new(),
            body: Body::Item {
                mime: "image/png".into(),
                content: Content::Bytes(self.illustration.clone()),
                compress: false,
                front_article: false,
            },
        });
        entries
    }
}

/// The ISO 639-3 code of a BCP-47 tag's language: `zh-Hans` → `zho`.
pub fn iso_639_3(tag: &str) -> Result<String, String> {
    let primary = tag.split('-').next().unwrap_or(tag);
    let language = match primary.len() {
        2 => isolang::Language::from_639_1(primary),
        _ => isolang::Language::from_639_3(primary),
    };
    language.map(|l| l.to_639_3().to_string()).ok_or(format!(
        "the language `{tag}` has no ISO 639-3 code that igf-archive knows; set `zim.language` in site.yaml"
    ))
}

/// `igf-outputs-archive_mul_all`: the title's letters, then the language
/// (`mul` for several), then the selection, as Kiwix's names go.
fn default_name(title: &str, languages: &[crate::config::Language]) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "archive" } else { slug };
    let language = match languages {
        [only] => only.code.split('-').next().unwrap_or("mul"),
        _ => "mul",
    };
    format!("{slug}_{language}_all")
}

/// The newest meeting end or session date.
fn newest_date(archive: &Archive) -> Option<crate::date::Date> {
    let meetings = archive.meetings.iter().map(|m| m.end);
    let sessions = archive.documents.iter().filter_map(|d| d.date());
    meetings.chain(sessions).max()
}

/// Tells Kiwix there is no full-text index (the archive's own search works
/// inside the file instead), unless the tags say otherwise.
fn with_index_tag(mut tags: Vec<String>) -> Vec<String> {
    if !tags.iter().any(|t| t.starts_with("_ftindex:")) {
        tags.push("_ftindex:no".into());
    }
    tags
}

/// The PNG at `path` in the archive, checked to be 48×48.
fn read_illustration(root: &Path, path: &str) -> Result<Vec<u8>, String> {
    let bytes = crate::files::read_inside(root, &root.join(path))
        .map_err(|e| format!("zim.illustration: {path}: {e}"))?;
    let size = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let is_png = bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.get(12..16) == Some(b"IHDR");
    if !is_png || size(16) != Some(ILLUSTRATION_SIZE) || size(20) != Some(ILLUSTRATION_SIZE) {
        return Err(format!(
            "zim.illustration: {path} is not a {ILLUSTRATION_SIZE}×{ILLUSTRATION_SIZE} PNG image"
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_map_to_iso_639_3() {
        let codes: Vec<_> = ["en", "fr", "es", "ru", "zh-Hans", "ar", "pt-BR", "fil"]
            .iter()
            .map(|t| iso_639_3(t).unwrap())
            .collect();
        assert_eq!(
            codes,
            ["eng", "fra", "spa", "rus", "zho", "ara", "por", "fil"]
        );
        assert!(iso_639_3("qq").unwrap_err().contains("zim.language"));
    }

    #[test]
    fn the_default_name_is_the_title_then_the_language() {
        let language = |code: &str| crate::config::Language {
            code: code.into(),
            name: String::new(),
            direction: crate::config::Direction::Ltr,
        };
        let six = [language("en"), language("fr")];
        assert_eq!(
            default_name("IGF Outputs Archive", &six),
            "igf-outputs-archive_mul_all"
        );
        assert_eq!(
            default_name("互联网治理论坛", &[language("zh-Hans")]),
            "archive_zh_all"
        );
    }

    #[test]
    fn the_default_illustration_is_a_48_pixel_png() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("icon.png"), DEFAULT_ILLUSTRATION).unwrap();
        assert!(read_illustration(dir.path(), "icon.png").is_ok());
        std::fs::write(dir.path().join("bad.png"), b"GIF89a").unwrap();
        let error = read_illustration(dir.path(), "bad.png").unwrap_err();
        assert!(error.contains("48×48 PNG"), "{error}");
    }
}
