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
use std::collections::HashMap;

/// Parses YAML text into a mapping. `first_line` is the line of the file on
/// which `text` starts, so that positions refer to the whole file.
pub fn parse_mapping(text: &str, path: &str, first_line: usize) -> Result<Mapping, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(Mapping::new());
    }
    match serde_yaml::from_str::<Value>(text) {
        Ok(Value::Mapping(map)) => Ok(map),
        Ok(Value::Null) => Ok(Mapping::new()),
        Ok(_) => Err(Diagnostic::error(
            path,
            Position::new(first_line, 1),
            "this YAML is not a list of `key: value` fields",
        )
        .expected("fields such as `title: …`, one per line")),
        Err(error) => {
            let at = error
                .location()
                .map(|l| Position::new(first_line + l.line().saturating_sub(1), l.column().max(1)))
                .unwrap_or(Position::new(first_line, 1));
            let message = error.to_string();
            // serde_yaml appends " at line N column M"; we show the position ourselves.
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string();
            Err(Diagnostic::error(path, at, format!("YAML syntax error: {message}"))
                .hint("check the indentation, and quote values that contain `: ` or start with `[`, `{`, `*`, `&`, `!`, `|`, `>`, `%` or `@`"))
        }
    }
}

/// Where each key (`tracks`, `tracks.data.title`) and list item
/// (`key_takeaways.1`) is written in a YAML text of block style.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct KeyIndex {
    /// Sorted by path; a build holds one per file, so it is kept compact.
    positions: Box<[(Box<str>, Position)]>,
    first_line: usize,
}

impl KeyIndex {
    pub fn new(text: &str, first_line: usize) -> Self {
        let mut index = Builder {
            positions: HashMap::new(),
        };
        // (indent, dotted path) of the keys enclosing the current line.
        let mut stack: Vec<(usize, String)> = Vec::new();
        let mut item_counts: HashMap<String, usize> = HashMap::new();
        for (number, line) in text.lines().enumerate() {
            let line_no = first_line + number;
            let content = line.trim_start_matches(' ');
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            let indent = line.len() - content.len();
            if content.starts_with("- ") || content == "-" {
                while stack.last().is_some_and(|(i, _)| *i > indent) {
                    stack.pop();
                }
                let parent = stack.last().map(|(_, p)| p.clone()).unwrap_or_default();
                let count = item_counts.entry(parent.clone()).or_insert(0);
                let item_path = join(&parent, &count.to_string());
                *count += 1;
                let column = char_column(line, indent + 2);
                index
                    .positions
                    .insert(item_path, Position::new(line_no, column));
                continue;
            }
            let Some((key, rest_at)) = split_key(content) else {
                continue;
            };
            while stack.last().is_some_and(|(i, _)| *i >= indent) {
                stack.pop();
            }
            let parent = stack.last().map(|(_, p)| p.clone()).unwrap_or_default();
            let path = join(&parent, &key);
            index.positions.insert(
                path.clone(),
                Position::new(line_no, char_column(line, indent)),
            );
            index.index_flow_items(&path, line, indent + rest_at, line_no);
            stack.push((indent, path));
        }
        let mut positions: Vec<(Box<str>, Position)> = index
            .positions
            .into_iter()
            .map(|(path, p)| (path.into_boxed_str(), p))
            .collect();
        positions.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        KeyIndex {
            positions: positions.into_boxed_slice(),
            first_line,
        }
    }

    fn get(&self, path: &str) -> Option<Position> {
        self.positions
            .binary_search_by(|(p, _)| (**p).cmp(path))
            .ok()
            .map(|i| self.positions[i].1)
    }

    /// The position of a key or item, or of its closest enclosing key.
    pub fn position(&self, path: &str) -> Position {
        let mut path = path;
        loop {
            if let Some(p) = self.get(path) {
                return p;
            }
            match path.rfind('.') {
                Some(dot) => path = &path[..dot],
                None => return Position::new(self.first_line, 1),
            }
        }
    }

    pub fn has(&self, path: &str) -> bool {
        self.get(path).is_some()
    }
}

/// Positions as `KeyIndex::new` finds them.
struct Builder {
    positions: HashMap<String, Position>,
}

impl Builder {
    // Records the items of an inline list such as `tracks: [data, trust]`.
    fn index_flow_items(&mut self, path: &str, line: &str, value_at: usize, line_no: usize) {
        let value = &line[value_at..];
        let trimmed = value.trim_start();
        if !trimmed.starts_with('[') {
            return;
        }
        let open = value_at + (value.len() - trimmed.len());
        let mut item = 0;
        let mut start = open + 1;
        let mut depth = 0;
        let mut quote: Option<char> = None;
        for (offset, c) in line[open + 1..].char_indices() {
            let at = open + 1 + offset;
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '[' | '{') => depth += 1,
                (None, ']' | '}') if depth > 0 => depth -= 1,
                (None, ',' | ']') if depth == 0 => {
                    let piece = &line[start..at];
                    let lead = piece.len() - piece.trim_start().len();
                    if !piece.trim().is_empty() {
                        let column = char_column(line, start + lead);
                        self.positions.insert(
                            join(path, &item.to_string()),
                            Position::new(line_no, column),
                        );
                        item += 1;
                    }
                    start = at + 1;
                    if c == ']' {
                        break;
                    }
                }
                _ => {}
            }
        }
    }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

fn char_column(line: &str, byte_offset: usize) -> usize {
    line.get(..byte_offset).map_or(1, |s| s.chars().count() + 1)
}

// Splits `key: value` into the key and the byte offset of the value.
fn split_key(content: &str) -> Option<(String, usize)> {
    let (key, after) = if let Some(rest) = content.strip_prefix('"') {
        let end = rest.find('"')?;
        (rest[..end].to_string(), end + 2)
    } else if let Some(rest) = content.strip_prefix('\'') {
        let end = rest.find('\'')?;
        (rest[..end].to_string(), end + 2)
    } else {
        let end = content.find(':')?;
        let key = &content[..end];
        if key.contains(' ') && !key.trim().contains(' ') {
            (key.trim().to_string(), end)
        } else {
            (key.to_string(), end)
        }
    };
    let rest = &content[after..];
    let rest = rest.trim_start_matches(' ');
    let colon_rest = rest.strip_prefix(':')?;
    if !(colon_rest.is_empty() || colon_rest.starts_with(' ') || colon_rest.starts_with('\t')) {
        return None;
    }
    let value_at = content.len() - colon_rest.len();
    Some((key, value_at))
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
        join(&self.prefix, key)
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
                    Position::new(self.keys.first_line.max(1), 1)
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

/// The closest known name to a misspelt one, if it is close enough.
pub fn did_you_mean<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    if word.chars().count() < 2 {
        return None;
    }
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(word, k), *k))
        .filter(|(distance, k)| {
            *distance <= (k.len() / 3).max(2) && *distance < word.chars().count()
        })
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

    const TEXT: &str = "code: WS 1\ntracks: [data, trust]\nkey_takeaways:\n  - First\n  - Second\nmeta:\n  title:\n    en: X\n";

    #[test]
    fn key_index_finds_keys_items_and_nested_keys() {
        let index = KeyIndex::new(TEXT, 2);
        assert_eq!(index.position("code"), Position::new(2, 1));
        assert_eq!(index.position("tracks.1"), Position::new(3, 16));
        assert_eq!(index.position("key_takeaways.1"), Position::new(6, 5));
        assert_eq!(index.position("meta.title.en"), Position::new(9, 5));
        assert_eq!(index.position("meta.title.fr"), Position::new(8, 3));
    }

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
}
