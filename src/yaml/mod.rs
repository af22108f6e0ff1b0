//! Reading YAML (front matter, `site.yaml`, `meeting.yaml`) field by field,
//! so that every problem points at the line and column of its field.
//!
//! serde_yaml reports syntax errors with a position but forgets positions
//! once a document is parsed. `KeyIndex` scans the text once more to find
//! where each key and list item is written, and `Fields` reads one typed
//! field at a time, turning each failure into a diagnostic at that place.

use crate::diagnostics::{Diagnostic, Position};
use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

mod keys;
mod value;

pub use keys::KeyIndex;

/// Parses YAML text into a mapping. `first_line` is the line of the file on
/// which `text` starts, so that positions refer to the whole file.
pub fn parse_mapping(text: &str, path: &str, first_line: usize) -> Result<Mapping, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(Mapping::new());
    }
    match value::parse_within_budget(text) {
        Ok(Value::Mapping(map)) => Ok(map),
        Ok(Value::Null) => Ok(Mapping::new()),
        Ok(_) => Err(Diagnostic::error(
            path,
            Position::new(first_line, 1),
            "this YAML is not a list of `key: value` fields",
        )
        .expected("fields such as `title: …`, one per line")),
        Err(error) => {
            // libyaml also breaks lines at U+2028, U+0085 and lone CRs,
            // which our lines do not, so its line number can be past ours:
            // its byte offset is counted again in our lines.
            let at = error
                .location()
                .map(|l| position_of_byte(text, l.index(), first_line))
                .unwrap_or(Position::new(first_line, 1));
            let message = error.to_string();
            // serde_yaml appends " at line N column M"; we show the position ourselves.
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string();
            // serde_yaml puts the path of the value before the message.
            if let Some(at_message) = message.find(value::TOO_LARGE) {
                let message = message[at_message..].to_string();
                return Err(Diagnostic::error(path, at, message).hint(
                    "write the values out instead of repeating them with anchors (`&name`) and aliases (`*name`)",
                ));
            }
            Err(Diagnostic::error(path, at, format!("YAML syntax error: {message}"))
                .hint("check the indentation, and quote values that contain `: ` or start with `[`, `{`, `*`, `&`, `!`, `|`, `>`, `%` or `@`"))
        }
    }
}

/// The line (counting `\n` only, as `check` quotes them) and column (in
/// characters) of a byte offset into `text`, which starts on `first_line`.
fn position_of_byte(text: &str, offset: usize, first_line: usize) -> Position {
    // An error at the very end is shown at the end of the last line.
    let mut offset = offset.min(text.trim_end_matches(['\n', '\r']).len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    Position::new(
        first_line + before.matches('\n').count(),
        before[line_start..].chars().count() + 1,
    )
}

/// Reads the typed fields of one YAML mapping, collecting a diagnostic for
/// each missing, mistyped or unknown field.
pub struct Fields<'a> {
    map: Mapping,
    keys: &'a KeyIndex,
    path: &'a str,
    prefix: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Fields<'a> {
    pub fn new(map: Mapping, keys: &'a KeyIndex, path: &'a str) -> Self {
        Fields {
            map,
            keys,
            path,
            prefix: String::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Fields of a nested mapping, e.g. `tracks.data`.
    pub fn nested(map: Mapping, keys: &'a KeyIndex, path: &'a str, prefix: &str) -> Self {
        Fields {
            prefix: prefix.to_string(),
            ..Fields::new(map, keys, path)
        }
    }

    pub fn full_key(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.prefix)
        }
    }

    pub fn position(&self, key: &str) -> Position {
        self.keys.position(&self.full_key(key))
    }

    pub fn path(&self) -> &str {
        self.path
    }

    /// A field that must be present; `expected` says what it should hold.
    pub fn required<T: DeserializeOwned>(&mut self, key: &str, expected: &str) -> Option<T> {
        match self.take(key) {
            Some(value) => self.convert(key, value, expected),
            None => {
                let full = self.full_key(key);
                let at = if self.prefix.is_empty() {
                    self.keys.start()
                } else {
                    self.keys.position(&self.prefix)
                };
                self.diagnostics.push(
                    Diagnostic::error(self.path, at, format!("missing required field `{full}`"))
                        .field(full)
                        .expected(expected.to_string())
                        .hint(format!("add a line `{key}: …`")),
                );
                None
            }
        }
    }

    /// A field that may be absent (or empty).
    pub fn optional<T: DeserializeOwned>(&mut self, key: &str, expected: &str) -> Option<T> {
        match self.take(key) {
            Some(Value::Null) | None => None,
            Some(value) => self.convert(key, value, expected),
        }
    }

    /// The raw value of a field, for callers that look inside it.
    pub fn take(&mut self, key: &str) -> Option<Value> {
        self.map.remove(key)
    }

    fn convert<T: DeserializeOwned>(
        &mut self,
        key: &str,
        value: Value,
        expected: &str,
    ) -> Option<T> {
        let found = describe(&value);
        match serde_yaml::from_value::<T>(value) {
            Ok(v) => Some(v),
            Err(_) => {
                let full = self.full_key(key);
                let at = self.keys.position(&full);
                self.diagnostics.push(
                    Diagnostic::error(
                        self.path,
                        at,
                        format!("`{full}` has the wrong type: found {found}"),
                    )
                    .field(full)
                    .expected(expected.to_string()),
                );
                None
            }
        }
    }

    /// Reports every field that was not read as unknown, with a suggestion
    /// among `known` when one is close.
    pub fn finish(mut self, known: &[&str]) -> Vec<Diagnostic> {
        let leftover: Vec<String> = self
            .map
            .keys()
            .map(|k| match k {
                Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            })
            .collect();
        for key in leftover {
            let full = self.full_key(&key);
            let at = self.keys.position(&full);
            let mut d = Diagnostic::error(self.path, at, format!("unknown field `{key}`"))
                .field(full)
                .expected(format!("one of: {}", known.join(", ")));
            if let Some(suggestion) = did_you_mean(&key, known) {
                d = d.hint(format!("did you mean `{suggestion}`?"));
            } else {
                d = d.hint("remove the field, or check its spelling");
            }
            self.diagnostics.push(d);
        }
        self.diagnostics
    }
}

