//! `igf-archive serve` over a real loopback socket: pages served from
//! memory, edits picked up, broken content shown as diagnostics, requests
//! that try to leave the site refused, garbage survived, slow and idle
//! clients and open tabs unable to hold the server.

mod common;

use common::*;
use igf_archive::serve::{Limits, serve_with};
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
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

/// Starts the server in this process with `limits`, on the basic fixture
/// where it is (serve only reads it); it runs until the tests end.
fn start_with(limits: Limits) -> String {
    let (ready, address) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let any_port = "127.0.0.1:0".parse().unwrap();
        serve_with(&fixture("basic"), any_port, limits, |a| {
            ready.send(a.to_string()).unwrap()
        })
    });
    address.recv_timeout(Duration::from_secs(60)).unwrap()
}

/// Whether the server closed `stream` (it sent nothing more within `wait`).
fn closed_by_server(stream: &mut TcpStream, wait: Duration) -> bool {
    stream.set_read_timeout(Some(wait)).unwrap();
    let mut buffer = [0; 256];
    match stream.read(&mut buffer) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => !matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut),
    }
}

#[test]
fn a_request_head_sent_byte_by_byte_is_cut_off_at_its_deadline() {
    let deadline = Duration::from_secs(1);
    let address = start_with(Limits {
        head_time: deadline,
        ..Limits::default()
    });
    assert_eq!(get(&address, "/en/index.html").0, 200);

    // One byte every 300 ms: each long before the deadline, the whole head
    // (20 s of it) long after. Once, each byte gave the client 10 s more.
    // (The deadline falls while the client waits to read, not as it writes.)
    let head = b"GET /en/index.html HTTP/1.1\r\nHost: localhost\r\nUser-Agent: slow\r\n\r\n";
    let mut slow = TcpStream::connect(&address).unwrap();
    slow.set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    let started = Instant::now();
    let mut response = Vec::new();
    for &byte in head {
        if slow.write_all(&[byte]).is_err() {
            break;
        }
        match slow.read_to_end(&mut response) {
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            _ => break,
        }
    }
    let took = started.elapsed();
    let response = String::from_utf8_lossy(&response);
    assert!(
        response.starts_with("HTTP/1.1 408 "),
        "after {took:?}: {:?}",
        response.lines().next()
    );
    assert!(
        took >= deadline - Duration::from_millis(100) && took < deadline * 3,
        "cut off after {took:?}, with a deadline of {deadline:?}"
    );

    // A client that says nothing is closed at the deadline, without a word.
    let mut idle = TcpStream::connect(&address).unwrap();
    let started = Instant::now();
    idle.set_read_timeout(Some(deadline * 5)).unwrap();
    let mut nothing = Vec::new();
    assert!(idle.read_to_end(&mut nothing).is_ok() && nothing.is_empty());
    assert!(started.elapsed() < deadline * 3);
}

/// The number of threads of process `pid`, where the system tells.
fn threads(pid: u32) -> Option<usize> {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))?
        .trim()
        .parse()
        .ok()
}

#[test]
fn idle_connections_beyond_the_cap_add_no_threads_and_hold_no_page_back() {
    let archive = copy_fixture("basic");
    let server = start(archive.path());
    let cap = Limits::default().connections;
    // Threads are counted where the system tells (Linux's /proc).
    let before = threads(server.child.id());
    // The server starts a few threads of its own as it goes (the thread
    // pool's, the watcher's): room for them, far below 64 connections.
    let own = 16;
    let most = || {
        let now = threads(server.child.id());
        if let (Some(before), Some(now)) = (before, now) {
            assert!(
                now <= before + cap + own,
                "{now} threads: {before} before, {cap} connections at most"
            );
        }
    };

    let mut idle: Vec<TcpStream> = (0..cap + 64)
        .map(|_| TcpStream::connect(&server.address).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    most();
    // The page comes at once, though every place was taken by a client
    // that says nothing: the oldest of them makes room.
    let started = Instant::now();
    let (status, page) = get(&server.address, "/en/index.html");
    assert_eq!(status, 200);
    assert!(page.contains("class=\"site-header\""));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the page took {:?}",
        started.elapsed()
    );
    most();
    assert!(
        closed_by_server(&mut idle[0], Duration::from_secs(5)),
        "the oldest idle connection was closed to make room"
    );
}

#[test]
fn event_streams_beyond_their_cap_close_the_oldest_and_pages_still_load() {
    let archive = copy_fixture("basic");
    let server = start(archive.path());
    let Limits {
        connections,
        event_streams,
        ..
    } = Limits::default();
    // More open tabs than the server has places, each listening for
    // changes, one after the other.
    let mut streams: Vec<TcpStream> = (0..connections + 8)
        .map(|_| {
            let mut stream = TcpStream::connect(&server.address).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
            stream
                .write_all(b"GET /__igf-archive/events HTTP/1.1\r\nHost: x\r\n\r\n")
                .unwrap();
            let mut received = Vec::new();
            let mut buffer = [0; 512];
            while !received.ends_with(b": connected\n\n") {
                let n = stream.read(&mut buffer).unwrap();
                assert!(n > 0, "closed at once: {received:?}");
                received.extend_from_slice(&buffer[..n]);
            }
            stream
        })
        .collect();

    let started = Instant::now();
    assert_eq!(get(&server.address, "/en/index.html").0, 200);
    assert!(started.elapsed() < Duration::from_secs(5));
    let newest = streams.len() - event_streams;
    for (i, stream) in streams.iter_mut().enumerate() {
        if i < newest {
            assert!(
                closed_by_server(stream, Duration::from_secs(5)),
                "stream {i} of {} is still open",
                connections + 8
            );
        } else {
            assert!(
                !closed_by_server(stream, Duration::from_millis(20)),
                "stream {i}, one of the newest, was closed"
            );
        }
    }
}

#[test]
fn a_named_pipe_among_the_reports_does_not_stop_the_watcher() {
    let archive = copy_fixture("basic");
    let server = start(archive.path());
    let fifo = archive.path().join("content/2020/sessions/pipe.md");
    if !make_fifo(&fifo) {
        return;
    }
    wait_for("the pipe reported", || {
        get(&server.address, "/en/index.html")
            .1
            .contains("a named pipe (FIFO), not a regular file")
    });
    std::fs::remove_file(&fifo).unwrap();
    let report = archive.path().join("content/2020/sessions/ws-1.md");
    replace_in(
        &report,
        "Data flows and privacy",
        "Data flows after the pipe",
    );
    wait_for("an edit after the pipe is gone", || {
        get(&server.address, "/en/2020/sessions/ws-1/index.html")
            .1
            .contains("Data flows after the pipe")
    });
}
