//! The theme: tera templates, static files and UI strings.
//!
//! The default theme is compiled into the binary, so an archive needs only
//! `site.yaml` and `content/`. An archive's own `themes/<name>/` overrides
//! it file by file: a theme may change one template and keep the rest.

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Position};
use std::collections::BTreeMap;
use std::path::Path;
use tera::Tera;

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../themes/default/", $path)) as &[u8])),*]
    };
}

/// The files of the default theme, by path inside the theme's folder.
const DEFAULT_THEME: &[(&str, &[u8])] = embed![
    "templates/base.html",
    "templates/macros.html",
    "templates/partials/item.html",
    "templates/partials/takeaways-item.html",
    "templates/partials/doc-link.html",
    "templates/partials/meta-line.html",
    "templates/partials/outdated-notice.html",
    "templates/partials/chart.html",
    "templates/partials/cite.html",
    "templates/chooser.html",
    "templates/home.html",
    "templates/year.html",
    "templates/sessions.html",
    "templates/document.html",
    "templates/list.html",
    "templates/takeaways.html",
    "templates/tracks.html",
    "templates/track.html",
    "templates/search.html",
    "templates/data.html",
    "templates/translations.html",
    "templates/404.html",
    "templates/figures.html",
    "static/style.css",
    "static/search-engine.js",
    "static/search-query.js",
    "static/search.js",
    "static/favicon.ico",
    "i18n/en.yaml",
    "i18n/fr.yaml",
    "i18n/es.yaml",
    "i18n/ru.yaml",
    "i18n/zh.yaml",
    "i18n/ar.yaml",
];

/// The partials of list entries, which `render::entries` writes without
/// tera while they are the built-in ones.
pub const ENTRY_PARTIALS: [&str; 4] = [
    "partials/item.html",
    "partials/doc-link.html",
    "partials/meta-line.html",
    "partials/takeaways-item.html",
];

pub struct Theme {
    pub tera: Tera,
    /// Files copied as they are to `static/` in the output.
    pub statics: Vec<(String, Vec<u8>)>,
    /// UI strings per site language, as template values.
    pub strings: BTreeMap<String, serde_json::Value>,
    /// Problems that do not stop a build, such as a language without UI strings.
    pub warnings: Vec<Diagnostic>,
    /// Whether the entries of lists are the built-in theme's, which Rust
    /// writes without tera (`render::entries`).
    pub builtin_entries: bool,
}

impl Theme {
    pub fn strings(&self, lang: &str) -> &serde_json::Value {
        &self.strings[lang]
    }

