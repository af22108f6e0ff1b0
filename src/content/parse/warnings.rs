//! The IGF's own limits on a session report — how many takeaways and
//! calls to action, how long a takeaway — and a report left unfinished.
//! Broken, they are warnings: they do not stop a build.

use super::INSTRUCTION_MARK;
use crate::content::SessionMeta;
use crate::diagnostics::{Diagnostic, Position};
use crate::yaml::KeyIndex;

/// Every warning about a session report: its front matter's limits, then
/// its body's.
pub(super) fn session_warnings(
    s: &SessionMeta,
    keys: &KeyIndex,
    path: &str,
    body: &str,
    body_line: usize,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    count_warnings(&mut warnings, s, keys, path);
    takeaway_length_warnings(&mut warnings, s, keys, path);
    body_warnings(&mut warnings, path, body, body_line);
    warnings
}

/// More key takeaways or calls to action than the IGF asks for.
fn count_warnings(warnings: &mut Vec<Diagnostic>, s: &SessionMeta, keys: &KeyIndex, path: &str) {
    if s.key_takeaways.len() > 3 {
        warnings.push(
            Diagnostic::warning(
                path,
                keys.position("key_takeaways.3"),
                format!(
                    "{} key takeaways; the IGF asks for at most 3",
                    s.key_takeaways.len()
                ),
            )
            .field("key_takeaways")
            .hint("keep the three that matter most to decision-makers"),
        );
    }
    if s.calls_to_action.len() > 2 {
        warnings.push(
            Diagnostic::warning(
                path,
                keys.position("calls_to_action.2"),
                format!(
                    "{} calls to action; the IGF asks for at most 2",
                    s.calls_to_action.len()
                ),
            )
            .field("calls_to_action")
            .hint("keep the two most important ones"),
        );
    }
}

/// Key takeaways over 60 words.
fn takeaway_length_warnings(
    warnings: &mut Vec<Diagnostic>,
    s: &SessionMeta,
    keys: &KeyIndex,
    path: &str,
) {
    for (i, takeaway) in s.key_takeaways.iter().enumerate() {
        let words = crate::markdown::word_count(takeaway);
        if words > 60 {
            warnings.push(
                Diagnostic::warning(
                    path,
                    keys.position(&format!("key_takeaways.{i}")),
                    format!("key takeaway {} is {words} words long", i + 1),
                )
                .field("key_takeaways")
                .expected("at most 60 words")
                .hint("a takeaway is read in a list with others: one or two sentences"),
            );
        }
    }
}

/// Template instructions left in the body, or no body at all.
fn body_warnings(warnings: &mut Vec<Diagnostic>, path: &str, body: &str, body_line: usize) {
    if let Some(offset) = body.find(INSTRUCTION_MARK) {
        let line = body_line + body[..offset].matches('\n').count();
        warnings.push(
            Diagnostic::warning(
                path,
                Position::new(line, 1),
                "the report still holds the template's instructions",
            )
            .hint("write the section, then remove the <!-- igf-archive: … --> comment"),
        );
    }
    if body.trim().is_empty() {
        warnings.push(
            Diagnostic::warning(
                path,
                Position::new(body_line, 1),
                "the report has no text after the front matter",
            )
            .hint("add the report's sections: key policy questions, summary of issues discussed"),
        );
    }
}
