//! The preview server's HTTP: reading a request head against its deadline,
//! parsing it, and answering from the in-memory site — a file, the page of
//! diagnostics, or the event stream that reloads open pages.
//!
//! Only `GET` and `HEAD` of a path inside the site are answered; anything
//! else gets 400, 405 or 431, and a head still incomplete at its deadline
//! 408. One request a connection: every response but the event stream's
//! says `Connection: close`. [`parse_request`] takes the raw bytes a client
//! sent and never panics, whatever they are.

use super::Shared;
use super::connections::{Connection, Limits};
use crate::pages::page_file;
use crate::sync::lock;
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The address of the event stream that open pages listen to.
const EVENTS: &str = "/__igf-archive/events";
/// Requests larger than this are refused.
const MAX_REQUEST_HEAD: usize = 16 * 1024;
/// An event stream with nothing to say says so this often, which also
/// finds out when its reader has gone.
const KEEP_ALIVE: Duration = Duration::from_secs(20);

/// What a request asked for, once checked.
#[derive(Debug, PartialEq, Eq)]
pub enum Request {
    /// A path inside the site, decoded, without `.` or `..`.
    File {
        path: String,
        head: bool,
    },
    Events,
    Bad(&'static str),
    MethodNotAllowed,
}

/// Parses a request head as a client sent it: the request line, then the
/// headers, which are not needed and not looked at. Never panics.
pub fn parse_request(head: &[u8]) -> Request {
    let line = head.split(|&b| b == b'\n').next().unwrap_or_default();
    match std::str::from_utf8(line) {
        Ok(line) => parse_request_line(line.trim_end()),
        Err(_) => Request::Bad("the request line is not UTF-8"),
    }
}

/// Parses a request line such as `GET /en/index.html?q=x HTTP/1.1`.
pub fn parse_request_line(line: &str) -> Request {
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Request::Bad("malformed request line");
    };
    if !version.starts_with("HTTP/1.") {
        return Request::Bad("unsupported HTTP version");
    }
    let head = match method {
        "GET" => false,
        "HEAD" => true,
        _ => return Request::MethodNotAllowed,
    };
    let Some(path) = target.strip_prefix('/') else {
        return Request::Bad("the target is not a path");
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    if format!("/{path}") == EVENTS {
        return Request::Events;
    }
    let Some(decoded) = percent_decode(path) else {
        return Request::Bad("invalid percent-encoding");
    };
    if decoded.contains('\\')
        || decoded.contains('\0')
        || decoded.split('/').any(|s| s == ".." || s == ".")
    {
        return Request::Bad("the path leaves the site");
    }
    Request::File {
        path: decoded,
        head,
    }
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            // Two hex digits: from_str_radix alone would take `+1` too.
            let hex = text.get(i + 1..i + 3)?;
            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// How reading a request head ended.
enum Head {
    /// The head up to its blank line, or all the client sent before it
    /// stopped sending.
    Complete(Vec<u8>),
    /// Larger than `MAX_REQUEST_HEAD`.
    TooLarge,
    /// The deadline passed with part of a head received.
    TooSlow,
    /// Nothing worth answering: no bytes before the deadline or the end,
    /// an error, or the server closed the connection to make room.
    Gone,
}

/// Reads a request head, which must be whole by `deadline` however slowly
/// its bytes come: each read may wait only for the time left.
fn read_head(mut stream: &TcpStream, deadline: Instant, connection: &Connection) -> Head {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0; 4096];
    // Where the line being read starts, and how far the head was searched.
    let (mut line_start, mut searched) = (0, 0);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return if head.is_empty() {
                Head::Gone
            } else {
                Head::TooSlow
            };
        }
        let room = (MAX_REQUEST_HEAD + 1 - head.len()).min(chunk.len());
        let read = stream.read(&mut chunk[..room]);
        if connection.is_closed() {
            return Head::Gone;
        }
        match read {
            Ok(0) if head.is_empty() => return Head::Gone,
            Ok(0) => return Head::Complete(head),
            Ok(n) => head.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) && !head.is_empty() =>
            {
                return Head::TooSlow;
            }
            Err(_) => return Head::Gone,
        }
        // The head ends with an empty line ("\r\n" or "\n").
        while let Some(at) = head[searched..].iter().position(|&b| b == b'\n') {
            let end = searched + at;
            if matches!(&head[line_start..end], b"" | b"\r") {
                if end >= MAX_REQUEST_HEAD {
                    return Head::TooLarge;
                }
                head.truncate(end + 1);
                return Head::Complete(head);
            }
            line_start = end + 1;
            searched = end + 1;
        }
        searched = head.len();
        if head.len() > MAX_REQUEST_HEAD {
            return Head::TooLarge;
        }
    }
}

