//! Counting words in every script, for the IGF's length limits.

/// Words in a text, for the IGF's length limits. Chinese and Japanese are
/// written without spaces; a word there averages about two characters.
pub fn word_count(text: &str) -> usize {
    let cjk = text.chars().filter(|&c| is_cjk(c)).count();
    let spaced = text
        .split_whitespace()
        .filter(|w| !w.chars().all(is_cjk))
        .count();
    spaced + cjk.div_ceil(2)
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // Hiragana, Katakana
        | 0x3400..=0x4DBF // CJK Extension A
        | 0x4E00..=0x9FFF // CJK Unified Ideographs
        | 0xAC00..=0xD7AF // Hangul syllables
        | 0xF900..=0xFAFF // CJK Compatibility Ideographs
        | 0x20000..=0x2FA1F)
}
