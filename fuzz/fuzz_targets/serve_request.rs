//! `serve`'s request parsing: a request line (`GET /path?q HTTP/1.1`, as
//! `serve` reads it: one line, trailing whitespace trimmed) through
//! `serve::parse_request_line`.
//!
//! Input: bytes; `serve` answers a line that is not UTF-8 with 400 before
//! parsing it, so only UTF-8 lines are parsed here.
//!
//! Asserts, independently of the parser:
//! - a file is served only for `GET` or `HEAD` (`head` set for `HEAD`),
//!   for exactly three space-separated parts and an `HTTP/1.x` version;
//! - its path is the target's path (without `/`, `?…`, `#…`) decoded by a
//!   strict percent-decoder (`%` then two hex digits, UTF-8 result), and
//!   so is refused whenever that decoding fails;
//! - the path has no `..` or `.` segment, no backslash and no NUL;
//! - the live-reload stream is answered only for its own path.
#![no_main]

use igf_archive::serve::{Request, parse_request_line};
use libfuzzer_sys::fuzz_target;

/// `serve`'s server-sent events path (private in src/serve.rs).
const EVENTS: &str = "/__igf-archive/events";

/// RFC 3986 percent-decoding: every `%` is followed by two hex digits.
fn strict_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: Option<&u8>| b.and_then(|b| (*b as char).to_digit(16));
            let high = hex(bytes.get(i + 1))?;
            let low = hex(bytes.get(i + 2))?;
            out.push((high * 16 + low) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fuzz_target!(|data: &[u8]| {
    let Ok(line) = std::str::from_utf8(data) else {
        return;
    };
    let request = parse_request_line(line);
    let parts: Vec<&str> = line.split(' ').collect();
    let well_formed = parts.len() == 3 && parts[2].starts_with("HTTP/1.");
    let target_path = parts
        .get(1)
        .and_then(|t| t.strip_prefix('/'))
        .map(|p| p.split(['?', '#']).next().unwrap_or(""));
    match request {
        Request::File { path, head } => {
            assert!(well_formed, "a file for a malformed line {line:?}");
            assert_eq!(head, parts[0] == "HEAD", "{line:?}");
            assert!(matches!(parts[0], "GET" | "HEAD"), "{line:?}");
            let raw = target_path.expect("a file for a target that is not a path");
            assert!(
                strict_decode(raw).as_deref() == Some(path.as_str()),
                "{line:?}: the path {path:?} is not the target's, strictly percent-decoded ({:?})",
                strict_decode(raw)
            );
            assert!(
                !path.contains('\\')
                    && !path.contains('\0')
                    && !path.split('/').any(|s| s == ".." || s == "."),
                "{line:?}: the path {path:?} leaves the site"
            );
        }
        Request::Events => {
            assert!(
                well_formed && matches!(parts[0], "GET" | "HEAD"),
                "{line:?}"
            );
            assert_eq!(
                target_path.map(|p| format!("/{p}")).as_deref(),
                Some(EVENTS)
            );
        }
        Request::MethodNotAllowed => {
            assert!(
                well_formed && !matches!(parts[0], "GET" | "HEAD"),
                "{line:?}"
            );
        }
        Request::Bad(why) => assert!(!why.is_empty()),
    }
});