/// Answers one connection: one request, or an event stream.
pub(super) fn handle(
    stream: TcpStream,
    connection: &Connection,
    shared: &Shared,
    limits: &Limits,
) -> io::Result<()> {
    let head = read_head(&stream, connection.accepted + limits.head_time, connection);
    connection.head_read();
    let refuse = |status, body: &[u8]| {
        let deadline = Instant::now() + limits.response_time;
        respond(&stream, status, "text/plain", body, false, deadline)
    };
    let head = match head {
        Head::Complete(head) => head,
        Head::TooLarge => return refuse(431, b"request header too large\n"),
        Head::TooSlow => return refuse(408, b"the request took too long to arrive\n"),
        Head::Gone => return Ok(()),
    };
    match parse_request(&head) {
        Request::Bad(why) => refuse(400, format!("bad request: {why}\n").as_bytes()),
        Request::MethodNotAllowed => refuse(405, b"method not allowed\n"),
        Request::Events => events(&stream, connection, shared, limits),
        Request::File { path, head } => {
            let (status, content_type, body) = lookup(shared, &path);
            let deadline = Instant::now() + limits.response_time;
            respond(&stream, status, content_type, &body, head, deadline)
        }
    }
}

fn lookup(shared: &Shared, path: &str) -> (u16, &'static str, Vec<u8>) {
    let site = shared.site.read().unwrap_or_else(|e| e.into_inner());
    let file = if path.is_empty() || path.ends_with('/') {
        page_file(path)
    } else {
        path.to_string()
    };
    let found = site
        .files
        .get(&file)
        .map(|b| (file.clone(), b))
        .or_else(|| {
            let index = format!("{file}/index.html");
            site.files.get(&index).map(|b| (index, b))
        });
    match found {
        Some((name, bytes)) => {
            let content_type = content_type(&name);
            if content_type.starts_with("text/html") {
                let page = site
                    .broken
                    .clone()
                    .map(String::into_bytes)
                    .unwrap_or_else(|| bytes.to_vec());
                (200, content_type, with_reload_script(page))
            } else {
                (200, content_type, bytes.to_vec())
            }
        }
        None => {
            let page = site
                .files
                .get("404.html")
                .map(|b| b.to_vec())
                .unwrap_or_else(|| b"not found\n".to_vec());
            (404, "text/html; charset=utf-8", with_reload_script(page))
        }
    }
}

/// Adds the listener that reloads the page when it changes: serve mode only.
fn with_reload_script(mut page: Vec<u8>) -> Vec<u8> {
    let script = format!(
        "<script>(function(){{var here=location.pathname;var s=new EventSource(\"{EVENTS}\");\
         s.onmessage=function(e){{var c=JSON.parse(e.data);if(c.all||c.paths.some(function(p){{var u=\"/\"+p;return u===here||u===here+\"index.html\";}}))location.reload();}};}})();</script>"
    );
    let at = page
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(page.len());
    page.splice(at..at, script.into_bytes());
    page
}

