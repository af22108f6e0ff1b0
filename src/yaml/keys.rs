//! Where each key (`tracks`, `tracks.data.title`) and list item
//! (`key_takeaways.1`) of a block-style YAML text is written.
//!
//! serde_yaml forgets positions once a document is parsed, so the text is
//! scanned once more, line by line. The index is a tree: each key or item
//! is stored with its parent's number, never with its whole path, so that
//! its size stays proportional to the text however deep or long the keys.

use crate::diagnostics::Position;
use std::collections::HashMap;

/// One key or item: its parent's node, its key (or item number), its own
/// node and its position. Node 0 is the document itself.
type Entry = (u32, Box<str>, u32, Position);

#[derive(Debug, Default, Clone, PartialEq)]
pub struct KeyIndex {
    /// Sorted by parent and key. A build holds one index per file, so it
    /// is kept compact.
    entries: Box<[Entry]>,
    first_line: usize,
}

impl KeyIndex {
    pub fn new(text: &str, first_line: usize) -> Self {
        let mut index = Builder::default();
        // (indent, node) of the keys enclosing the current line.
        let mut stack: Vec<(usize, u32)> = Vec::new();
        let mut item_counts: HashMap<u32, usize> = HashMap::new();
        // The indent of the key or item whose block scalar (`|`, `>`) the
        // lines below belong to, while they do.
        let mut scalar_of: Option<usize> = None;
        for (number, line) in text.lines().enumerate() {
            let line_no = first_line + number;
            let content = line.trim_start_matches(' ');
            let indent = line.len() - content.len();
            if let Some(owner) = scalar_of {
                if content.is_empty() || indent > owner {
                    continue;
                }
                scalar_of = None;
            }
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            if content.starts_with("- ") || content == "-" {
                while stack.last().is_some_and(|(i, _)| *i > indent) {
                    stack.pop();
                }
                let parent = stack.last().map_or(0, |(_, node)| *node);
                let count = item_counts.entry(parent).or_insert(0);
                let column = char_column(line, indent + 2);
                index.add(parent, &count.to_string(), Position::new(line_no, column));
                *count += 1;
                if starts_block_scalar(content.get(2..).unwrap_or("")) {
                    scalar_of = Some(indent);
                }
                continue;
            }
            let Some((key, value_at)) = split_key(content) else {
                continue;
            };
            while stack.last().is_some_and(|(i, _)| *i >= indent) {
                stack.pop();
            }
            let parent = stack.last().map_or(0, |(_, node)| *node);
            let node = index.add(
                parent,
                key,
                Position::new(line_no, char_column(line, indent)),
            );
            let value_at = indent + value_at;
            index.flow_items(node, line, value_at, line_no);
            if starts_block_scalar(&line[value_at..]) {
                scalar_of = Some(indent);
            }
            stack.push((indent, node));
        }
        let mut entries: Vec<Entry> = index
            .entries
            .into_iter()
            .map(|((parent, key), (node, at))| (parent, key, node, at))
            .collect();
        entries.sort_unstable_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        KeyIndex {
            entries: entries.into_boxed_slice(),
            first_line,
        }
    }

    fn child(&self, parent: u32, key: &str) -> Option<(u32, Position)> {
        self.entries
            .binary_search_by(|(p, k, _, _)| (*p, &**k).cmp(&(parent, key)))
            .ok()
            .map(|i| (self.entries[i].2, self.entries[i].3))
    }

    /// The position of the deepest key or item of `path` that is written.
    fn deepest(&self, path: &str) -> (Option<Position>, bool) {
        let mut node = 0;
        let mut found = None;
        for part in path.split('.') {
            match self.child(node, part) {
                Some((child, at)) => (node, found) = (child, Some(at)),
                None => return (found, false),
            }
        }
        (found, true)
    }

    /// The position of a key or item, or of its closest enclosing key.
    pub fn position(&self, path: &str) -> Position {
        self.deepest(path)
            .0
            .unwrap_or(Position::new(self.first_line, 1))
    }