/// The longest name `did_you_mean` looks at: its work grows with the
/// square of the length, and no field, track or path is this long.
const LONGEST_SUGGESTED: usize = 200;

/// The closest known name to a misspelt one, if it is close enough.
pub fn did_you_mean<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    let length = word.chars().count();
    if !(2..=LONGEST_SUGGESTED).contains(&length) {
        return None;
    }
    let allowed = |k: &str| (k.len() / 3).max(2);
    known
        .iter()
        // The distance is at least the difference in length: skip the
        // names that cannot be close before measuring.
        .filter(|k| k.chars().count().abs_diff(length) <= allowed(k))
        .map(|k| (strsim::damerau_levenshtein(word, k), *k))
        .filter(|(distance, k)| *distance <= allowed(k) && *distance < length)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// How a YAML value looks, for "found …" in messages.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(_) => "a string".into(),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a map of fields".into(),
        Value::Tagged(_) => "a tagged value".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_report_missing_mistyped_and_unknown_fields() {
        let text = "title: 3\nkey_takeway: []\n";
        let index = KeyIndex::new(text, 2);
        let map = parse_mapping(text, "x.md", 2).unwrap();
        let mut fields = Fields::new(map, &index, "x.md");
        assert!(
            fields
                .required::<Vec<String>>("title", "a list of strings")
                .is_none()
        );
        assert!(fields.required::<String>("code", "a string").is_none());
        let diagnostics = fields.finish(&["title", "code", "key_takeaways"]);
        assert_eq!(diagnostics.len(), 3);
        assert_eq!(
            (diagnostics[0].line, diagnostics[0].message.as_str()),
            (2, "`title` has the wrong type: found the number `3`")
        );
        assert_eq!(diagnostics[1].message, "missing required field `code`");
        assert_eq!(diagnostics[2].line, 3);
        assert_eq!(
            diagnostics[2].hint.as_deref(),
            Some("did you mean `key_takeaways`?")
        );
    }

    #[test]
    fn syntax_errors_point_into_the_file() {
        let error = parse_mapping("title: ok\ntracks: [a\n", "x.md", 2).unwrap_err();
        assert!(error.line >= 3, "{error:?}");
        assert!(error.message.starts_with("YAML syntax error"));
    }

    #[test]
    fn a_line_separator_inside_a_value_does_not_shift_later_lines() {
        // libyaml counts five lines before `code`; the file has one.
        let text = "title: \"a\u{2028}b\u{2028}c\u{85}d\r\"\ncode: [x, y\n";
        let error = parse_mapping(text, "x.md", 10).unwrap_err();
        assert_eq!((error.line, error.column), (11, 12), "{error:?}");
        let text = "title: \"a\u{2028}b\"\nkey: value: no\ncode: x\n";
        let error = parse_mapping(text, "x.md", 1).unwrap_err();
        assert_eq!(error.line, 2, "{error:?}");
    }
}
