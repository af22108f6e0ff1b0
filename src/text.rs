//! Plain-text utilities: excerpts for feeds and search results, short
//! quotes of long input in messages, and line ends.

/// The start of a text, cut at a word, with `…` when cut.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// The first `max_chars` characters of a text, with `…` when cut: for
/// quoting input of any length in a message.
pub fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// The text with CRLF and lone CR line ends turned into LF: lines are
/// counted the same way wherever a file is read.
pub fn unix_newlines(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_at_a_word() {
        assert_eq!(excerpt("one two three", 9), "one two…");
        assert_eq!(excerpt("short", 9), "short");
    }

    #[test]
    fn truncates_at_a_character() {
        assert_eq!(truncate("données", 4), "donn…");
        assert_eq!(truncate("数据", 2), "数据");
    }
}
