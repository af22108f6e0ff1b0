//! `igf-archive serve` over a real loopback socket: pages served from
//! memory, edits picked up, broken content shown as diagnostics, requests
//! that try to leave the site refused, garbage survived.

mod common;

use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_igf-archive"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server { child, address }
}

/// Sends raw bytes, returns (status, body).
fn raw(address: &str, request: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request).unwrap();
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).to_string();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn get(address: &str, path: &str) -> (u16, String) {
    raw(
        address,
        format!("GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n").as_bytes(),
    )
}

fn wait_for(what: &str, mut condition: impl FnMut() -> bool) {
    let started = Instant::now();
    while !condition() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_pages_and_picks_up_edits() {
    let archive = copy_fixture("basic");
    let server = start(archive.path());
    let (status, page) = get(&server.address, "/en/2020/sessions/ws-1/");
    assert_eq!(status, 200);
    assert!(page.contains("Data flows and privacy"));
    assert!(
        page.contains("EventSource(\"/__igf-archive/events\")"),
        "pages reload themselves in serve mode"
    );
    assert!(
        !archive.path().join("public").exists(),
        "serve writes nothing to disk"
    );

    let report = archive.path().join("content/2020/sessions/ws-1.md");
    std::fs::write(
        &report,
        std::fs::read_to_string(&report)
            .unwrap()
            .replace("Data flows and privacy", "Data flows and trust"),
    )
    .unwrap();
    wait_for("the edited page", || {
        get(&server.address, "/en/2020/sessions/ws-1/index.html")
            .1
            .contains("Data flows and trust")
    });
    wait_for("the list that shows it", || {
        get(&server.address, "/en/2020/sessions/index.html")
            .1
            .contains("Data flows and trust")
    });

    std::fs::write(
        &report,
        std::fs::read_to_string(&report)
            .unwrap()
            .replace("tracks: [data]", "tracks: [dta]"),
    )
    .unwrap();
    wait_for("the diagnostics page", || {
        get(&server.address, "/en/index.html")
            .1
            .contains("unknown track `dta`")
    });
    std::fs::write(
        &report,
        std::fs::read_to_string(&report)
            .unwrap()
            .replace("tracks: [dta]", "tracks: [data]"),
    )
    .unwrap();
    wait_for("the site back", || {
        get(&server.address, "/en/index.html")
            .1
            .contains("class=\"site-header\"")
    });
}

#[test]
fn refuses_paths_out_of_the_site_and_survives_garbage() {
    let archive = copy_fixture("basic");
    let server = start(archive.path());
    for path in [
        "/../site.yaml",
        "/en/../../site.yaml",
        "/en/%2e%2e/%2e%2e/site.yaml",
        "/..%2fsite.yaml",
        "/en/..%5c..%5csite.yaml",
    ] {
        let (status, body) = get(&server.address, path);
        assert_eq!(status, 400, "{path}: {body}");
        assert!(!body.contains("base_url"), "{path} leaked site.yaml");
    }
    assert_eq!(
        get(&server.address, "/content/2020/sessions/ws-1.md").0,
        404,
        "only the built site is served"
    );
    assert_eq!(raw(&server.address, b"garbage\r\n\r\n").0, 400);
    assert_eq!(raw(&server.address, b"\x00\xff\xfe nonsense").0, 400);
    assert_eq!(raw(&server.address, b"POST / HTTP/1.1\r\n\r\n").0, 405);
    let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(40_000));
    assert!(matches!(raw(&server.address, long.as_bytes()).0, 400 | 431));
    // A client that connects and says nothing does not block the others.
    let _idle = TcpStream::connect(&server.address).unwrap();
    let threads: Vec<_> = (0..32)
        .map(|i| {
            let address = server.address.clone();
            std::thread::spawn(move || {
                get(
                    &address,
                    if i % 2 == 0 {
                        "/en/index.html"
                    } else {
                        "/static/style.css"
                    },
                )
                .0
            })
        })
        .collect();
    for thread in threads {
        assert_eq!(thread.join().unwrap(), 200);
    }
    assert_eq!(get(&server.address, "/nowhere/").0, 404);
}
