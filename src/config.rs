//! `site.yaml`: the archive's title, languages and output settings.

use crate::diagnostics::{Diagnostic, Position};
use crate::yaml::{Fields, KeyIndex, parse_mapping};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A human-readable string: one text for all languages, or one per language.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub enum Localized {
    Plain(String),
    ByLanguage(IndexMap<String, String>),
}

impl Localized {
    /// The text in `lang`, else in the default language, else the first one.
    pub fn get<'a>(&'a self, lang: &str, default_lang: &str) -> &'a str {
        match self {
            Localized::Plain(text) => text,
            Localized::ByLanguage(map) => map
                .get(lang)
                .or_else(|| map.get(default_lang))
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }

    /// The language the text shown in `lang` is written in, when it is not
    /// `lang` itself (so that pages can mark it with `lang="…"`).
    pub fn fallback_language<'a>(&'a self, lang: &str, default_lang: &'a str) -> Option<&'a str> {
        match self {
            Localized::Plain(_) => None,
            Localized::ByLanguage(map) if map.contains_key(lang) => None,
            Localized::ByLanguage(map) if map.contains_key(default_lang) => Some(default_lang),
            Localized::ByLanguage(map) => map.keys().next().map(String::as_str),
        }
    }

    pub fn languages(&self) -> Vec<&str> {
        match self {
            Localized::Plain(_) => Vec::new(),
            Localized::ByLanguage(map) => map.keys().map(String::as_str).collect(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

impl Direction {
    /// The value of an HTML `dir` attribute.
    pub fn attribute(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// One language of the site, in menu order.
#[derive(Debug, Clone, Serialize)]
pub struct Language {
    /// BCP-47 tag: `en`, `zh`, `zh-Hans`, `pt-BR`.
    pub code: String,
    /// The language's name in itself: `Français`, `العربية`.
    pub name: String,
    pub direction: Direction,
}

#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: Localized,
    /// Used only where a URL must be absolute (sitemap, feeds).
    pub base_url: String,
    pub default_language: String,
    pub languages: Vec<Language>,
    /// A folder under `themes/`; `default` is compiled into the binary.
    pub theme: String,
    /// Links end in `/` instead of `/index.html` (for web servers only).
    pub pretty_urls: bool,
    /// What `build --zim` writes into the ZIM file's metadata.
    pub zim: ZimSettings,
}

/// `zim:` in `site.yaml`: the metadata Kiwix shows for the ZIM file that
/// `build --zim` writes. Every field is optional; `zim::metadata` fills in
/// the defaults.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ZimSettings {
    /// The content's identifier, the same in every release of the file,
    /// e.g. `igf-outputs-archive_mul_all`.
    pub name: Option<String>,
    /// At most 30 characters.
    pub title: Option<String>,
    /// At most 80 characters.
    pub description: Option<String>,
    pub long_description: Option<String>,
    /// Who wrote the content.
    pub creator: Option<String>,
    /// Who made the ZIM file.
    pub publisher: Option<String>,
    /// Where the content comes from: a URL.
    pub source: Option<String>,
    pub tags: Option<Vec<String>>,
    /// ISO 639-3 codes, most used first: `eng`, `fra`.
    pub language: Option<Vec<String>>,
    /// `YYYY-MM-DD`.
    pub date: Option<crate::date::Date>,
    /// A 48×48 PNG, relative to the archive's folder.
    pub illustration: Option<String>,
}

const ZIM_FIELDS: &[&str] = &[
    "name",
    "title",
    "description",
    "long_description",
    "creator",
    "publisher",
    "source",
    "tags",
    "language",
    "date",
    "illustration",
];

impl SiteConfig {
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    pub fn has_language(&self, code: &str) -> bool {
        self.language(code).is_some()
    }

    /// A language's position in the menus, for sorting translations.
    pub fn language_rank(&self, code: &str) -> usize {
        self.languages
            .iter()
            .position(|l| l.code == code)
            .unwrap_or(usize::MAX)
    }
}

const FIELDS: &[&str] = &[
    "title",
    "base_url",
    "default_language",
    "languages",
    "theme",
    "pretty_urls",
    "zim",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageFields {
    name: String,
    #[serde(default)]
    direction: Direction,
}

/// The configuration file, in the archive's folder.
const PATH: &str = "site.yaml";

/// Reads and checks `site.yaml` in `root`.
pub fn load(root: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
    let path = PATH;
    let bytes = crate::files::read_inside(root, &root.join(path)).map_err(|refused| {
        let hint = match refused {
            crate::files::Refused::Io(_) => "run igf-archive in the archive's folder, or pass --root DIR; `igf-archive new archive DIR` creates one",
            _ => refused.hint(),
        };
        vec![Diagnostic::error(path, Position::default(), refused.to_string()).hint(hint)]
    })?;
    let text = crate::source::decode(&bytes, path).map_err(|d| vec![d])?;
    parse(&text)
}

/// Parses and checks the text of `site.yaml`, reporting every problem.
pub fn parse(text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
    let path = PATH;
    let map = parse_mapping(text, path, 1).map_err(|d| vec![d])?;
    let keys = KeyIndex::new(text, 1);
    let mut fields = Fields::new(map, &keys, path);
    let title: Option<Localized> =
        fields.required("title", "a string, or a map of language → string");
    let base_url: Option<String> = fields.required(
        "base_url",
        "the absolute URL where the archive is published, e.g. https://archive.example.org/igf",
    );
    let default_language: String = fields
        .optional("default_language", "a BCP-47 language tag such as `en`")
        .unwrap_or_else(|| "en".to_string());
    let theme: String = fields
        .optional("theme", "the name of a folder under themes/")
        .unwrap_or_else(|| "default".to_string());
    let pretty_urls: bool = fields
        .optional("pretty_urls", "true or false")
        .unwrap_or(false);
    let language_map: Option<IndexMap<String, serde_yaml::Value>> =
        fields.required("languages", "a map of language tag → {name, direction}");
    let zim_map: Option<serde_yaml::Mapping> = fields.optional(
        "zim",
        "a map of ZIM metadata: title, description, creator, …",
    );
    let mut diagnostics = fields.finish(FIELDS);
    let zim = parse_zim(zim_map.unwrap_or_default(), &keys, &mut diagnostics);
    let languages = parse_languages(language_map.unwrap_or_default(), &keys, &mut diagnostics);
    check_languages(&languages, &default_language, &keys, &mut diagnostics);
    if let Some(url) = &base_url {
        check_base_url(url, &keys, &mut diagnostics);
    }
    check_theme_name(&theme, &keys, &mut diagnostics);
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    Ok(SiteConfig {
        title: title.unwrap_or(Localized::Plain(String::new())),
        base_url: base_url
            .unwrap_or_default()
            .trim_end_matches('/')
            .to_string(),
        default_language,
        languages,
        theme,
        pretty_urls,
        zim,
    })
}

/// The `zim:` map, each field checked where the format sets a limit.
fn parse_zim(
    map: serde_yaml::Mapping,
    keys: &KeyIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> ZimSettings {
    let mut fields = Fields::nested(map, keys, PATH, "zim");
    let text = |fields: &mut Fields, key: &str, limit: Option<usize>| {
        let value: Option<String> = fields.optional(key, "a string");
        if let (Some(value), Some(limit)) = (&value, limit)
            && value.chars().count() > limit
        {
            fields.diagnostics.push(
                Diagnostic::error(
                    PATH,
                    fields.position(key),
                    format!(
                        "`zim.{key}` is {} characters long; Kiwix shows at most {limit}",
                        value.chars().count()
                    ),
                )
                .field(format!("zim.{key}"))
                .expected(format!("at most {limit} characters")),
            );
        }
        value
    };
    let settings = ZimSettings {
        name: text(&mut fields, "name", None),
        title: text(&mut fields, "title", Some(30)),
        description: text(&mut fields, "description", Some(80)),
        long_description: text(&mut fields, "long_description", Some(4000)),
        creator: text(&mut fields, "creator", None),
        publisher: text(&mut fields, "publisher", None),
        source: text(&mut fields, "source", None),
        tags: fields.optional("tags", "a list of tags, e.g. [igf, internet-governance]"),
        language: fields.optional("language", "a list of ISO 639-3 codes, e.g. [eng, fra]"),
        date: text(&mut fields, "date", None).and_then(|date| {
            let parsed = crate::date::Date::parse(&date);
            if parsed.is_none() {
                fields.diagnostics.push(
                    Diagnostic::error(PATH, fields.position("date"), "`zim.date` is not a date")
                        .field("zim.date")
                        .expected("YYYY-MM-DD, e.g. 2021-12-10"),
                );
            }
            parsed
        }),
        illustration: text(&mut fields, "illustration", None),
    };
    for code in settings.language.iter().flatten() {
        if !(code.len() == 3 && code.chars().all(|c| c.is_ascii_lowercase())) {
            fields.diagnostics.push(
                Diagnostic::error(
                    PATH,
                    fields.position("language"),
                    format!("`{code}` is not an ISO 639-3 code"),
                )
                .field("zim.language")
                .expected("three lowercase letters, e.g. eng, fra, zho"),
            );
        }
    }
    diagnostics.extend(fields.finish(ZIM_FIELDS));
    settings
}

/// The site's languages, in the file's order; those with a bad tag or
/// description are left out (with an error).
fn parse_languages(
    language_map: IndexMap<String, serde_yaml::Value>,
    keys: &KeyIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Language> {
    let path = PATH;
    let mut languages = Vec::new();
    for (code, value) in language_map {
        let at = keys.position(&format!("languages.{code}"));
        if !is_language_tag(&code) {
            diagnostics.push(
                Diagnostic::error(path, at, format!("`{code}` is not a language tag"))
                    .field(format!("languages.{code}"))
                    .expected("a BCP-47 tag such as `fr`, `zh-Hans` or `pt-BR`"),
            );
            continue;
        }
        match serde_yaml::from_value::<LanguageFields>(value) {
            Ok(l) => languages.push(Language {
                code,
                name: l.name,
                direction: l.direction,
            }),
            Err(e) => diagnostics.push(
                Diagnostic::error(
                    path,
                    at,
                    format!("language `{code}` is not described correctly: {e}"),
                )
                .field(format!("languages.{code}"))
                .expected("{name: Français} or {name: العربية, direction: rtl}"),
            ),
        }
    }
    languages
}

/// Errors for no languages at all (when nothing else is wrong), and for a
/// default language that is not among them.
fn check_languages(
    languages: &[Language],
    default_language: &str,
    keys: &KeyIndex,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let path = PATH;
    if languages.is_empty() && diagnostics.is_empty() {
        diagnostics.push(
            Diagnostic::error(
                path,
                keys.position("languages"),
                "no languages are configured",
            )
            .field("languages")
            .expected("at least the default language, e.g. `en: {name: English}`"),
        );
    }
    if !languages.is_empty() && !languages.iter().any(|l| l.code == default_language) {
        diagnostics.push(
            Diagnostic::error(
                path,
                keys.position("default_language"),
                format!("the default language `{default_language}` is not among `languages`"),
            )
            .field("default_language")
            .hint(format!(
                "add `{default_language}: {{name: …}}` under `languages`"
            )),
        );
    }
}

/// An error for a `base_url` that is not an absolute http(s) URL.
fn check_base_url(url: &str, keys: &KeyIndex, diagnostics: &mut Vec<Diagnostic>) {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        diagnostics.push(
            Diagnostic::error(
                PATH,
                keys.position("base_url"),
                "`base_url` is not an absolute http(s) URL",
            )
            .field("base_url")
            .expected("e.g. https://archive.example.org/igf"),
        );
    }
}

/// An error for a theme name that is not a plain folder name.
fn check_theme_name(theme: &str, keys: &KeyIndex, diagnostics: &mut Vec<Diagnostic>) {
    if !theme
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        || theme.is_empty()
    {
        diagnostics.push(
            Diagnostic::error(
                PATH,
                keys.position("theme"),
                format!("`{theme}` is not a theme folder name"),
            )
            .field("theme")
            .expected("a folder name under themes/, such as `default`"),
        );
    }
}

/// A loose check of BCP-47 syntax: `fr`, `zh-Hans`, `pt-BR`, `es-419`.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_languages_in_order_with_direction() {
        let config = parse(
            "title: {en: Archive, fr: Archives}\nbase_url: https://x.org/igf/\nlanguages:\n  en: {name: English}\n  ar: {name: العربية, direction: rtl}\n",
        )
        .unwrap();
        assert_eq!(config.base_url, "https://x.org/igf");
        let codes: Vec<_> = config.languages.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["en", "ar"]);
        assert_eq!(config.languages[1].direction, Direction::Rtl);
        assert_eq!(config.title.get("fr", "en"), "Archives");
        assert_eq!(config.title.get("ar", "en"), "Archive");
    }

    #[test]
    fn reports_every_problem_with_its_line() {
        let errors = parse("title: X\nbase_url: archive\ndefault_language: de\nlanguages:\n  en: {name: English}\npretty_url: true\n").unwrap_err();
        let lines: Vec<_> = errors.iter().map(|d| d.line).collect();
        assert!(
            lines.contains(&2) && lines.contains(&3) && lines.contains(&6),
            "{errors:?}"
        );
        let unknown = errors.iter().find(|d| d.line == 6).unwrap();
        assert_eq!(unknown.hint.as_deref(), Some("did you mean `pretty_urls`?"));
    }

    #[test]
    fn reads_the_zim_map_and_checks_its_limits() {
        let base = "title: X\nbase_url: https://x.org\nlanguages:\n  en: {name: English}\n";
        let config = parse(&format!(
            "{base}zim:\n  title: IGF\n  language: [eng]\n  date: 2021-12-10\n  tags: [igf]\n"
        ))
        .unwrap();
        assert_eq!(config.zim.title.as_deref(), Some("IGF"));
        assert_eq!(config.zim.language, Some(vec!["eng".to_string()]));
        assert_eq!(
            config.zim.date.map(|d| d.to_string()).as_deref(),
            Some("2021-12-10")
        );
        let errors = parse(&format!(
            "{base}zim:\n  title: {}\n  language: [en]\n  descripton: x\n",
            "T".repeat(31)
        ))
        .unwrap_err();
        let fields: Vec<_> = errors.iter().map(|d| (d.line, d.field.clone())).collect();
        assert!(
            fields.contains(&(6, Some("zim.title".into()))),
            "{errors:?}"
        );
        assert!(
            fields.contains(&(7, Some("zim.language".into()))),
            "{errors:?}"
        );
        let unknown = errors.iter().find(|d| d.line == 8).unwrap();
        assert_eq!(unknown.hint.as_deref(), Some("did you mean `description`?"));
    }

    #[test]
    fn language_tags() {
        for ok in ["en", "zh-Hans", "pt-BR", "es-419"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["EN", "e", "english", "zh_Hans", ""] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