/// Sends each change to an open page until the page goes away, or until
/// the server closes the stream to make room for a newer one (the page's
/// `EventSource` then connects again by itself).
fn events(
    stream: &TcpStream,
    connection: &Connection,
    shared: &Shared,
    limits: &Limits,
) -> io::Result<()> {
    if connection.become_event_stream(stream) {
        // Wake the stream that was closed, so that its thread ends now.
        drop(lock(&shared.change));
        shared.changed.notify_all();
    }
    let send = |bytes: &[u8]| write_by(stream, bytes, Instant::now() + limits.response_time);
    send(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\n: connected\n\n")?;
    let mut seen = lock(&shared.change).0;
    loop {
        let message = {
            let change = lock(&shared.change);
            let (change, _) = shared
                .changed
                .wait_timeout_while(change, KEEP_ALIVE, |c| {
                    c.0 == seen && !connection.is_closed()
                })
                .unwrap_or_else(|e| e.into_inner());
            if connection.is_closed() {
                return Ok(());
            }
            if change.0 == seen {
                None
            } else {
                seen = change.0;
                Some(change.1.clone())
            }
        };
        match message {
            Some(json) => send(format!("data: {json}\n\n").as_bytes())?,
            None => send(b": still here\n\n")?,
        }
    }
}

fn respond(
    stream: &TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    head_only: bool,
    deadline: Instant,
) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        _ => "Error",
    };
    let mut response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    if !head_only {
        response.extend_from_slice(body);
    }
    write_by(stream, &response, deadline)
}

/// Writes all of `bytes` by `deadline`, however slowly the client reads:
/// each write may wait only for the time left.
fn write_by(mut stream: &TcpStream, mut bytes: &[u8], deadline: Instant) -> io::Result<()> {
    while !bytes.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        match stream.write(bytes) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines_that_leave_the_site_are_refused() {
        assert_eq!(
            parse_request_line("GET /en/index.html?q=x HTTP/1.1"),
            Request::File {
                path: "en/index.html".into(),
                head: false
            }
        );
        assert_eq!(
            parse_request_line("HEAD /zh/ HTTP/1.0"),
            Request::File {
                path: "zh/".into(),
                head: true
            }
        );
        assert_eq!(
            parse_request_line("GET /%E4%B8%AD HTTP/1.1"),
            Request::File {
                path: "中".into(),
                head: false
            }
        );
        for bad in [
            "GET /../etc/passwd HTTP/1.1",
            "GET /en/%2e%2e/%2e%2e/x HTTP/1.1",
            "GET /a/..%2f..%2fx HTTP/1.1",
            "GET /a%5c..%5cx HTTP/1.1",
            "GET /%zz HTTP/1.1",
            "GET x HTTP/1.1",
            "garbage",
            "GET / SPDY/3",
        ] {
            assert!(matches!(parse_request_line(bad), Request::Bad(_)), "{bad}");
        }
        assert_eq!(
            parse_request_line("DELETE / HTTP/1.1"),
            Request::MethodNotAllowed
        );
    }

    #[test]
    fn a_head_is_parsed_by_its_request_line() {
        assert_eq!(
            parse_request(b"GET /en/ HTTP/1.1\r\nHost: x\r\nX: \xff\r\n\r\n"),
            Request::File {
                path: "en/".into(),
                head: false
            }
        );
        assert_eq!(
            parse_request(b"GET /__igf-archive/events HTTP/1.1\n\n"),
            Request::Events
        );
        for bad in [
            &b""[..],
            b"\r\n\r\n",
            b"\x00\xff\xfe nonsense",
            b"GET /\xff HTTP/1.1\r\n\r\n",
        ] {
            assert!(matches!(parse_request(bad), Request::Bad(_)), "{bad:?}");
        }
    }

    /// What a fuzz target would do, briefly: bytes of every kind, with the
    /// characters the parser looks at over-represented.
    #[test]
    fn no_bytes_make_the_parser_panic() {
        const ALPHABET: &[u8] =
            b"GET HEAD/%.?#\\\r\n\0e2f5cE4B8AD HTTP/1.1 __igf-archive/events\xff\xc3\xa9";
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let length = (next() % 48) as usize;
            let bytes: Vec<u8> = (0..length)
                .map(|_| {
                    let r = next();
                    if r % 4 == 0 {
                        (r >> 8) as u8
                    } else {
                        ALPHABET[(r >> 8) as usize % ALPHABET.len()]
                    }
                })
                .collect();
            let _ = parse_request(&bytes);
        }
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let page = String::from_utf8(with_reload_script(
            b"<html><body><p>x</p></body></html>".to_vec(),
        ))
        .unwrap();
        assert!(page.contains("<p>x</p><script>") && page.ends_with("</script></body></html>"));
    }
}
