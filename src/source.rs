//! Turning a file's bytes into text and splitting off its front matter.
//!
//! Rapporteurs write on every kind of machine: files may carry a byte-order
//! mark, Windows line endings, or not be UTF-8 at all. This module accepts
//! the first two silently and reports the third at the line it happens.

use crate::diagnostics::{Diagnostic, Position};

/// Decodes UTF-8, dropping a byte-order mark and turning CRLF into LF.
pub fn decode(bytes: &[u8], path: &str) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(crate::text::unix_newlines(text).into_owned()),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count()
                + 1;
            Err(Diagnostic::error(
                path,
                Position::new(line, column),
                format!(
                    "the file is not valid UTF-8 (at byte {})",
                    error.valid_up_to()
                ),
            )
            .expected("text encoded as UTF-8")
            .hint("save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)"))
        }
    }
}

/// A Markdown file cut in two: its YAML front matter and its body.
#[derive(Debug, PartialEq)]
pub struct Split<'a> {
    pub front_matter: &'a str,
    /// The line of the file on which the front matter's first field is.
    pub front_matter_line: usize,
    pub body: &'a str,
    /// The line of the file on which the body starts.
    pub body_line: usize,
}

/// Splits `---\nYAML\n---\nMarkdown`. The closing line may also be `...`.
pub fn split_front_matter<'a>(text: &'a str, path: &str) -> Result<Split<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(
            Diagnostic::error(path, Position::new(1, 1), "the file is empty")
                .expected("front matter between `---` lines, then the report in Markdown")
                .hint("`igf-archive new session` writes a template to start from"),
        );
    }
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Err(Diagnostic::error(path, Position::new(1, 1), "the file does not start with front matter")
            .expected("a first line `---`, then fields such as `title: …`, then a line `---`")
            .hint("add the front matter at the top of the file; `igf-archive new session` shows the fields"));
    }
    let after_open = (first_line_end + 1).min(text.len());
    let mut offset = after_open;
    for (line, raw) in (2..).zip(text[after_open..].split_inclusive('\n')) {
        let trimmed = raw.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let body_start = offset + raw.len();
            return Ok(Split {
                front_matter: &text[after_open..offset],
                front_matter_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += raw.len();
    }
    Err(
        Diagnostic::error(path, Position::new(1, 1), "the front matter is not closed")
            .expected("a line `---` after the last front-matter field")
            .hint("add a line with only `---` between the fields and the report's text"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_and_crlf() {
        assert_eq!(
            decode(b"\xEF\xBB\xBF---\r\na: 1\r\n", "x").unwrap(),
            "---\na: 1\n"
        );
    }

    #[test]
    fn invalid_utf8_names_its_line() {
        let error = decode(b"---\ntitle: caf\xE9\n", "x.md").unwrap_err();
        assert_eq!((error.line, error.column), (2, 11));
        assert!(error.message.contains("byte 14"), "{}", error.message);
    }

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let split = split_front_matter("---\ntitle: A\ncode: B\n---\n\nBody\n", "x").unwrap();
        assert_eq!(split.front_matter, "title: A\ncode: B\n");
        assert_eq!(split.body, "\nBody\n");
        assert_eq!(split.body_line, 5);
    }

    #[test]
    fn refuses_unclosed_missing_and_empty_front_matter() {
        assert!(
            split_front_matter("---\ntitle: A\n", "x")
                .unwrap_err()
                .message
                .contains("not closed")
        );
        assert!(
            split_front_matter("# Title\n", "x")
                .unwrap_err()
                .message
                .contains("does not start")
        );
        assert!(
            split_front_matter("", "x")
                .unwrap_err()
                .message
                .contains("empty")
        );
        assert!(
            split_front_matter("---", "x")
                .unwrap_err()
                .message
                .contains("not closed")
        );
    }
}
