//! Finding the archive's files under `content/` and telling what each one
//! is from where it lives. Reads no file's contents.

use super::{Kind, split_language_suffix};
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Position};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What a file under `content/` is, from its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// `content/<year>/meeting.yaml`
    Meeting,
    /// `content/<year>/<folder>/<slug>[.<lang>].md`
    Document {
        kind: Kind,
        slug: String,
        lang: String,
    },
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The file to read: where a symbolic link inside the archive leads.
    pub path: PathBuf,
    /// Relative to the root, `/`-separated: what diagnostics show.
    pub display: String,
    pub year: u16,
    pub place: Place,
}

/// Lists the archive's files in a stable order, with a diagnostic for each
/// file that is in a place no kind of document lives.
pub fn discover(root: &Path, config: &SiteConfig) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let content = root.join("content");
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    if !content.is_dir() {
        diagnostics.push(
            Diagnostic::error("content", Position::default(), "there is no content/ folder")
                .hint("create content/<year>/meeting.yaml and content/<year>/sessions/; `igf-archive new archive DIR` shows the layout"),
        );
        return (files, diagnostics);
    }
    let mut walker = WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e.file_name().to_str().unwrap_or("")));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map(|p| crate::diagnostics::display_path(root, p));
                diagnostics.push(Diagnostic::error(
                    &path.unwrap_or_else(|| "content".into()),
                    Position::default(),
                    format!("cannot read: {error}"),
                ));
                continue;
            }
        };
        let display = crate::diagnostics::display_path(root, entry.path());
        // content/<year>/<folder>/<file>: nothing deeper is read.
        if entry.file_type().is_dir() {
            if entry.depth() >= 3 {
                walker.skip_current_dir();
                diagnostics.push(
                    Diagnostic::error(&display, Position::default(), "this is a folder where only documents belong")
                        .expected("Markdown files directly in content/<year>/sessions/, messages/ or outputs/")
                        .hint("move its files up a level, or remove it"),
                );
            }
            continue;
        }
        let relative = entry.path().strip_prefix(&content).unwrap_or(entry.path());
        let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
        let (year, place) = match classify(&parts, config) {
            Ok(found) => found,
            Err((message, hint)) => {
                diagnostics.push(
                    Diagnostic::error(&display, Position::default(), message)
                        .expected("content/<year>/meeting.yaml, or a .md file in content/<year>/sessions/, messages/ or outputs/")
                        .hint(hint),
                );
                continue;
            }
        };
        match crate::files::resolve_inside(root, entry.path()) {
            Ok(path) => files.push(SourceFile {
                path,
                display,
                year,
                place,
            }),
            Err(refused) => diagnostics.push(
                Diagnostic::error(&display, Position::default(), refused.to_string())
                    .hint(refused.hint()),
            ),
        }
    }
    check_slugs(&files, &mut diagnostics);
    (files, diagnostics)
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

pub type Misplaced = (String, String);

/// What the file at `parts` (its path under `content/`) is, or why it is
/// in the wrong place.
pub fn classify(parts: &[&str], config: &SiteConfig) -> Result<(u16, Place), Misplaced> {
    let year = parts
        .first()
        .and_then(|y| (y.len() == 4).then(|| y.parse::<u16>().ok()).flatten())
        .ok_or_else(|| {
            (
                "this file is not inside a year's folder".to_string(),
                "move it to content/<year>/…, e.g. content/2020/sessions/".to_string(),
            )
        })?;
    match parts[1..] {
        ["meeting.yaml"] => Ok((year, Place::Meeting)),
        [folder, file] if Kind::from_folder(folder).is_some() => {
            let kind = Kind::from_folder(folder).unwrap_or(Kind::Session);
            let stem = file.strip_suffix(".md").ok_or_else(|| {
                (
                    format!("`{file}` is not a Markdown file"),
                    "documents are Markdown files ending in .md".to_string(),
                )
            })?;
            let (slug, lang) = match split_language_suffix(stem) {
                Some((slug, lang)) if config.has_language(lang) => (slug, lang.to_string()),
                Some((_, lang)) => {
                    return Err((
                        format!("the language `{lang}` of this translation is not in site.yaml"),
                        format!("add `{lang}` under `languages` in site.yaml, or rename the file"),
                    ));
                }
                None => (stem, config.default_language.clone()),
            };
            let slug = slug_of_name(slug);
            if !is_slug(&slug) {
                return Err((
                    format!("`{stem}` makes no usable file name"),
                    "use letters, digits and hyphens, e.g. ws-123.md".to_string(),
                ));
            }
            Ok((year, Place::Document { kind, slug, lang }))
        }
        [file] if file.ends_with(".md") => Err((
            format!("`{file}` is in a place no kind of document lives"),
            "session reports go in sessions/, IGF Messages in messages/, output documents in outputs/".to_string(),
        )),
        _ => Err((
            "this file is in a place no kind of document lives".to_string(),
            "session reports go in sessions/, IGF Messages in messages/, output documents in outputs/".to_string(),
        )),
    }
}

