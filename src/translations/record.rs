//! `igf-archive translations --record FILE…`: writes into each translation
//! the digests of its original as it is now, saying that the translation
//! is current. Only the `translates` line of the front matter changes; the
//! rest of the file is kept byte for byte.

use crate::config::SiteConfig;
use crate::content::discover::{Place, classify};
use crate::content::parse::{Keep, parse_document};
use crate::content::translation::{Digests, FIELD};
use std::path::{Path, PathBuf};

/// Records the current state of its original in each translation of
/// `files`, returning the files as the archive names them. Stops at the
/// first file that cannot be recorded, saying why.
pub fn record(root: &Path, config: &SiteConfig, files: &[PathBuf]) -> Result<Vec<String>, String> {
    let root = std::fs::canonicalize(root)
        .map_err(|e| format!("cannot read the archive {}: {e}", root.display()))?;
    let mut done = Vec::new();
    for file in files {
        let (source, original) = locate(&root, config, file)?;
        let digests = original_digests(&root, &original)?;
        let text = read(&root.join(&source), &source)?;
        let updated = with_field(&text, &digests.to_yaml()).ok_or_else(|| {
            format!("{source} does not start with front matter between `---` lines")
        })?;
        if updated != text {
            std::fs::write(root.join(&source), updated)
                .map_err(|e| format!("cannot write {source}: {e}"))?;
        }
        done.push(source);
    }
    Ok(done)
}

/// The translation's path relative to the root and its original's, from
/// where the file is: `content/<year>/<folder>/<slug>.<lang>.md`.
fn locate(root: &Path, config: &SiteConfig, file: &Path) -> Result<(String, String), String> {
    let absolute =
        std::fs::canonicalize(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let relative = absolute.strip_prefix(root.join("content")).map_err(|_| {
        format!(
            "{} is not in the archive's content/ folder ({})",
            file.display(),
            root.display()
        )
    })?;
    let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
    let source = format!("content/{}", parts.join("/"));
    let (year, place) = classify(&parts, config)
        .map_err(|(message, hint)| format!("{source}: {message}\nhelp: {hint}"))?;
    let Place::Document { kind, slug, lang } = place else {
        return Err(format!("{source} is not a translation of a document"));
    };
    if lang == config.default_language {
        return Err(format!(
            "{source} is an original, in `{lang}`\nhelp: record translations, such as {}",
            source.replace(".md", ".fr.md")
        ));
    }
    let original = format!("content/{year}/{}/{slug}.md", kind.folder());
    Ok((source, original))
}

/// The digests of the original at `source`, which must be a correct
/// document: a translation records a state that `check` accepts.
fn original_digests(root: &Path, source: &str) -> Result<Digests, String> {
    let text = read(&root.join(source), source)?;
    let parts: Vec<&str> = source.split('/').skip(1).collect();
    let kind = parts
        .get(1)
        .and_then(|folder| crate::content::Kind::from_folder(folder))
        .ok_or_else(|| format!("{source} is in no document folder"))?;
    let (version, _) = parse_document(&text, source, kind, "", Keep::default()).map_err(|found| {
        let first = found.first().map_or(String::new(), |d| {
            format!(": line {}: {}", d.line, d.message)
        });
        format!("the original {source} has errors{first}\nhelp: run `igf-archive check` and correct it first")
    })?;
    Ok(version.digests.clone())
}

fn read(path: &Path, source: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {source}: {e}"))?;
    String::from_utf8(bytes).map_err(|_| format!("{source} is not UTF-8"))
}

/// `text` with its front matter's `translates` line set to `value`: the
/// line (and any lines indented under it) replaced where it is, else added
/// as the front matter's last line. `None` without front matter.
pub fn with_field(text: &str, value: &str) -> Option<String> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let newline = if first.ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let line = format!("{FIELD}: {value}{newline}");
    let mut out = String::with_capacity(text.len() + line.len());
    out.push_str(first);
    let mut written = false;
    let mut replacing = false;
    let mut closed = false;
    for raw in lines.by_ref() {
        let trimmed = raw.trim_end();
        if trimmed == "---" || trimmed == "..." {
            if !written {
                out.push_str(&line);
            }
            out.push_str(raw);
            closed = true;
            break;
        }
        if replacing && (raw.starts_with(' ') || raw.starts_with('\t')) {
            continue;
        }
        replacing = false;
        if !written && is_field_line(raw) {
            out.push_str(&line);
            written = true;
            replacing = true;
            continue;
        }
        out.push_str(raw);
    }
    if !closed {
        return None;
    }
    lines.for_each(|rest| out.push_str(rest));
    Some(out)
}

/// Whether a front-matter line starts the `translates` field.
fn is_field_line(line: &str) -> bool {
    line.strip_prefix(FIELD)
        .is_some_and(|rest| rest.trim_start().starts_with(':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_the_field_at_the_end_of_the_front_matter() {
        let text = "---\ntitle: Confiance\n---\nCorps\n";
        assert_eq!(
            with_field(text, "{title: \"0a\"}").unwrap(),
            "---\ntitle: Confiance\ntranslates: {title: \"0a\"}\n---\nCorps\n"
        );
    }

    #[test]
    fn replaces_the_field_where_it_is_and_what_is_indented_under_it() {
        let text = "---\ntranslates:\n  title: \"00\"\ntitle: T\n---\n---\n";
        assert_eq!(
            with_field(text, "{title: \"11\"}").unwrap(),
            "---\ntranslates: {title: \"11\"}\ntitle: T\n---\n---\n"
        );
    }

    #[test]
    fn keeps_windows_line_endings_and_refuses_files_without_front_matter() {
        let text = "---\r\ntitle: T\r\n---\r\n";
        assert_eq!(
            with_field(text, "{}").unwrap(),
            "---\r\ntitle: T\r\ntranslates: {}\r\n---\r\n"
        );
        assert_eq!(with_field("# No front matter\n", "{}"), None);
        assert_eq!(with_field("---\ntitle: T\n", "{}"), None);
    }
}