    /// A UI string with its `{placeholders}` filled in.
    pub fn text(&self, lang: &str, key: &str, fills: &[(&str, &str)]) -> String {
        let mut text = self
            .strings(lang)
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or(key)
            .to_string();
        for (name, value) in fills {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// A string inside a group of UI strings, such as `session_types.workshop`.
    pub fn nested(&self, lang: &str, group: &str, key: &str) -> String {
        self.nested_str(lang, group, key).to_string()
    }

    /// `nested`, borrowed.
    pub fn nested_str<'s>(&'s self, lang: &str, group: &str, key: &'s str) -> &'s str {
        self.strings(lang)
            .get(group)
            .and_then(|g| g.get(key))
            .and_then(|v| v.as_str())
            .unwrap_or(key)
    }
}

/// Loads the theme named in `site.yaml`, over the built-in default.
pub fn load(root: &Path, config: &SiteConfig) -> Result<Theme, Vec<Diagnostic>> {
    let files = theme_files(root, config)?;
    let builtin_entries = ENTRY_PARTIALS
        .iter()
        .all(|name| is_builtin_template(&files, name));
    let mut diagnostics = Vec::new();
    let sorted = SortedFiles::sort(files, &config.theme, &mut diagnostics);
    let tera = compile_templates(sorted.templates, &config.theme, &mut diagnostics);
    let strings = ui_strings(config, &sorted.i18n, &mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    Ok(Theme {
        warnings: diagnostics,
        builtin_entries,
        tera,
        statics: sorted.statics,
        strings,
    })
}

/// Every file of the theme by its path inside the theme's folder: the
/// built-in default's, replaced and added to by `themes/<name>/`'s.
fn theme_files(
    root: &Path,
    config: &SiteConfig,
) -> Result<BTreeMap<String, Vec<u8>>, Vec<Diagnostic>> {
    let mut files: BTreeMap<String, Vec<u8>> = DEFAULT_THEME
        .iter()
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect();
    let folder = root.join("themes").join(&config.theme);
    if folder.is_dir() {
        for entry in walkdir::WalkDir::new(&folder)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = crate::diagnostics::display_path(&folder, entry.path());
            let bytes = crate::files::read_regular(entry.path(), crate::files::MAX_SOURCE_BYTES)
                .map_err(|refused| {
                    vec![
                        Diagnostic::error(
                            &crate::diagnostics::display_path(root, entry.path()),
                            Position::default(),
                            refused.to_string(),
                        )
                        .hint(refused.hint()),
                    ]
                })?;
            files.insert(relative, bytes);
        }
    } else if config.theme != "default" {
        return Err(vec![
            Diagnostic::error(
                "site.yaml",
                Position::default(),
                format!(
                    "the theme `{}` has no folder themes/{}/",
                    config.theme, config.theme
                ),
            )
            .field("theme")
            .hint("create the folder, or remove `theme` to use the built-in default theme"),
        ]);
    }
    Ok(files)
}

/// Whether the template `name` is the built-in theme's, byte for byte.
fn is_builtin_template(files: &BTreeMap<String, Vec<u8>>, name: &str) -> bool {
    let path = format!("templates/{name}");
    let default = DEFAULT_THEME.iter().find(|(p, _)| *p == path);
    default.is_some_and(|(_, bytes)| files.get(&path).map(Vec::as_slice) == Some(*bytes))
}

/// Where a file of the theme `theme` is, for diagnostics.
fn theme_path(theme: &str, path: &str) -> String {
    format!("themes/{theme}/{path}")
}

/// The theme's files by what they are.
struct SortedFiles {
    /// Templates by name (their path under `templates/`), as text.
    templates: Vec<(String, String)>,
    /// Files under `static/`, by their path there.
    statics: Vec<(String, Vec<u8>)>,
    /// UI strings by language (`i18n/<lang>.yaml`).
    i18n: BTreeMap<String, serde_yaml::Value>,
}

impl SortedFiles {
    /// Sorts `files`, reporting templates that are not UTF-8 and UI
    /// strings that are not YAML. Other files are ignored.
    fn sort(
        files: BTreeMap<String, Vec<u8>>,
        theme: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Self {
        let theme_path = |p: &str| theme_path(theme, p);
        let mut templates = Vec::new();
        let mut statics = Vec::new();
        let mut i18n: BTreeMap<String, serde_yaml::Value> = BTreeMap::new();
        for (path, bytes) in files {
            if let Some(name) = path.strip_prefix("templates/") {
                match String::from_utf8(bytes) {
                    Ok(text) => templates.push((name.to_string(), text)),
                    Err(_) => diagnostics.push(Diagnostic::error(
                        &theme_path(&path),
                        Position::default(),
                        "the template is not valid UTF-8",
                    )),
                }
            } else if let Some(name) = path.strip_prefix("static/") {
                statics.push((name.to_string(), bytes));
            } else if let Some(lang) = path
                .strip_prefix("i18n/")
                .and_then(|p| p.strip_suffix(".yaml"))
            {
                match serde_yaml::from_slice::<serde_yaml::Value>(&bytes) {
                    Ok(value) => {
                        i18n.insert(lang.to_string(), value);
                    }
                    Err(e) => diagnostics.push(Diagnostic::error(
                        &theme_path(&path),
                        Position::default(),
                        format!("the UI strings are not valid YAML: {e}"),
                    )),
                }
            }
        }
        SortedFiles {
            templates,
            statics,
            i18n,
        }
    }
}

/// The templates, compiled; an error if any does not compile.
fn compile_templates(
    templates: Vec<(String, String)>,
    theme: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Tera {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(crate::text::escape_html);
    if let Err(error) = tera.add_raw_templates(templates) {
        diagnostics.push(
            Diagnostic::error(
                &theme_path(theme, "templates"),
                Position::default(),
                format!("a template does not compile: {}", error_chain(&error)),
            )
            .hint("check the template syntax: {{ value }}, {% if %}…{% endif %}"),
        );
    }
    tera
}

/// The UI strings of each site language, every key of the built-in
/// `en.yaml` present: one a theme's file lacks is a warning naming the
/// file and key, and takes the default language's string (or, failing
/// that, the built-in English one), on every page alike.
fn ui_strings(
    config: &SiteConfig,
    i18n: &BTreeMap<String, serde_yaml::Value>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, serde_json::Value> {
    let builtin = |lang: &str| {
        DEFAULT_THEME
            .iter()
            .find(|(p, _)| *p == format!("i18n/{lang}.yaml"))
            .and_then(|(_, bytes)| serde_yaml::from_slice::<serde_yaml::Value>(bytes).ok())
            .unwrap_or_default()
    };
    let english = builtin("en");
    // A language's file, by its tag or its primary language (`zh-Hans`: zh).
    fn find<'a>(
        i18n: &'a BTreeMap<String, serde_yaml::Value>,
        code: &'a str,
    ) -> Option<(&'a str, &'a serde_yaml::Value)> {
        let primary = code.split('-').next().unwrap_or(code);
        i18n.get(code)
            .map(|v| (code, v))
            .or_else(|| i18n.get(primary).map(|v| (primary, v)))
    }
    let mut fallback = english.clone();
    if let Some((file, value)) = find(i18n, &config.default_language) {
        fallback = value.clone();
        let missing = fill_missing(&mut fallback, &english, &english, "");
        warn_missing(config, file, &missing, diagnostics);
    }
    let mut strings = BTreeMap::new();
    for language in &config.languages {
        let code = &language.code;
        let value = match find(i18n, code) {
            Some((file, value)) => {
                let mut value = value.clone();
                let missing = fill_missing(&mut value, &english, &fallback, "");
                if *code != config.default_language {
                    warn_missing(config, file, &missing, diagnostics);
                }
                value
            }
            None => {
                let primary = code.split('-').next().unwrap_or(code);
                diagnostics.push(
                    Diagnostic::warning("site.yaml", Position::default(), format!("the theme has no UI strings for `{code}`; pages in {} use those of `{}`", language.name, config.default_language))
                        .field(format!("languages.{code}"))
                        .hint(format!("add themes/{}/i18n/{primary}.yaml, a copy of en.yaml translated", config.theme)),
                );
                fallback.clone()
            }
        };
        let json = serde_json::to_value(value).unwrap_or(serde_json::Value::Null);
        strings.insert(code.clone(), json);
    }
    strings
}

/// Copies into `strings` each key of `reference` it lacks, with the value
/// `fallback` has there (or `reference`'s); returns the keys copied, dotted.
fn fill_missing(
    strings: &mut serde_yaml::Value,
    reference: &serde_yaml::Value,
    fallback: &serde_yaml::Value,
    prefix: &str,
) -> Vec<String> {
    let (Some(map), serde_yaml::Value::Mapping(wanted)) = (strings.as_mapping_mut(), reference)
    else {
        return Vec::new();
    };
    let mut missing = Vec::new();
    for (key, wanted_value) in wanted {
        let name = format!("{prefix}{}", key.as_str().unwrap_or("?"));
        let fallback_value = fallback.get(key).unwrap_or(wanted_value);
        match map.get_mut(key) {
            Some(value) => missing.extend(fill_missing(
                value,
                wanted_value,
                fallback_value,
                &format!("{name}."),
            )),
            None => {
                map.insert(key.clone(), fallback_value.clone());
                missing.push(name);
            }
        }
    }
    missing
}

fn warn_missing(
    config: &SiteConfig,
    file: &str,
    missing: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let path = format!("themes/{}/i18n/{file}.yaml", config.theme);
    for key in missing {
        diagnostics.push(
            Diagnostic::warning(
                &path,
                Position::default(),
                format!(
                    "the UI string `{key}` is missing; pages use the `{}` one",
                    config.default_language
                ),
            )
            .field(key.clone())
            .hint(format!(
                "add `{key}` to this file, translated from the built-in en.yaml"
            )),
        );
    }
}

/// Tera nests the useful message in the error's sources.
pub fn error_chain(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(value: &serde_yaml::Value, prefix: &str, out: &mut Vec<String>) {
        match value {
            serde_yaml::Value::Mapping(map) => {
                for (k, v) in map {
                    let k = format!("{prefix}{}", k.as_str().unwrap_or("?"));
                    keys(v, &format!("{k}."), out);
                    out.push(k);
                }
            }
            serde_yaml::Value::Sequence(items) => out.push(format!("{prefix}[{}]", items.len())),
            _ => {}
        }
    }

    #[test]
    fn every_language_has_every_ui_string_and_placeholder() {
        let parse = |lang: &str| {
            let (_, bytes) = DEFAULT_THEME
                .iter()
                .find(|(p, _)| *p == format!("i18n/{lang}.yaml"))
                .unwrap();
            serde_yaml::from_slice::<serde_yaml::Value>(bytes).unwrap()
        };
        let english = parse("en");
        let mut expected = Vec::new();
        keys(&english, "", &mut expected);
        for lang in ["fr", "es", "ru", "zh", "ar"] {
            let strings = parse(lang);
            let mut found = Vec::new();
            keys(&strings, "", &mut found);
            assert_eq!(found, expected, "{lang}.yaml has other keys than en.yaml");
            for key in &expected {
                let get = |v: &serde_yaml::Value| {
                    key.split('.').try_fold(v.clone(), |v, k| v.get(k).cloned())
                };
                if let (
                    Some(serde_yaml::Value::String(en)),
                    Some(serde_yaml::Value::String(other)),
                ) = (get(&english), get(&strings))
                {
                    for placeholder in [
                        "{year}",
                        "{language}",
                        "{count}",
                        "{day}",
                        "{month}",
                        "{weekday}",
                        "{start}",
                        "{end}",
                    ] {
                        assert_eq!(
                            en.contains(placeholder),
                            other.contains(placeholder),
                            "{lang}.yaml `{key}` and {placeholder}"
                        );
                    }
                }
            }
        }
    }
}
