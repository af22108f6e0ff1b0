//! Problems found in an archive, reported the way rustc reports them: where
//! (`path:line:column`), what is wrong, what was expected, and what to do.
//!
//! Every stage collects diagnostics instead of stopping at the first one, so
//! a rapporteur sees every problem of a build at once. This module only
//! describes and formats problems; the rules that find them live in the
//! stages (`content`, `validate`, `link`).

use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a source file; line and column count from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub fn new(line: usize, column: usize) -> Self {
        Position { line, column }
    }
}

/// One problem, in one file, at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the archive's root, with `/` separators.
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// The front-matter field or configuration key concerned, if any.
    pub field: Option<String>,
    pub message: String,
    pub expected: Option<String>,
    pub hint: Option<String>,
    /// The name of a kind of warning that `check` can be told to allow
    /// (`outdated-translation`); most have none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
}

impl Diagnostic {
    pub fn error(path: &str, at: Position, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.to_string(),
            line: at.line,
            column: at.column,
            field: None,
            message: message.into(),
            expected: None,
            hint: None,
            code: None,
        }
    }

    pub fn warning(path: &str, at: Position, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, at, message)
        }
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&str, usize, usize, Severity, &str) {
        (
            &self.path,
            self.line,
            self.column,
            self.severity,
            &self.message,
        )
    }
}

/// Sorts diagnostics by file, then line and column, and drops exact repeats.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// Turns a path under the archive's root into the form diagnostics use.
pub fn display_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let text = relative.to_string_lossy().replace('\\', "/");
    text.trim_start_matches("./").to_string()
}

/// Reads the line a diagnostic points at, to quote it under the message.
pub type SourceLookup<'a> = dyn Fn(&str, usize) -> Option<String> + 'a;

/// Renders diagnostics for a person at a terminal, in the style of rustc.
pub fn format_human(diagnostics: &[Diagnostic], source_line: &SourceLookup, color: bool) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    for d in diagnostics {
        let (label, code) = match d.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
        let field = d
            .field
            .as_deref()
            .map(|f| format!(" [{f}]"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}{}: {}",
            paint(code, label),
            paint("1", &field),
            paint("1", &d.message)
        );
        let location = if d.line > 0 {
            format!("{}:{}:{}", d.path, d.line, d.column.max(1))
        } else {
            d.path.clone()
        };
        let gutter_width = d.line.to_string().len();
        let pad = " ".repeat(gutter_width);
        let _ = writeln!(out, "{pad}{} {location}", paint("1;34", "-->"));
        if let Some(text) = (d.line > 0).then(|| source_line(&d.path, d.line)).flatten() {
            let bar = paint("1;34", "|");
            let shown: String = text
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            let caret_at: usize = shown.chars().take(d.column.saturating_sub(1)).count();
            let _ = writeln!(out, "{pad} {bar}");
            let _ = writeln!(out, "{} {bar} {shown}", paint("1;34", &d.line.to_string()));
            let _ = writeln!(
                out,
                "{pad} {bar} {}{}",
                " ".repeat(caret_at),
                paint(code, "^")
            );
        }
        if let Some(expected) = &d.expected {
            let _ = writeln!(out, "{pad} = expected: {expected}");
        }
        if let Some(hint) = &d.hint {
            let hint = hint.replace('\n', &format!("\n{pad}         "));
            let _ = writeln!(out, "{pad} = help: {hint}");
        }
        out.push('\n');
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let _ = writeln!(out, "{errors} error(s), {warnings} warning(s)");
    out
}

/// Renders diagnostics as one JSON array with stable field names.
pub fn format_json(diagnostics: &[Diagnostic]) -> String {
    let mut text = serde_json::to_string_pretty(diagnostics).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

/// Renders diagnostics as GitHub Actions workflow commands, so that a pull
/// request shows each problem on its line.
pub fn format_github(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = d.message.clone();
        if let Some(expected) = &d.expected {
            message.push_str(&format!(" (expected: {expected})"));
        }
        if let Some(hint) = &d.hint {
            message.push_str(&format!(" Help: {hint}"));
        }
        let title = d.field.as_deref().unwrap_or("igf-archive");
        let _ = writeln!(
            out,
            "::{level} file={},line={},col={},title={}::{}",
            escape_property(&d.path),
            d.line.max(1),
            d.column.max(1),
            escape_property(title),
            escape_data(&message)
        );
    }
    out
}

// The escaping rules of GitHub's workflow commands.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Reads source lines from disk for `format_human`, relative to the root.
pub fn disk_lookup(root: PathBuf) -> impl Fn(&str, usize) -> Option<String> {
    move |path: &str, line: usize| {
        // Never quote a file outside the archive, nor wait on a pipe.
        let bytes = crate::files::read_inside(&root, &root.join(path)).ok()?;
        let text = String::from_utf8_lossy(&bytes);
        let text = crate::text::unix_newlines(&text);
        let text = text.trim_start_matches('\u{feff}');
        text.lines().nth(line.checked_sub(1)?).map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_format_quotes_the_line_with_a_caret_under_the_column() {
        let d = Diagnostic::error(
            "content/2020/sessions/ws-1.md",
            Position::new(3, 1),
            "unknown field `key_takeway`",
        )
        .field("key_takeway")
        .hint("did you mean `key_takeaways`?");
        let lookup = |_: &str, line: usize| (line == 3).then(|| "key_takeway: []".to_string());
        let text = format_human(&[d], &lookup, false);
        assert!(
            text.contains("error [key_takeway]: unknown field `key_takeway`"),
            "{text}"
        );
        assert!(
            text.contains("--> content/2020/sessions/ws-1.md:3:1"),
            "{text}"
        );
        assert!(text.contains("3 | key_takeway: []\n  | ^"), "{text}");
        assert!(
            text.contains("= help: did you mean `key_takeaways`?"),
            "{text}"
        );
        assert!(text.ends_with("1 error(s), 0 warning(s)\n"), "{text}");
    }

    #[test]
    fn github_format_escapes_commas_and_newlines() {
        let d = Diagnostic::warning("a,b.md", Position::new(2, 5), "two\nlines");
        let text = format_github(&[d]);
        assert_eq!(
            text,
            "::warning file=a%2Cb.md,line=2,col=5,title=igf-archive::two%0Alines\n"
        );
    }
}