    /// Where the text starts: the place of a field that is missing.
    pub fn start(&self) -> Position {
        Position::new(self.first_line.max(1), 1)
    }

    pub fn has(&self, path: &str) -> bool {
        self.deepest(path).1
    }
}

/// Positions as `KeyIndex::new` finds them.
#[derive(Default)]
struct Builder {
    entries: HashMap<(u32, Box<str>), (u32, Position)>,
    nodes: u32,
}

impl Builder {
    fn add(&mut self, parent: u32, key: &str, at: Position) -> u32 {
        self.nodes += 1;
        self.entries.insert((parent, key.into()), (self.nodes, at));
        self.nodes
    }

    // Records the items of an inline list such as `tracks: [data, trust]`.
    fn flow_items(&mut self, parent: u32, line: &str, value_at: usize, line_no: usize) {
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
                        self.add(parent, &item.to_string(), Position::new(line_no, column));
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

/// Whether a value opens a block scalar: `|`, `>`, with their modifiers
/// (`|-`, `>+2`) and perhaps a comment.
fn starts_block_scalar(value: &str) -> bool {
    let value = value.trim_start();
    let Some(rest) = value.strip_prefix(['|', '>']) else {
        return false;
    };
    let rest = rest.trim_start_matches(['-', '+', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    rest.trim_start().is_empty() || rest.trim_start().starts_with('#')
}

fn char_column(line: &str, byte_offset: usize) -> usize {
    line.get(..byte_offset).map_or(1, |s| s.chars().count() + 1)
}

// Splits `key: value` into the key and the byte offset of the value.
fn split_key(content: &str) -> Option<(&str, usize)> {
    let (key, after) = if let Some(rest) = content.strip_prefix('"') {
        let end = rest.find('"')?;
        (&rest[..end], end + 2)
    } else if let Some(rest) = content.strip_prefix('\'') {
        let end = rest.find('\'')?;
        (&rest[..end], end + 2)
    } else {
        let end = content.find(':')?;
        let key = &content[..end];
        if key.contains(' ') && !key.trim().contains(' ') {
            (key.trim(), end)
        } else {
            (key, end)
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

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "code: WS 1\ntracks: [data, trust]\nkey_takeaways:\n  - First\n  - Second\nmeta:\n  title:\n    en: X\n";

    #[test]
    fn finds_keys_items_and_nested_keys() {
        let index = KeyIndex::new(TEXT, 2);
        assert_eq!(index.position("code"), Position::new(2, 1));
        assert_eq!(index.position("tracks.1"), Position::new(3, 16));
        assert_eq!(index.position("key_takeaways.1"), Position::new(6, 5));
        assert_eq!(index.position("meta.title.en"), Position::new(9, 5));
        assert_eq!(index.position("meta.title.fr"), Position::new(8, 3));
        assert!(index.has("meta.title") && !index.has("meta.title.fr"));
        assert_eq!(index.position("nothing"), Position::new(2, 1));
    }

    #[test]
    fn lines_of_a_block_scalar_are_not_keys() {
        let text = "title: |\n  Data: trust\n  - not an item\n\nkey_takeaways:\n  - >-\n    Risk: high\n  - Second\n";
        let index = KeyIndex::new(text, 1);
        assert!(!index.has("title.Data") && !index.has("title.0"));
        assert_eq!(index.position("key_takeaways.1"), Position::new(8, 5));
        assert!(!index.has("key_takeaways.0.Risk"));
    }

    #[test]
    fn size_stays_proportional_to_the_text() {
        // A 100,000-character key followed by 10,000 items: with whole
        // paths stored per item, this took 3 GB.
        let mut text = format!("  {}:\n", "k".repeat(100_000));
        for _ in 0..10_000 {
            text.push_str("   - x\n");
        }
        let index = KeyIndex::new(&text, 1);
        let stored: usize = index.entries.iter().map(|e| e.1.len()).sum();
        assert!(stored < 2 * text.len(), "{stored}");
        assert_eq!(index.entries.len(), 10_001);
    }
}