/// The slug of a file name as upload forms make them (`WS 3 Mixed
/// Case`, `Données`): lowercase ASCII letters and digits, accents folded,
/// anything else one hyphen between them (`ws-3-mixed-case`, `donnees`).
/// Empty where nothing of the name is left, as in a name in Chinese.
pub fn slug_of_name(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    if is_slug(name) {
        return name.to_string();
    }
    let mut slug = String::with_capacity(name.len());
    let mut gap = false;
    for c in name
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
    {
        if c.is_ascii_alphanumeric() || c == '_' {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    slug
}

/// A warning for a file whose name is not its slug, and an error for two
/// files of a year's folder that make the same slug in one language.
fn check_slugs(files: &[SourceFile], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: std::collections::HashMap<(u16, Kind, &str, &str), &str> =
        std::collections::HashMap::new();
    for file in files {
        let Place::Document { kind, slug, lang } = &file.place else {
            continue;
        };
        let name = file.display.rsplit('/').next().unwrap_or(&file.display);
        if !name.starts_with(&format!("{slug}.")) {
            let suffix = name
                .strip_suffix(".md")
                .and_then(super::split_language_suffix);
            let renamed = match suffix {
                Some((_, lang)) => format!("{slug}.{lang}.md"),
                None => format!("{slug}.md"),
            };
            diagnostics.push(
                Diagnostic::warning(
                    &file.display,
                    Position::default(),
                    format!("this file builds under the slug `{slug}` (its URL and its name in links)"),
                )
                .hint(format!("rename it to {renamed}: a file name of lowercase letters, digits and hyphens is its own slug")),
            );
        }
        match seen.entry((file.year, *kind, slug, lang)) {
            std::collections::hash_map::Entry::Vacant(place) => {
                place.insert(&file.display);
            }
            std::collections::hash_map::Entry::Occupied(first) => diagnostics.push(
                Diagnostic::error(
                    &file.display,
                    Position::default(),
                    format!("this file and {} both make the slug `{slug}`", first.get()),
                )
                .hint("rename one of them: each document of a folder needs its own slug"),
            ),
        }
    }
}

/// Slugs become folder names in URLs: keep them plain.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> SiteConfig {
        crate::config::parse("title: T\nbase_url: https://x.org\nlanguages:\n  en: {name: English}\n  fr: {name: Français}\n  zh-Hans: {name: 中文}\n").unwrap()
    }

    #[test]
    fn classifies_by_folder_and_suffix() {
        let c = config();
        assert_eq!(
            classify(&["2020", "meeting.yaml"], &c),
            Ok((2020, Place::Meeting))
        );
        let place = |kind, slug: &str, lang: &str| Place::Document {
            kind,
            slug: slug.into(),
            lang: lang.into(),
        };
        assert_eq!(
            classify(&["2020", "sessions", "ws-1.md"], &c),
            Ok((2020, place(Kind::Session, "ws-1", "en")))
        );
        assert_eq!(
            classify(&["2020", "outputs", "bpf.fr.md"], &c),
            Ok((2020, place(Kind::Output, "bpf", "fr")))
        );
        assert_eq!(
            classify(&["2020", "messages", "trust.zh-Hans.md"], &c),
            Ok((2020, place(Kind::Messages, "trust", "zh-Hans")))
        );
    }

    #[test]
    fn names_from_upload_forms_build_under_a_slug() {
        let c = config();
        assert_eq!(
            classify(&["2020", "sessions", "WS 3 Mixed Case.fr.md"], &c),
            Ok((
                2020,
                Place::Document {
                    kind: Kind::Session,
                    slug: "ws-3-mixed-case".into(),
                    lang: "fr".into(),
                }
            ))
        );
        assert_eq!(slug_of_name("Données  (final)"), "donnees-final");
        assert_eq!(slug_of_name("ws_12"), "ws_12");
        assert_eq!(slug_of_name("数据"), "");
    }

    #[test]
    fn refuses_misplaced_files() {
        let c = config();
        assert!(
            classify(&["2020", "notes.md"], &c)
                .unwrap_err()
                .0
                .contains("no kind")
        );
        assert!(classify(&["notes.md"], &c).unwrap_err().0.contains("year"));
        assert!(
            classify(&["2020", "sessions", "ws-1.de.md"], &c)
                .unwrap_err()
                .0
                .contains("`de`")
        );
        assert!(classify(&["2020", "sessions", "数据.md"], &c).is_err());
        assert!(classify(&["2020", "sessions", "ws-1.txt"], &c).is_err());
    }
}
