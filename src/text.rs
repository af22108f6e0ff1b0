//! Plain-text utilities: escaping for HTML and XML, excerpts for feeds
//! and search results, short quotes of long input in messages, and line
//! ends.

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

/// Tera's default escaping also turns `/` into `&#x2F;`, which bloats every
/// URL; escaping these five characters is what HTML needs.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    escape_html_into(&mut out, input);
    out
}

/// `escape_html`, onto the end of `out`.
pub fn escape_html_into(out: &mut String, input: &str) {
    escape_into(out, input, |byte| match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    });
}

/// Copies `input` onto `out`, each ASCII byte that `entity` names replaced
/// by its entity. The runs between them are copied whole: the bytes are
/// ASCII, so a byte scan finds them and never splits a character.
pub fn escape_into(out: &mut String, input: &str, entity: impl Fn(u8) -> Option<&'static str>) {
    let mut run = 0;
    for (at, byte) in input.bytes().enumerate() {
        if let Some(entity) = entity(byte) {
            out.push_str(&input[run..at]);
            out.push_str(entity);
            run = at + 1;
        }
    }
    out.push_str(&input[run..]);
}

/// Escapes text for XML content and attribute values.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text, |byte| match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&apos;"),
        b'\n' | b'\t' | b'\r' => None,
        // Characters XML 1.0 forbids never come from Markdown text, but a
        // control character in front matter must not break the feed.
        byte if byte < 0x20 => Some(""),
        _ => None,
    });
    out
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

    #[test]
    fn escaping_keeps_slashes() {
        assert_eq!(
            escape_html("../a/<b>&\"'"),
            "../a/&lt;b&gt;&amp;&quot;&#39;"
        );
        assert_eq!(escape_html("«é»<ü>中文&"), "«é»&lt;ü&gt;中文&amp;");
        assert_eq!(escape_html("plain"), "plain");
    }

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(escape_xml("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(escape_xml("l'été\n\u{7f}"), "l&apos;été\n\u{7f}");
    }
}
