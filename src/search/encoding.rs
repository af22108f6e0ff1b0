//! How the search files write their data: numbers as base-32 varints in
//! JavaScript strings, and each file as a call to `IGFSearch` that
//! registers it when loaded with `<script>`.

use crate::pages::OutputFile;
use serde_json::Value;
use std::fmt::Write as _;

/// 64 characters that need no escaping in a JavaScript string.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// `push_varint` for numbers up to 2^53.
pub(super) fn push_varint64(out: &mut String, mut value: u64) {
    loop {
        let low = (value & 31) as usize;
        value >>= 5;
        if value == 0 {
            out.push(DIGITS[low] as char);
            return;
        }
        out.push(DIGITS[low + 32] as char);
    }
}

/// A number as base-32 digits, least significant first; a digit of 32 or
/// more says another follows.
pub(super) fn push_varint(out: &mut String, value: u32) {
    push_varint64(out, u64::from(value));
}

/// Appends `"key":"value"` to a JSON object's members.
pub(super) fn push_entry(out: &mut String, key: &str, value: &str) {
    if !out.is_empty() {
        out.push(',');
    }
    push_json_string(out, key);
    out.push(':');
    push_json_string(out, value);
}

fn push_json_string(out: &mut String, text: &str) {
    if text
        .chars()
        .any(|c| c == '"' || c == '\\' || c < ' ' || c == '\u{2028}' || c == '\u{2029}')
    {
        out.push_str(&serde_json::to_string(text).unwrap_or_default());
    } else {
        out.push('"');
        out.push_str(text);
        out.push('"');
    }
}

/// `t-<n>.js`: the surface forms and terms of one shard, as JSON members.
pub(super) fn shard_file(n: usize, surfaces: &str, terms: &str) -> OutputFile {
    let mut body = String::with_capacity(surfaces.len() + terms.len() + 64);
    let _ = writeln!(
        body,
        "IGFSearch.shard({n},{{\"s\":{{{surfaces}}},\"t\":{{{terms}}}}});"
    );
    OutputFile {
        path: format!("search/t-{n}.js"),
        bytes: body.into_bytes(),
    }
}

/// `search/<name>`: a call of `IGFSearch.<kind>` with the file's number,
/// if it has one, and its data.
pub(super) fn script(name: &str, kind: &str, id: Option<usize>, data: &Value) -> OutputFile {
    let body = match id {
        Some(id) => format!("IGFSearch.{kind}({id},{data});\n"),
        None => format!("IGFSearch.{kind}({data});\n"),
    };
    OutputFile {
        path: format!("search/{name}"),
        bytes: body.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_short_and_safe_in_strings() {
        let mut out = String::new();
        for n in [0, 31, 32, 1023, 1024] {
            push_varint(&mut out, n);
        }
        assert_eq!(out, "0VW1_VWW1");
    }
}
