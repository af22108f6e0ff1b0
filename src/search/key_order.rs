//! The order of the index's keys: the browser finds a key's shard by
//! comparing strings as JavaScript does, so the keys are sorted the same
//! way, or searches miss.

/// The order of two strings by their UTF-16 code units, as JavaScript
/// sorts them. That is UTF-8's byte order, except between U+E000–U+FFFF
/// (lead bytes 0xEE, 0xEF) and the characters past U+FFFF (lead bytes
/// 0xF0–0xF4): in UTF-16 these come first, as surrogates (0xD800–0xDFFF).
pub(super) fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    match a.iter().zip(b).find(|(x, y)| x != y) {
        Some((&x, &y)) if x >= 0xEE && y >= 0xEE => {
            let past_plane = |lead: u8| lead >= 0xF0;
            past_plane(y).cmp(&past_plane(x)).then(x.cmp(&y))
        }
        Some((x, y)) => x.cmp(y),
        None => a.len().cmp(&b.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The browser finds a key's shard by comparing strings as JavaScript
    /// does; the keys must be sorted the same way, or searches miss.
    #[test]
    fn keys_sort_as_javascript_compares_them() {
        let keys = [
            "",
            "a",
            "ab",
            "b",
            "é",
            "données",
            "donnees",
            "数据",
            "数",
            "\u{E000}",
            "\u{FFFD}",
            "\u{10000}",
            "\u{1F600}x",
            "\u{1F600}",
            "a\u{10000}",
            "a\u{FFFF}",
            "امن",
        ];
        for a in keys {
            for b in keys {
                let javascript = a.encode_utf16().cmp(b.encode_utf16());
                assert_eq!(utf16_order(a, b), javascript, "{a:?} against {b:?}");
            }
        }
        // Where UTF-8's byte order and UTF-16's disagree.
        assert!(utf16_order("\u{10000}", "\u{E000}").is_lt());
        // Every pair of two-character keys from the encodings' edges.
        let edges = [
            '\u{7F}',
            '\u{80}',
            '\u{7FF}',
            '\u{800}',
            '\u{D7FF}',
            '\u{E000}',
            '\u{EFFF}',
            '\u{F000}',
            '\u{FFFF}',
            '\u{10000}',
            '\u{FFFFF}',
            '\u{10FFFF}',
        ];
        let keys: Vec<String> = edges
            .iter()
            .flat_map(|&a| edges.iter().map(move |&b| format!("{a}{b}")))
            .collect();
        for a in &keys {
            for b in &keys {
                let javascript = a.encode_utf16().cmp(b.encode_utf16());
                assert_eq!(utf16_order(a, b), javascript, "{a:?} against {b:?}");
            }
        }
    }
}
